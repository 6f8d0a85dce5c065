// The SMP scheduler (docs/scheduling.md). One CpuRunState per CPU: its run queue under its own
// spinlock, taken with interrupts off and never together with another CPU's. The only state that
// crosses a context switch is Thread::on_cpu_, the hand-off: the CPU that switches away from a
// thread clears it once the thread's registers are saved, and a thread moves to another CPU's
// queue only after that (wait_until_off_cpu).
#include "kernel/sched/scheduler.h"

#include <atomic>
#include <new>

#include "base/assert.h"
#include "base/cpu_relax.h"
#include "base/cpu_set.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/lock_order.h"
#include "kernel/lib/lockup_watch.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/task_io_ports.h"
#include "kernel/object/thread.h"
#include "kernel/panic.h"
#include "kernel/vm/address_space.h"

namespace {

struct alignas(64) CpuRunState {
  SpinLock lock{LockClass::kRunQueue};
  RunQueue queue GUARDED_BY(lock);
  // queue.size(), readable without the lock: thieves and the idle loop look at it first.
  std::atomic<uint32_t> ready{0};
  // The running thread's priority, -1 for the idle thread: wakers on other CPUs decide from it
  // whether an IPI is worth sending.
  std::atomic<int32_t> running_priority{-1};
  std::atomic<bool> need_resched{false};
  // Threads in a timed block armed on this CPU, earliest deadline first (this CPU's ticks).
  SpinLock timer_lock{LockClass::kTimerList};
  Thread* sleepers GUARDED_BY(timer_lock) = nullptr;
  // Only this CPU touches these, with interrupts off.
  Thread* idle = nullptr;
  Thread* switched_from = nullptr;  // the thread the last switch here left, for finish_switch
  uint32_t slice_left = sched::kTimeSliceTicks;
};

constinit CpuRunState g_cpus[kMaxCpus];
// CPUs in their idle loop: whom to ask to steal work that lands on a busy CPU. A hint only.
AtomicCpuSet<std::memory_order_acq_rel> g_idle_cpus;
// Exited threads not yet released by finish_switch (exiting_count).
std::atomic<uint64_t> g_exiting_threads{0};

CpuRunState& this_cpu_state() { return g_cpus[arch::current_cpu()]; }

}  // namespace

// Thread's internals are the scheduler's: everything that touches them is a member here.
class Scheduler {
 public:
  enum class Leave { kYield, kPreempt, kBlock };

  // Interrupts off. Picks the next thread on this CPU and switches to it. kYield and kPreempt put a
  // running current back in the queue when something should run instead; kBlock leaves it out
  // (it is blocked or exited, or a waker already queued it).
  static void leave_cpu(Leave how) {
    CpuRunState& c = this_cpu_state();
    Thread* prev = arch::current_thread();
    Thread* next = nullptr;
    {
      SpinGuard guard(c.lock);
      if (how != Leave::kBlock && !prev->is_idle_) {
        const bool used_up = how == Leave::kYield || c.slice_left == 0;
        if (!should_preempt(prev->priority(), used_up, c.queue.highest_priority())) {
          if (c.slice_left == 0) c.slice_left = sched::kTimeSliceTicks;
          return;  // nothing more urgent, nor a peer whose turn it is
        }
        prev->state_.store(Thread::State::kReady, std::memory_order_relaxed);
        c.queue.push_back(prev->entry());
      }
      RunQueueEntry* e = c.queue.pop_highest();
      c.ready.store(static_cast<uint32_t>(c.queue.size()), std::memory_order_relaxed);
      next = e != nullptr ? Thread::from_entry(e) : c.idle;
    }
    c.slice_left = sched::kTimeSliceTicks;
    if (next == prev) {
      prev->state_.store(Thread::State::kRunning, std::memory_order_relaxed);
      return;
    }
    switch_to(c, prev, next);
  }

