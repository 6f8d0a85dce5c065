// bench=thread-switch: what a kernel thread switch costs, in guest instructions under QEMU
// -icount shift=0. Two threads pinned to one CPU yield to each other; one of them times each round
// trip (its yield, the other's loop and yield, the way back: two switches), median of many.
#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/console.h"
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
  return Status::kOk;
}
