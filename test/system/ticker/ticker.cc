// A program that keeps printing for a while and then exits: booted side by side with one that
// faults (programs=concurrent), it shows that a fault kills only the faulting task and the
// kernel and the other tasks go on.
#include <stdint.h>

#include "libsys/print.h"

int main(int, char**) {
  constexpr int kLines = 20;
  for (int line = 1; line <= kLines; ++line) {
    // A pause between lines long enough for the other program to start, fault and be logged.
    for (uint64_t spin = 0; spin < 2000000; ++spin) {
      asm volatile("pause" ::: "memory");  // kept: the compiler may not drop the loop
    }
    sys::printf("ticker: line %d of %d\n", line, kLines);
  }
  sys::printf("ticker: still running, done\n");
  return 0;
}
