// hello: the smallest program init starts (servers/init/boot.manifest): it prints its arguments,
// in one line built in a heap block (libsys/heap.h), says where its heap's pages come from (the
// memory server for a `memory` client, else its initial frames: libsys/page_pool.h), and exits.
#include "base/format.h"
#include "libsys/heap.h"
#include "libsys/page_pool.h"
#include "libsys/print.h"

int main(int argc, char** argv) {
  constexpr size_t kLineBytes = 256;
  auto* line = static_cast<char*>(sys::heap::allocate(kLineBytes));
  if (line == nullptr) {
    sys::printf("hello: no heap block for the line\n");
    return 1;
  }
  size_t used = format(line, kLineBytes, "hello: hello from user space, %d arguments:", argc - 1);
  for (int i = 1; i < argc && used < kLineBytes; ++i) {
    used += format(line + used, kLineBytes - used, " %s", argv[i]);
  }
  sys::printf("%s\n", line);
  sys::printf("hello: heap pages from %s\n",
              sys::pages_from_memory_server() ? "the memory server" : "the initial frames");
  sys::heap::free(line);
  return 0;
}
