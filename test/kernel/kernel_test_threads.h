// Kernel threads for the in-kernel tests that need several CPUs (the scheduler, wait queue, wait
// table and endpoint suites): the k-th online CPU, a kernel thread pinned to one, and a wait for
// another thread's work bounded in timer ticks, so that a failure is a failed assertion, never a
// hung boot.
#pragma once

#include <stdint.h>

#include "base/cpu_set.h"
#include "kernel/arch/arch.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "unity.h"

namespace kernel_test {

// Generous: 15 s of ticks (8 vCPUs on 2 busy host cores are slow).
inline constexpr uint64_t kGenerousTicks = 1500;

// The online CPU `k` modulo their count, in CpuSet order.
inline uint32_t nth_cpu(uint32_t k) {
  const CpuSet online = arch::online_cpus();
  k %= online.count();
  for (uint32_t cpu : online) {
    if (k-- == 0) return cpu;
  }
  return 0;
}

// A kernel thread at `priority` with `affinity`, started; the test fails if it cannot be made.
inline RefPtr<Thread> spawn(Thread::Entry entry, void* arg, uint32_t priority, Affinity affinity) {
  Result<RefPtr<Thread>> t = Thread::create_kernel(entry, arg, priority, affinity);
  TEST_ASSERT_TRUE(t.is_ok());
  return t.release_value();
}

// The same at the default level, pinned to nth_cpu(cpu_index).
inline RefPtr<Thread> spawn_on(Thread::Entry entry, void* arg, uint32_t cpu_index) {
  return spawn(entry, arg, kPriorityDefault, Affinity::pinned(nth_cpu(cpu_index)));
}

// Yields until `done()` holds (true) or kGenerousTicks of this CPU's ticks have passed (false).
template <typename F>
bool eventually(F done) {
  const uint64_t start = arch::timer_ticks();
  while (!done()) {
    if (arch::timer_ticks() - start > kGenerousTicks) return false;
    sched::yield();
  }
  return true;
}

}  // namespace kernel_test
