// arch::monotonic_ns over the TSC (kernel/arch/x86_64/tsc_clock.h).
//
// Calibration: the PIT's count is read at the start and the end of a window of about 10 ms, each
// read bracketed by two TSC reads. Only the endpoints matter, so a guest descheduled in the middle
// of the window (an emulator on a busy host) does not skew the rate; a wide bracket at either end
// (descheduled during the read itself) makes the attempt less sharp: up to kAttempts windows are
// timed until one is known to 1/1000, else the sharpest one is used.
// Timing the window from "the PIT was started" instead read rates 30 % off under load.
//
// ns = (tsc - base) * mult >> 32: one 64x64->128 multiply per read, no division. mult is the
// nanoseconds per cycle in 32.32 fixed point (about nine significant digits for a 1-10 GHz TSC);
// the rate is as good as the PIT's count over the window (one count is 838 ns of 10 ms, so about
// 1e-4), and the resolution is one TSC cycle (about 1 ns at 1 GHz and above).
//
// Never going back: the CPUs' TSCs are one counter under QEMU and Bochs and on machines with an
// invariant, synchronized TSC, but nothing here relies on that: every read is also clamped to the
// largest value any CPU has returned (one shared word; a CPU whose TSC lags sees the clock stand
// still until it catches up, never run backwards).
#include "kernel/arch/x86_64/tsc_clock.h"

#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/lapic.h"

namespace {

constexpr uint16_t kWindowCounts = 11932;  // 10 ms of PIT counts
constexpr int kAttempts = 8;

uint64_t g_tsc_base = 0;
uint64_t g_ns_per_cycle_fixed = 0;  // 32.32; 0 until calibrated (the clock reads 0)
std::atomic<uint64_t> g_latest_ns{0};

struct PitReading {
  uint16_t count;
  uint64_t tsc_before;
  uint64_t tsc_after;
  uint64_t tsc_middle() const { return tsc_before + (tsc_after - tsc_before) / 2; }
  uint64_t uncertainty() const { return tsc_after - tsc_before; }
};

PitReading read_pit() {
  PitReading r;
  r.tsc_before = x86::rdtsc();
  r.count = pit_read_count();
  r.tsc_after = x86::rdtsc();
  return r;
}

struct Window {
  uint64_t cycles = 0;
  uint64_t ns = 0;
  uint64_t uncertainty = UINT64_MAX;  // TSC cycles: the two readings' brackets together
  // Sharp enough to stop looking: the endpoints are known to 1/1000 of the window.
  bool sharp() const { return uncertainty != UINT64_MAX && uncertainty * 1000 <= cycles; }
  bool sharper_than(const Window& other) const {
    return static_cast<unsigned __int128>(uncertainty) * other.cycles <
           static_cast<unsigned __int128>(other.uncertainty) * cycles;
  }
};

// One window, or false when the PIT ran out before the end reading (a stall of 45 ms or more).
bool measure_window(Window* out) {
  pit_start_one_shot(0xFFFF);  // about 55 ms
  const PitReading start = read_pit();
  if (start.count < kWindowCounts) return false;
  PitReading end = read_pit();
  while (static_cast<uint16_t>(start.count - end.count) < kWindowCounts) {
    if (pit_done()) return false;
    end = read_pit();
  }
  if (pit_done()) return false;  // wrapped past zero: the count difference means nothing
  out->cycles = end.tsc_middle() - start.tsc_middle();
  out->ns = uint64_t{static_cast<uint16_t>(start.count - end.count)} * 1'000'000'000 / kPitHz;
  out->uncertainty = start.uncertainty() + end.uncertainty();
  return out->cycles != 0;
}

}  // namespace

TscCalibration tsc_clock_calibrate() {
  Window best;
  for (int attempt = 0; attempt < kAttempts && !best.sharp(); ++attempt) {
    Window window;
    if (measure_window(&window) && (best.cycles == 0 || window.sharper_than(best))) best = window;
  }
  // Not one window timed (the PIT ran out every time): a 1 GHz TSC is as good a guess as any.
  const Window window = best.cycles != 0 ? best : Window{1'000'000, 1'000'000, 0};
  g_ns_per_cycle_fixed =
      static_cast<uint64_t>((static_cast<unsigned __int128>(window.ns) << 32) / window.cycles);
  g_tsc_base = x86::rdtsc();
  return TscCalibration{window.cycles * 1'000'000 / window.ns,
                        window.uncertainty * 1'000'000 / window.cycles};
}

uint64_t arch::timestamp_to_ns(uint64_t cycles) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(cycles) * g_ns_per_cycle_fixed) >>
                               32);
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
