// `./portcullis bench ipc`: the costs a user program pays for the kernel's basic services, timed
// from ring 3 the way docs/benchmarking.md's seL4 rows were (t0 = rdtsc; operation; t1 = rdtsc;
// the loop included, nothing subtracted), medians of kSamples, in guest instructions under QEMU
// -icount shift=0. One table, each row beside the peer figure measured in the same QEMU.
#include <stdint.h>

#include "libsys/print.h"
#include "libsys/syscall_stubs.h"

namespace {

constexpr uint32_t kSamples = 10001;  // odd: the median is one sample
uint64_t g_samples[kSamples];

inline uint64_t rdtsc() {
  uint32_t lo = 0;
  uint32_t hi = 0;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return (uint64_t{hi} << 32) | lo;
}

// Insertion sort is too slow for 10,001 samples; a heap sort keeps the program self-contained.
void sift_down(uint64_t* v, uint32_t root, uint32_t n) {
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

uint64_t median(uint64_t* v, uint32_t n) {
  for (uint32_t i = n / 2; i-- > 0;) sift_down(v, i, n);
  for (uint32_t end = n; end-- > 1;) {
    const uint64_t t = v[0];
    v[0] = v[end];
    v[end] = t;
    sift_down(v, 0, end);
  }
  return v[n / 2];
}

// Times `operation` kSamples times; 0 if any sample failed (the row then says so).
template <typename Operation>
uint64_t time_median(Operation operation) {
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = rdtsc();
    const bool ok = operation();
    const uint64_t t1 = rdtsc();
    if (!ok) return 0;
    g_samples[i] = t1 - t0;
  }
  return median(g_samples, kSamples);
}

void row(const char* what, uint64_t ticks, const char* peers) {
  if (ticks == 0) {
    sys::printf("| %s | failed | %s |\n", what, peers);
  } else {
    sys::printf("| %s | %lu | %s |\n", what, ticks, peers);
  }
}

}  // namespace

int main(int, char**) {
  sys::printf("bench ipc: ticks = guest instructions (QEMU -icount shift=0), median of %u\n",
              kSamples);
  sys::printf("| operation | Portcullis | seL4 16.0 / Linux 6.1 |\n|---|---:|---|\n");
  row("rdtsc pair (the timing's own cost)", time_median([] { return true; }), "-");
  row("null syscall", time_median([] { return sys_null().status == Status::kOk; }),
      "about 100 (sel4bench) / getppid 344");
  sys::printf("bench ipc: done\n");
  return 0;
}
