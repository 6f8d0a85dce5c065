// ASSERT's failure path in user space (base/assert.h): say which assertion failed on the debug
// console, then stop the thread with an invalid-opcode fault, which the kernel reports to the
// task's supervisor (docs/faults.md).
#include "base/assert.h"
#include "base/format.h"
#include "libsys/syscall_stubs.h"

void assert_fail(const char* expr, const char* file, int line) {
  // One debug_write for the whole line: the kernel prints each under one lock, so another
  // program's output (a Unity result line the harness counts) never lands inside it.
  char text[256];
  const size_t full = format(text, sizeof text, "ASSERT failed: %s at %s:%d\n", expr, file, line);
  const size_t written = full < sizeof text ? full : sizeof text - 1;
  if (written == sizeof text - 1) text[written - 1] = '\n';  // cut: still one whole line
  (void)sys_debug_write(text, written);
  __builtin_trap();
}
