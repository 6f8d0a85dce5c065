// The time-stamp counter, for ordering events across CPUs without a system call (a syscall on the
// spinning side could reload its I/O bitmap and hide a missed invalidation). The emulators the
// tests run on keep one TSC for all CPUs, so readings on two CPUs compare.
#pragma once

#include <stdint.h>

namespace stress {

// LFENCE on both sides: the read is not moved before earlier instructions complete, nor later
// ones (an IN) before it.
inline uint64_t read_tsc() {
  uint32_t low, high;
  asm volatile("lfence; rdtsc; lfence" : "=a"(low), "=d"(high)::"memory");
  return uint64_t{high} << 32 | low;
}

}  // namespace stress