  // The hand-off. A thread's registers belong to a new CPU only once the CPU it is leaving has
  // saved them (finish_switch clears on_cpu_ then). A CPU that waits for that holds no lock, and
  // the wait must never close a cycle, where CPUs wait for each other's outgoing threads for ever.
  // Two kinds of wait:
  // - A thread that moves to a queue (wake, steal, the timer, an interrupt) is waited for by the
  //   CPU that moves it, before it is queued: so a queued thread is off its CPU, or it is the
  //   one its own CPU queued on the way out, which that CPU either picks again (no switch) or
  //   finishes leaving first. A pick from a queue never waits.
  // - A claimed thread (handoff, switch_to_claimed, enqueue_claimed) is waited for by its
  //   claimer, which may itself be blocked and on its way out. Its claimer took it while it was
  //   blocked, and before marking itself blocked; only the claimer makes it run. So if CPU A,
  //   leaving thread T, waits for N to leave CPU B, then N blocked before T claimed it, and
  //   anything B waits for in turn was claimed by N earlier still: along a chain of such waits the
  //   claims go back in time, and a chain cannot come back to A.
  static void wait_until_off_cpu(Thread* t) {
    LockupWatch watch;  // debug kernels: a thread that never leaves its CPU panics, naming it
    while (t->on_cpu_.load(std::memory_order_acquire)) {
      cpu_relax();
      if (watch.expired()) {
        panic("lockup: cpu %u has waited %lu s for thread %u to leave cpu %u", arch::current_cpu(),
              watch.seconds(), t->id(), t->last_cpu());
      }
    }
  }

  static void switch_to(CpuRunState& c, Thread* prev, Thread* next) {
    lock_order::assert_none_held("thread switch");  // debug kernels: no spinlock crosses it
    wait_until_off_cpu(next);  // a claimed next may still be leaving a CPU; by the rule above
    next->on_cpu_.store(true, std::memory_order_relaxed);
    next->state_.store(Thread::State::kRunning, std::memory_order_relaxed);
    const uint32_t cpu = arch::current_cpu();
    next->last_cpu_.store(cpu, std::memory_order_relaxed);
    c.running_priority.store(next->is_idle_ ? -1 : static_cast<int32_t>(next->priority()),
                             std::memory_order_relaxed);

    arch::fpu_save(&prev->fpu_);
    // FS base: ring 3 cannot change it itself (CR4.FSGSBASE stays off), but the save keeps this
    // right if it ever may. The kernel does not use FS.
    if (prev->is_user_) prev->fs_base_ = arch::read_fs_base();
    if (next->is_user_) arch::write_fs_base(next->fs_base_);
    switch_address_space(prev, next);
    arch::set_current_thread(next);
    arch::set_kernel_stack(next->stack_top_);
    arch::set_user_traps(next->user_traps_);
    // Between two threads of one task without ports (or two kernel threads) the TSS has nothing to
    // change and nothing to count. Between threads of a task with ports it would change nothing
    // either (a stale copy faults and is repaired), but the I/O counters count those switches.
    if (next->io_ports_ != prev->io_ports_ ||
        (next->io_ports_ != nullptr && next->io_ports_->published() != nullptr)) {
      arch::io_ports_switch_to(next->io_ports_);
    }
    arch::fpu_restore(&next->fpu_);
    c.switched_from = prev;
    arch::context_switch(&prev->saved_rsp_, next->saved_rsp_);
    // prev runs again, maybe on another CPU: finish the switch that brought it here.
    finish_switch();
  }

  static void switch_address_space(Thread* prev, Thread* next) {
    AddressSpace* from = prev->address_space_.get();
    AddressSpace* to = next->address_space_.get();
    if (from == to) return;
    if (to != nullptr) {
      to->activate_here();
    } else {
      arch::load_address_space(arch::kernel_pml4());
    }
    if (from != nullptr) from->leave_here();
  }

