// A program whose ASSERT fails: libsys prints the expression, file and line through debug_write and
// faults, the kernel logs the fault and ends the program, and the next module still runs (the
// boot ends "fail" because a program faulted; test/system/SConscript expects exactly that).
#include "base/assert.h"
#include "libsys/print.h"

int main(int argc, char** argv) {
  sys::printf("%s: failing an ASSERT on purpose\n", argv[0]);
  ASSERT(argc == 42);
  return 0;
}
