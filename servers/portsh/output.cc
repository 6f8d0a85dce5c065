// Output::print and Output::printf (servers/portsh/command.h): text into the one write every
// Output implements.
#include <stdarg.h>

#include "base/format.h"
#include "servers/portsh/command.h"

namespace portsh {

Status Output::print(const char* text) { return write(text, __builtin_strlen(text)); }

Status Output::printf(const char* fmt, ...) {
  char text[kPrintfMaxBytes];
  va_list args;
  va_start(args, fmt);
  const size_t full = vformat(text, sizeof text, fmt, args);
  va_end(args);
  return write(text, full < sizeof text ? full : sizeof text - 1);
}

}  // namespace portsh