  // On the thread that was switched to, interrupts off: the thread switched away from is off this
  // CPU for good, so another CPU may run it, or, if it exited, its stack may go.
  static void finish_switch() {
    CpuRunState& c = this_cpu_state();
    Thread* from = c.switched_from;
    c.switched_from = nullptr;
    if (from == nullptr) return;
    const bool exited = from->state_.load(std::memory_order_relaxed) == Thread::State::kExited;
    from->on_cpu_.store(false, std::memory_order_release);
    if (!exited) return;
    {
      RefPtr<Thread> last = RefPtr<Thread>::adopt(from);  // the reference start() took
      WaitQueue::Locked locked(from->exit_waiters_);
      from->exited_ = true;
      from->exit_waiters_.wake_all_locked();
    }
    g_exiting_threads.fetch_sub(1, std::memory_order_release);
  }

  static void enqueue(uint32_t cpu, Thread* t) {
    CpuRunState& target = g_cpus[cpu];
    {
      SpinGuard guard(target.lock);
      target.queue.push_back(t->entry());
      target.ready.store(static_cast<uint32_t>(target.queue.size()), std::memory_order_relaxed);
    }
    const int32_t running = target.running_priority.load(std::memory_order_relaxed);
    const bool more_urgent = static_cast<int32_t>(t->priority()) > running;
    const uint32_t self = arch::current_cpu();
    if (cpu == self) {
      if (more_urgent) target.need_resched.store(true, std::memory_order_relaxed);
    } else if (more_urgent) {
      arch::send_reschedule_ipi(cpu);  // it runs something less urgent, or idles
    }
    if (!more_urgent && !t->affinity().is_pinned()) {
      // The target is busy: an idle CPU may take the thread (one IPI, to one CPU).
      const CpuSet idle = g_idle_cpus.load().without(CpuSet::single(self));
      if (!idle.empty()) arch::send_reschedule_ipi(*idle.begin());
    }
  }

  static uint32_t place(Thread* t) {
    if (t->affinity().is_pinned()) return t->affinity().cpu();
    const uint32_t last = t->last_cpu();
    if (g_cpus[last].running_priority.load(std::memory_order_relaxed) < 0) return last;
    const CpuSet idle = g_idle_cpus.load();
    if (!idle.empty()) return *idle.begin();
    return last;
  }

  // Blocked (killable or not) -> ready; false if another wake, the timer or an interrupt was
  // first, or the thread is not blocked.
  static bool make_ready(Thread* t) {
    Thread::State s = t->state_.load(std::memory_order_acquire);
    while (s == Thread::State::kBlocked || s == Thread::State::kBlockedKillable) {
      if (t->state_.compare_exchange_weak(s, Thread::State::kReady, std::memory_order_acq_rel)) {
        return true;
      }
    }
    return false;
  }

  static bool wake(Thread* t) {
    if (!make_ready(t)) return false;
    // The thread may still be leaving its CPU (it blocked, and the waker was quick): queue it only
    // once it is off, so that no CPU ever picks a thread that is still on another CPU (see
    // wait_until_off_cpu). This CPU is not switching, and the one it waits for needs nothing from
    // it to finish, so the wait is short.
    wait_until_off_cpu(t);
    enqueue(place(t), t);
    return true;
  }

  static void prepare_to_block() {
    arch::current_thread()->state_.store(Thread::State::kBlocked, std::memory_order_release);
  }

  static void handoff(Thread* next) {
    CpuRunState& c = this_cpu_state();
    bool direct = next->affinity().allows(arch::current_cpu());
    if (direct && c.ready.load(std::memory_order_relaxed) != 0) {
      SpinGuard guard(c.lock);
      direct = c.queue.highest_priority() <= static_cast<int>(next->priority());
    }
    if (!direct) {
      enqueue_claimed(next);
      leave_cpu(Leave::kBlock);
      return;
    }
    // The time slice goes on: next spends what the caller left.
    switch_to(c, arch::current_thread(), next);
  }

