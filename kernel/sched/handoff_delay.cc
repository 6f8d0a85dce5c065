// The hand-off pause of debug kernels (kernel/sched/handoff_delay.h).
#include "kernel/sched/handoff_delay.h"

#if PORTCULLIS_LOCK_ORDER

#include <atomic>

#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"

namespace handoff_delay {
namespace {

std::atomic<const Thread*> g_thread{nullptr};
std::atomic<uint64_t> g_ns{0};
std::atomic<uint64_t> g_pauses{0};

}  // namespace

void inject(const Thread* thread, uint64_t ns) {
  g_ns.store(ns, std::memory_order_relaxed);
  g_thread.store(thread, std::memory_order_release);
}

uint64_t pauses() { return g_pauses.load(std::memory_order_acquire); }

void pause_point() {
  if (g_thread.load(std::memory_order_acquire) != arch::current_thread()) return;
  const uint64_t end = arch::monotonic_ns() + g_ns.load(std::memory_order_relaxed);
  while (arch::monotonic_ns() < end) cpu_relax();
  g_pauses.fetch_add(1, std::memory_order_release);
}

}  // namespace handoff_delay

#endif  // PORTCULLIS_LOCK_ORDER
