// The Unity shim's output sink in user space (test/unity/unity_internals.h: a freestanding build
// defines unity_output_char): characters are gathered into lines and each line goes to the kernel
// log with one debug_write, so a test program's result lines reach the serial log whole, where the
// test harness counts them as it counts the kernel's own.
#include <stddef.h>

#include "libsys/print.h"

namespace {
char g_line[256];
size_t g_line_length = 0;
}  // namespace

extern "C" void unity_output_char(int c) {
  g_line[g_line_length++] = static_cast<char>(c);
  if (c == '\n' || g_line_length == sizeof g_line) {
    (void)sys::write(g_line, g_line_length);
    g_line_length = 0;
  }
}
