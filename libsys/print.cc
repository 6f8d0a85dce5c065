#include "libsys/print.h"

#include "base/format.h"
#include "libsys/syscall_stubs.h"

namespace sys {

Status write(const char* text, size_t length) { return sys_debug_write(text, length).status; }

Status print(const char* text) { return write(text, __builtin_strlen(text)); }

Status vprintf(const char* fmt, va_list args) {
  char buffer[kPrintMaxBytes];
  const size_t n = vformat(buffer, sizeof buffer, fmt, args);
  return write(buffer, n < sizeof buffer ? n : sizeof buffer - 1);
}

Status printf(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const Status s = vprintf(fmt, args);
  va_end(args);
  return s;
}

}  // namespace sys
