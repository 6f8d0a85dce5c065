// The timer watchdog (lockup_watchdog.h).
#include "kernel/arch/x86_64/lockup_watchdog.h"

#if PORTCULLIS_LOCK_ORDER

#include <stdint.h>

#include "base/cpu_set.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/lib/lockup_watch.h"
#include "kernel/panic.h"

namespace {

// What a CPU last saw of the CPU it watches; only that CPU touches its entry, in its timer
// interrupt.
struct Watched {
  uint32_t cpu = kMaxCpus;  // none yet
  uint64_t ticks = 0;
  uint64_t since_ns = 0;  // when `ticks` was first seen
};

Watched g_watched[kMaxCpus];

// The next online CPU after `self`, round the ring; `self` when it is the only one.
uint32_t next_online(uint32_t self) {
  const CpuSet online = arch::online_cpus();
  for (uint32_t i = 1; i <= kMaxCpus; ++i) {
    const uint32_t cpu = (self + i) % kMaxCpus;
    if (online.contains(cpu)) return cpu;
  }
  return self;
}

}  // namespace

void x86::lockup_watchdog_tick() {
  const uint32_t self = arch::current_cpu();
  const uint32_t cpu = next_online(self);
  if (cpu == self) return;
  Watched& w = g_watched[self];
  const uint64_t ticks = per_cpu(cpu)->timer_ticks.load(std::memory_order_relaxed);
  const uint64_t now = arch::monotonic_ns();
  if (w.cpu != cpu || w.ticks != ticks || now == 0) {
    w = Watched{cpu, ticks, now};
    return;
  }
  const uint64_t limit = lockup_limit_ns();
  if (now - w.since_ns < limit) return;
  panic("lockup: cpu %u has taken no timer interrupt for %lu s (interrupts off all along)", cpu,
        (now - w.since_ns) / 1'000'000'000);
}

#endif  // PORTCULLIS_LOCK_ORDER
