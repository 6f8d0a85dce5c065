// The SMP scheduler: a run queue per CPU (kernel/sched/run_queue.h), preemption from the timer,
// yield, block and wake, the reschedule IPI, and an idle thread per CPU that halts and steals work.
// The design, locks and hand-off are in docs/scheduling.md.
#pragma once

#include <stdint.h>

#include "kernel/lib/ref_ptr.h"
#include "kernel/sched/run_queue.h"

class Thread;

namespace sched {

inline constexpr uint32_t kTimeSliceTicks = 2;  // 20 ms at the 100 Hz timer

// Boot. The boot CPU's running context becomes its first thread (pinned to it), before the other
// CPUs start; every CPU (the boot CPU too, in start_boot_cpu) gets an idle thread. An AP's boot
// context becomes its idle thread: run_idle() never returns.
void start_boot_cpu();
[[noreturn]] void run_idle();

void start(Thread* thread);  // ready to run: on its pinned CPU, else on this one
void yield();                // to any ready thread of the same or a more urgent level
Thread* current();

// For WaitQueue and Thread (interrupts off): the current thread, already marked blocked or exited,
// leaves the CPU; wake() makes a blocked thread ready (false if it was not blocked).
void block_current();
// (Interrupts off.) The current thread counts as blocked from here on: it then publishes where its
// waker will find it, and leaves with block_current() or handoff(). A wake in between is not lost:
// it makes the thread ready, and the switch away only completes first.
void prepare_to_block();
[[noreturn]] void exit_current();
bool wake(Thread* thread);
// The direct switch of synchronous IPC (interrupts off): the current thread has marked itself
// blocked (it waits for an answer `next` will give), and `next` is a thread it claimed (below)
// before it did, under the lock where it took `next` off its wait queue. `next` runs on this CPU
// at once, without a trip through the run queue, in what is left of the current time slice; when
// that would be wrong (`next` may not run on this CPU, or something more urgent than it waits in
// this CPU's queue) it is queued as a wake would, and the current thread leaves the CPU.
void handoff(Thread* next);
// The hand-off's steps. claim: takes `thread`, blocked (killable or not), for the caller: it
// becomes ready but is on no run queue, and nothing else (a wake, its timeout, a kill) can make it
// run: only its claimer does, by switching to it or queueing it. False if a wake, its timeout or a
// kill came first (nothing changed). A thread claims under the lock where it took `thread` off a
// wait queue, and before it marks itself blocked: that order is what keeps the waits for a thread
// to leave its CPU free of cycles (scheduler.cc, wait_until_off_cpu). can_run_here_now: `thread`
// may run on this CPU and nothing waits in this CPU's run queue. switch_to_claimed: the current
// thread has blocked (WaitQueue::block_killable_switching); the claimed thread runs here at once.
// enqueue_claimed: a claimed thread that will not be switched to is queued as wake would.
bool can_run_here_now(const Thread* thread);
bool claim(Thread* thread);
void switch_to_claimed(Thread* next);
void enqueue_claimed(Thread* thread);
// Task::kill's wake-up: from now on every killable block of `thread` (WaitQueue::block_killable)
// ends at once, the one it is in (on any CPU) included. Other blocks are left alone. Any context;
// the caller may hold WaitQueue locks (the run-queue locks come after them).
void interrupt(Thread* thread);
// A timed block's timer (interrupts off; the caller holds the WaitQueue's lock): after
// `timeout_ticks` ticks of this CPU the timer wakes the thread if it is still blocked and marks it
// timed out. disarm, on the thread once it runs again, waits out a timer that is firing.
void arm_timeout(Thread* thread, uint64_t timeout_ticks);
void disarm_timeout(Thread* thread);
// With interrupts on: switch now if a wake made that necessary on this CPU.
void preempt_if_needed();

// The interrupt side (interrupts off): the timer tick, the reschedule IPI, and the point at the
// end of either where the CPU switches if it should.
void on_timer_tick();
void on_reschedule_ipi();
void interrupt_exit_point();

// For tests and the consistency check: how many threads wait in `cpu`'s run queue.
uint32_t ready_count(uint32_t cpu);
// Threads that have exited and whose CPU has not yet switched away from them (kernel_stats'
// backlog: the scheduler's reference, and with it maybe the thread, goes at that switch).
uint64_t exiting_count();

}  // namespace sched

// A new thread's first instructions (called by arch's trampoline on its own stack).
extern "C" [[noreturn]] void sched_thread_start(Thread* thread);
