// Deliberate lockups, run only with test_inject=lockup or test_inject=lockup_irq (and a short
// lockup_seconds=) on the kernel command line of a debug kernel with two CPUs or more. The test
// suite boots each once and requires the panic to name what was waited for, and the other CPU's
// report (kernel/panic.cc) to say where it was stopped (kernel/lib/lockup_watch.h):
//   lockup      the second CPU holds a spinlock and spins with interrupts off; the boot CPU then
//               waits for the lock: its LockupWatch panics, and the holder's report lists the lock
//   lockup_irq  the second CPU spins with interrupts off, holding nothing; the boot CPU's timer
//               watchdog sees its ticks stand still
// A release kernel has no watches: it reports that and returns.
#include <atomic>

#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/lib/irq_state.h"
#include "kernel/lib/lock_order.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "test/kernel/kernel_test.h"

namespace {

SpinLock g_held{LockClass::kTest};
std::atomic<bool> g_spinning{false};

// noinline: the reports name these functions.
[[gnu::noinline, noreturn]] void hold_forever(void*) {
  SpinGuard guard(g_held);
  g_spinning.store(true, std::memory_order_release);
  for (;;) cpu_relax();
}

[[gnu::noinline, noreturn]] void spin_with_interrupts_off(void*) {
  (void)irq_save_disable();
  g_spinning.store(true, std::memory_order_release);
  for (;;) cpu_relax();
}

[[gnu::noinline]] void take_the_held_lock() {
  SpinGuard guard(g_held);  // the watch panics here
}

}  // namespace

void run_injected_lockup(bool hold_a_lock) {
  if (!PORTCULLIS_LOCK_ORDER || arch::cpu_count() < 2) {
    kprintf("test_inject=lockup: skipped (%s)\n",
            PORTCULLIS_LOCK_ORDER ? "one CPU" : "no lockup watches in this build");
    return;
  }
  const uint32_t other = *arch::online_cpus().without(CpuSet::single(arch::current_cpu())).begin();
  Result<RefPtr<Thread>> thread =
      Thread::create_kernel(hold_a_lock ? hold_forever : spin_with_interrupts_off, nullptr,
                            kPriorityDefault, Affinity::pinned(other));
  if (thread.is_error()) {
    kprintf("test_inject=lockup: no thread (%s)\n", status_name(thread.status()));
    return;
  }
  while (!g_spinning.load(std::memory_order_acquire)) sched::yield();
  kprintf("test_inject=lockup: cpu %u spins with interrupts off%s\n", other,
          hold_a_lock ? ", holding a spinlock" : "");
  if (hold_a_lock) take_the_held_lock();
  for (;;) arch::wait_for_interrupt();  // the timer watchdog's turn
}