  static bool can_run_here_now(const Thread* t) {
    const uint32_t cpu = arch::current_cpu();
    return t->affinity().allows(cpu) && g_cpus[cpu].ready.load(std::memory_order_relaxed) == 0;
  }

  static void switch_to_claimed(Thread* next) {
    switch_to(this_cpu_state(), arch::current_thread(), next);
  }

  static void enqueue_claimed(Thread* t) {
    wait_until_off_cpu(t);
    enqueue(place(t), t);
  }

  // Only a killable block ends: the flag first, then the state (WaitQueue::block_killable does
  // the two the other way round, so one of the two sees the other).
  static void interrupt(Thread* t) {
    t->kill_requested_.store(true, std::memory_order_seq_cst);
    Thread::State expected = Thread::State::kBlockedKillable;
    if (!t->state_.compare_exchange_strong(expected, Thread::State::kReady,
                                           std::memory_order_seq_cst)) {
      return;  // running (it looks at the flag before it blocks), ready, or blocked for good
    }
    wait_until_off_cpu(t);
    enqueue(place(t), t);
  }

  static void arm_timeout(Thread* t, uint64_t ticks) {
    const uint32_t cpu = arch::current_cpu();
    CpuRunState& c = g_cpus[cpu];
    SpinGuard guard(c.timer_lock);
    t->timer_cpu_ = cpu;
    t->timer_deadline_ = arch::timer_ticks() + ticks;
    Thread** link = &c.sleepers;
    while (*link != nullptr && (*link)->timer_deadline_ <= t->timer_deadline_) {
      link = &(*link)->timer_next_;
    }
    t->timer_next_ = *link;
    *link = t;
    t->timer_armed_ = true;
  }

  // Once this returns the timer will not touch t again: the timer handler does everything it
  // does to a thread under the same lock.
  static void disarm_timeout(Thread* t) {
    CpuRunState& c = g_cpus[t->timer_cpu_];
    SpinGuard guard(c.timer_lock);
    if (!t->timer_armed_) return;
    for (Thread** link = &c.sleepers; *link != nullptr; link = &(*link)->timer_next_) {
      if (*link == t) {
        *link = t->timer_next_;
        break;
      }
    }
    t->timer_next_ = nullptr;
    t->timer_armed_ = false;
  }

  // The timer interrupt: wake the threads whose timed block is over, if no wake came first (the
  // state CAS decides). A thread armed here blocked here with interrupts off up to its switch, so
  // it is off this CPU now; the hand-off wait in wake returns at once.
  static void expire_timeouts(CpuRunState& c) {
    const uint64_t now = arch::timer_ticks();
    SpinGuard guard(c.timer_lock);
    while (c.sleepers != nullptr && c.sleepers->timer_deadline_ <= now) {
      Thread* t = c.sleepers;
      c.sleepers = t->timer_next_;
      t->timer_next_ = nullptr;
      t->timer_armed_ = false;
      if (make_ready(t)) {
        t->timed_out_ = true;  // before it is queued: whoever runs it sees this
        wait_until_off_cpu(t);
        enqueue(place(t), t);
      }
    }
  }

  static void start(Thread* t) {
    t->add_ref();  // the scheduler's, until the thread has exited and left its CPU
    t->state_.store(Thread::State::kReady, std::memory_order_relaxed);
    const uint32_t cpu = t->affinity().is_pinned() ? t->affinity().cpu() : arch::current_cpu();
    t->last_cpu_.store(cpu, std::memory_order_relaxed);
    const IrqFlags flags = irq_save_disable();
    enqueue(cpu, t);
    irq_restore(flags);
    sched::preempt_if_needed();
  }

