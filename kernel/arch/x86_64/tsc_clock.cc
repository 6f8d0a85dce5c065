// arch::monotonic_ns over the TSC (kernel/arch/x86_64/tsc_clock.h).
//
// ns = (tsc - base) * mult >> 32: one 64x64->128 multiply per read, no division. mult is the
// nanoseconds per cycle in 32.32 fixed point, so a 1-10 GHz TSC keeps about nine significant
// digits; the 10 ms PIT window (one PIT count is 838 ns) limits the rate's accuracy to about
// 1e-4, and the resolution is one TSC cycle (about 1 ns at 1 GHz and above).
//
// Never going back: the CPUs' TSCs are the same counter under QEMU and Bochs and on machines with
// an invariant, synchronized TSC, but nothing here checks that, so every read is also clamped to
// the largest value any CPU has returned (one shared word; a CPU whose TSC lags sees the clock
// stand still until it catches up, never run backwards).
#include "kernel/arch/x86_64/tsc_clock.h"

#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"

namespace {

uint64_t g_tsc_base = 0;
uint64_t g_ns_per_cycle_fixed = 0;  // 32.32; 0 until calibrated (the clock reads 0)
std::atomic<uint64_t> g_latest_ns{0};

}  // namespace

void tsc_clock_calibrate(uint64_t tsc_cycles, uint64_t window_ns, uint64_t tsc_at_end) {
  if (tsc_cycles == 0) tsc_cycles = 1;
  g_ns_per_cycle_fixed =
      static_cast<uint64_t>((static_cast<unsigned __int128>(window_ns) << 32) / tsc_cycles);
  g_tsc_base = tsc_at_end;
}

uint64_t arch::monotonic_ns() {
  const uint64_t tsc = x86::rdtsc();
  const uint64_t cycles = tsc > g_tsc_base ? tsc - g_tsc_base : 0;
  const uint64_t now =
      static_cast<uint64_t>((static_cast<unsigned __int128>(cycles) * g_ns_per_cycle_fixed) >> 32);
  uint64_t latest = g_latest_ns.load(std::memory_order_relaxed);
  while (now > latest) {
    if (g_latest_ns.compare_exchange_weak(latest, now, std::memory_order_relaxed)) return now;
  }
  return latest;
}
