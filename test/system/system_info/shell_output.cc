// portsh::Output's print and printf (servers/portsh/command.h) for this test, which links the
// shell's system commands without the shell (whose console defines them): the same contract,
// text handed to write().
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
  char line[kPrintfMaxBytes];
  va_list args;
  va_start(args, fmt);
  const size_t n = vformat(line, sizeof line, fmt, args);
  va_end(args);
  return write(line, n < sizeof line ? n : sizeof line - 1);
}

}  // namespace portsh
