// hello: the smallest program init starts (servers/init/boot.manifest): it prints its arguments,
// in one line, and exits.
#include "base/format.h"
#include "libsys/print.h"

int main(int argc, char** argv) {
  char line[256];
  size_t used = format(line, sizeof line, "hello: hello from user space, %d arguments:", argc - 1);
  for (int i = 1; i < argc && used < sizeof line; ++i) {
    used += format(line + used, sizeof line - used, " %s", argv[i]);
  }
  sys::printf("%s\n", line);
  return 0;
}
