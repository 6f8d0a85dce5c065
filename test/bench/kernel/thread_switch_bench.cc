// bench=thread-switch: what a kernel thread switch costs, in guest instructions under QEMU
// -icount shift=0. Two threads pinned to one CPU yield to each other; one of them times each round
// trip (its yield, the other's loop and yield, the way back: two switches), median of many.
#include <stdint.h>
#include <atomic>

#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/lib/irq_state.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "test/bench/kernel/kernel_bench.h"

namespace {

constexpr uint32_t kSamples = 1001;  // odd: the median is one sample
uint64_t g_samples[kSamples];
std::atomic<bool> g_done{false};

void time_round_trips(void*) {
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = arch::timestamp();
    sched::yield();
    const uint64_t t1 = arch::timestamp();
    g_samples[i] = t1 - t0;
  }
  g_done.store(true);
}

void yield_back(void*) {
  while (!g_done.load()) sched::yield();
}

// The same round trip through sched::handoff, the direct switch synchronous IPC uses: each thread
// claims the other (blocked, so the claim cannot fail), blocks and hands it the CPU, with no
// run-queue traffic. The partner must be blocked before the first hand-off; it leaves when woken
// with g_done set.
std::atomic<Thread*> g_partner{nullptr};
Thread* g_timer_thread = nullptr;

void time_handoffs(void*) {
  Thread* partner = nullptr;
  while ((partner = g_partner.load()) == nullptr || partner->state() != Thread::State::kBlocked) {
    sched::yield();
  }
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = arch::timestamp();
    const IrqFlags flags = irq_save_disable();
    const bool claimed = sched::claim(partner);
    ASSERT(claimed);
    sched::prepare_to_block();
    sched::handoff(partner);
    irq_restore(flags);
    const uint64_t t1 = arch::timestamp();
    g_samples[i] = t1 - t0;
  }
  g_done.store(true);
  sched::wake(partner);
}

void handoff_back(void*) {
  const IrqFlags flags = irq_save_disable();
  sched::prepare_to_block();
  g_partner.store(sched::current());
  sched::block_current();
  while (!g_done.load()) {
    const bool claimed = sched::claim(g_timer_thread);
    ASSERT(claimed);
    sched::prepare_to_block();
    sched::handoff(g_timer_thread);
  }
  irq_restore(flags);
}

uint64_t median(uint64_t* v, uint32_t n) {
  for (uint32_t i = 1; i < n; ++i) {
    const uint64_t x = v[i];
    uint32_t j = i;
    for (; j > 0 && v[j - 1] > x; --j) v[j] = v[j - 1];
    v[j] = x;
  }
  return v[n / 2];
}

}  // namespace

Status run_thread_switch_bench() {
  const Affinity here = Affinity::pinned(arch::current_cpu());
  Result<RefPtr<Thread>> timer = Thread::create_kernel(time_round_trips, nullptr, 1, here);
  if (timer.is_error()) return timer.status();
  Result<RefPtr<Thread>> partner = Thread::create_kernel(yield_back, nullptr, 1, here);
  if (partner.is_error()) return partner.status();
  timer.value()->join();
  partner.value()->join();
  const uint64_t round_trip = median(g_samples, kSamples);
  kprintf(
      "thread-switch: yield round trip between two kernel threads on one CPU: %lu ticks "
      "(median of %u; two switches, each with FXSAVE/FXRSTOR), about %lu per switch\n",
      round_trip, kSamples, round_trip / 2);
  g_done.store(false);
  Result<RefPtr<Thread>> blocker = Thread::create_kernel(handoff_back, nullptr, 1, here);
  if (blocker.is_error()) return blocker.status();
  Result<RefPtr<Thread>> handing = Thread::create_kernel(time_handoffs, nullptr, 1, here);
  if (handing.is_error()) return handing.status();
  g_timer_thread = handing.value().get();
  handing.value()->join();
  blocker.value()->join();
  const uint64_t handoff_trip = median(g_samples, kSamples);
  kprintf(
      "thread-switch: hand-off round trip (sched::handoff, the IPC switch) on one CPU: %lu ticks "
      "(median of %u), about %lu per switch\n",
      handoff_trip, kSamples, handoff_trip / 2);
  return Status::kOk;
}