  // Interrupts off, in the idle thread: move one thread this CPU may run from the busiest queue
  // to this one. One run-queue lock at a time.
  static bool steal(uint32_t self) {
    uint32_t counts[kMaxCpus] = {};
    int32_t priorities[kMaxCpus] = {};
    const CpuSet online = arch::online_cpus();
    uint32_t limit = 0;
    for (uint32_t cpu : online) {
      counts[cpu] = g_cpus[cpu].ready.load(std::memory_order_relaxed);
      // Idle CPUs are not robbed (choose_steal_victim): two idle CPUs stealing one thread from
      // each other went on for good on Bochs, interrupts off: it never ran, neither took a tick.
      priorities[cpu] = g_cpus[cpu].running_priority.load(std::memory_order_relaxed);
      limit = cpu + 1;
    }
    const int victim = choose_steal_victim(counts, priorities, limit, self);
    if (victim < 0) return false;
    RunQueueEntry* e = nullptr;
    {
      CpuRunState& v = g_cpus[victim];
      SpinGuard guard(v.lock);
      e = v.queue.take_for(self);
      v.ready.store(static_cast<uint32_t>(v.queue.size()), std::memory_order_relaxed);
    }
    if (e == nullptr) return false;
    wait_until_off_cpu(Thread::from_entry(e));  // preempted there a moment ago, maybe
    CpuRunState& c = g_cpus[self];
    SpinGuard guard(c.lock);
    c.queue.push_back(e);
    c.ready.store(static_cast<uint32_t>(c.queue.size()), std::memory_order_relaxed);
    return true;
  }

  [[noreturn]] static void idle_loop() {
    const uint32_t self = arch::current_cpu();
    CpuRunState& c = g_cpus[self];
    for (;;) {
      arch::disable_interrupts();
      if (c.ready.load(std::memory_order_relaxed) == 0) steal(self);
      // The idle thread is never queued: just pick. Only this CPU takes threads off its queue
      // while it idles (choose_steal_victim robs busy CPUs only), so the pick finds one.
      if (c.ready.load(std::memory_order_relaxed) != 0) {
        leave_cpu(Leave::kBlock);
        continue;
      }
      g_idle_cpus.add(self);
      // A wake that queued here after the look above also sent an IPI: it ends the wait.
      if (c.ready.load(std::memory_order_relaxed) == 0) arch::idle_wait();
      g_idle_cpus.remove(self);
    }
  }

  static Thread* adopt_boot_context(bool idle) {
    const uint32_t cpu = arch::current_cpu();
    auto* t = new (std::nothrow) Thread(idle ? 0 : kPriorityDefault, Affinity::pinned(cpu));
    if (t == nullptr) panic("no memory for cpu %u's first thread", cpu);
    t->is_idle_ = idle;
    t->stack_top_ = arch::kernel_stack();  // stays as it was: the CPU's own ring-3 entry stack
    t->state_.store(Thread::State::kRunning, std::memory_order_relaxed);
    t->on_cpu_.store(true, std::memory_order_relaxed);
    t->last_cpu_.store(cpu, std::memory_order_relaxed);
    t->publish();
    return t;  // its first reference is never dropped: a CPU's boot context never exits
  }

  static void set_idle(uint32_t cpu, Thread* t) {
    if (!t->is_idle_) t->is_idle_ = true;  // before publish (a boot context already is)
    t->publish();
    g_cpus[cpu].idle = t;
  }

  static void idle_entry(void*) { idle_loop(); }

  static Thread* prepare_idle_thread() {
    Thread* t = Thread::allocate(idle_entry, nullptr, 0, Affinity::pinned(arch::current_cpu()));
    if (t == nullptr) panic("no memory for the boot cpu's idle thread");
    return t;  // never started, never freed: picked when the queue is empty
  }

  [[noreturn]] static void thread_start(Thread* t) {
    finish_switch();
    arch::enable_interrupts();
    sched::preempt_if_needed();  // finish_switch may have woken something more urgent here
    t->entry_(t->arg_);
    sched::exit_current();
  }

  static void block_current() { leave_cpu(Leave::kBlock); }

