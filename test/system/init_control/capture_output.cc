// portsh::Output's print and printf for the test, which links the control commands without the
// shell (servers/portsh/ defines them for the shell itself).
#include <stdarg.h>

#include "base/format.h"
#include "servers/portsh/command.h"

namespace portsh {

Status Output::print(const char* text) {
  size_t n = 0;
  while (text[n] != '\0') ++n;
  return write(text, n);
}

Status Output::printf(const char* fmt, ...) {
  char text[kPrintfMaxBytes];
  va_list args;
  va_start(args, fmt);
  const size_t n = vformat(text, sizeof text, fmt, args);
  va_end(args);
  return write(text, n < sizeof text ? n : sizeof text - 1);
}

}  // namespace portsh
