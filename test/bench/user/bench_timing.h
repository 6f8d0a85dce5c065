// What the user-space benchmarks share (test/bench/user/): the timestamp, the median of a sample
// array, a thread pinned to a CPU, a free capability slot and text comparison. Header-only: each
// benchmark is one program, and the user include path holds no test/ folder, so the benchmarks
// include this by its own folder.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/status.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"

namespace bench {

// Under QEMU -icount shift=0 the TSC counts guest instructions (docs/benchmarking.md).
inline uint64_t rdtsc() {
  uint32_t lo = 0;
  uint32_t hi = 0;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return (uint64_t{hi} << 32) | lo;
}

// Insertion sort is too slow for 10,001 samples; a heap sort keeps the programs self-contained.
inline void sift_down(uint64_t* v, uint32_t root, uint32_t n) {
  for (;;) {
    uint32_t child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && v[child + 1] > v[child]) ++child;
    if (v[root] >= v[child]) return;
    const uint64_t t = v[root];
    v[root] = v[child];
    v[child] = t;
    root = child;
  }
}

// Sorts `v` and answers its middle element (an odd `n` makes the median one sample).
inline uint64_t median(uint64_t* v, uint32_t n) {
  for (uint32_t i = n / 2; i-- > 0;) sift_down(v, i, n);
  for (uint32_t end = n; end-- > 1;) {
    const uint64_t t = v[0];
    v[0] = v[end];
    v[end] = t;
    sift_down(v, 0, end);
  }
  return v[n / 2];
}

// Runs `body()` on a thread pinned to `cpu`; the caller joins (the Thread's destructor).
template <typename Body>
Status start_pinned(sys::Thread& thread, uint32_t cpu, Body& body) {
  sys::ThreadOptions options;
  options.cpu = cpu;
  return thread.start([](void* arg) { (*static_cast<Body*>(arg))(); }, &body, options);
}

// The lowest empty slot (task_spawn wants its target named); kCapSlotAny if none.
inline uint32_t free_slot() {
  for (uint32_t slot = kFirstFreeSlot; slot < kTaskCapSlots; ++slot) {
    if (sys_cap_type(slot).status == Status::kBadHandle) return slot;  // empty
  }
  return kCapSlotAny;
}

inline bool same_text(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

}  // namespace bench