  [[noreturn]] static void exit_current() {
    arch::disable_interrupts();
    Thread* self = arch::current_thread();
    ASSERT(!self->is_idle_);
    g_exiting_threads.fetch_add(1, std::memory_order_relaxed);
    self->state_.store(Thread::State::kExited, std::memory_order_relaxed);
    leave_cpu(Leave::kBlock);
    panic("an exited thread ran again");
  }
};

namespace sched {

void start_boot_cpu() {
  Thread* boot = Scheduler::adopt_boot_context(false);
  arch::set_current_thread(boot);
  g_cpus[0].running_priority.store(static_cast<int32_t>(boot->priority()));
  Scheduler::set_idle(0, Scheduler::prepare_idle_thread());
}

void run_idle() {
  Thread* idle = Scheduler::adopt_boot_context(true);
  Scheduler::set_idle(arch::current_cpu(), idle);
  arch::set_current_thread(idle);
  Scheduler::idle_loop();
}

void start(Thread* thread) { Scheduler::start(thread); }

void yield() {
  const IrqFlags flags = irq_save_disable();
  Scheduler::leave_cpu(Scheduler::Leave::kYield);
  irq_restore(flags);
}

Thread* current() { return arch::current_thread(); }

void block_current() { Scheduler::block_current(); }
void exit_current() { Scheduler::exit_current(); }
bool wake(Thread* thread) { return Scheduler::wake(thread); }
void prepare_to_block() { Scheduler::prepare_to_block(); }
void handoff(Thread* next) { Scheduler::handoff(next); }
bool can_run_here_now(const Thread* thread) { return Scheduler::can_run_here_now(thread); }
bool claim(Thread* thread) { return Scheduler::make_ready(thread); }
void switch_to_claimed(Thread* next) { Scheduler::switch_to_claimed(next); }
void enqueue_claimed(Thread* thread) { Scheduler::enqueue_claimed(thread); }

void interrupt(Thread* thread) {
  const IrqFlags flags = irq_save_disable();
  Scheduler::interrupt(thread);
  irq_restore(flags);
}

void preempt_if_needed() {
  const IrqFlags flags = irq_save_disable();
  // With interrupts off the caller may hold a spinlock: the next interrupt-on point decides.
  if (flags != 0) interrupt_exit_point();
  irq_restore(flags);
}

void arm_timeout(Thread* thread, uint64_t timeout_ticks) {
  Scheduler::arm_timeout(thread, timeout_ticks);
}
void disarm_timeout(Thread* thread) { Scheduler::disarm_timeout(thread); }

void on_timer_tick() {
  if (arch::current_thread() == nullptr) return;  // before this CPU's scheduler started
  CpuRunState& c = this_cpu_state();
  Scheduler::expire_timeouts(c);
  if (arch::current_thread() == c.idle) return;  // the idle loop looks after every interrupt
  if (c.slice_left > 0) --c.slice_left;
  if (c.slice_left == 0) c.need_resched.store(true, std::memory_order_relaxed);
}

void on_reschedule_ipi() {
  if (arch::current_thread() == nullptr) return;
  this_cpu_state().need_resched.store(true, std::memory_order_relaxed);
}

void interrupt_exit_point() {
  CpuRunState& c = this_cpu_state();
  if (!c.need_resched.exchange(false, std::memory_order_relaxed)) return;
  Thread* cur = arch::current_thread();
  if (cur == nullptr) return;
  // The idle thread is interrupted in its wait: let it go round its loop (steal, pick).
  if (cur == c.idle) return;
  Scheduler::leave_cpu(Scheduler::Leave::kPreempt);
}

uint32_t ready_count(uint32_t cpu) {
  return cpu < kMaxCpus ? g_cpus[cpu].ready.load(std::memory_order_relaxed) : 0;
}

uint64_t exiting_count() { return g_exiting_threads.load(std::memory_order_acquire); }

}  // namespace sched

extern "C" void sched_thread_start(Thread* thread) { Scheduler::thread_start(thread); }
