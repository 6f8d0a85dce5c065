// WaitQueue: where threads block until another thread (on any CPU) wakes them. The primitive that
// thread join, IPC endpoints and user-space wait/wake build on.
//
// The condition a waiter waits for is protected by the queue's own lock, so a wake between "the
// condition is false" and "the thread is off the CPU" is never lost: the waiter checks, marks
// itself blocked and joins the queue under the lock; a waker changes the condition and takes
// waiters off the queue under the same lock. A thread that is woken before it has switched away
// only switches away once and runs again (the scheduler's hand-off, kernel/sched/scheduler.cc).
//
//   WaitQueue::Locked locked(queue);         // interrupts off, queue locked
//   while (!condition) queue.block(locked);  // lock dropped while off the CPU, held again after
//
//   { WaitQueue::Locked locked(queue); condition = true; queue.wake_all_locked(); }
//
// Lock order: a WaitQueue's lock, then a CPU's timer-list lock (a timed block arms its timeout),
// then the run-queue locks (waking enqueues). FIFO: wake_one wakes the longest waiter.
#pragma once

#include <stdint.h>

#include "base/thread_annotations.h"
#include "kernel/lib/irq_state.h"
#include "kernel/lib/spin_lock.h"

class Thread;

class WaitQueue {
 public:
  constexpr WaitQueue() = default;
  // A queue whose lock plays its own role in the lock order (kernel/lib/lock_class.h).
  explicit constexpr WaitQueue(LockClass lock_class) : lock_(lock_class) {}
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;

  // Holds the queue's lock with interrupts off.
  class SCOPED_CAPABILITY Locked {
   public:
#if PORTCULLIS_LOCK_ORDER
    explicit Locked(WaitQueue& queue, SpinLock::Site site = SpinLock::Site::here())
        ACQUIRE(queue.lock_)
        : queue_(queue), flags_(irq_save_disable()), site_(site) {
      queue_.lock_.lock(LockNesting::kNone, site);
    }
#else
    explicit Locked(WaitQueue& queue) ACQUIRE(queue.lock_)
        : queue_(queue), flags_(irq_save_disable()) {
      queue_.lock_.lock();
    }
#endif
    ~Locked() RELEASE() {
      queue_.lock_.unlock();
      irq_restore(flags_);
    }
    Locked(const Locked&) = delete;
    Locked& operator=(const Locked&) = delete;

   private:
    friend class WaitQueue;
    WaitQueue& queue_;
    IrqFlags flags_;
#if PORTCULLIS_LOCK_ORDER
    // Where the guard was made: a block takes the lock again in its name.
    SpinLock::Site site_;
#endif
  };

  // For a function handed the guard of this queue by its caller: tells the thread-safety
  // analysis, which cannot follow the guard across the call, that the lock is held.
  void assert_locked(Locked&) ASSERT_CAPABILITY(lock_) {}

  // Blocks the calling thread until a wake takes it off the queue. The lock is dropped while the
  // thread is off the CPU and held again when this returns. Never from the idle thread.
  void block(Locked& locked) REQUIRES(lock_);
  // The same, but gives up after `timeout_ticks` ticks of the timer of the CPU it blocked on
  // (0: at once): returns false then, off the queue; true when a wake took it. A wake and the
  // timeout never both count: wake_one passes over a waiter that has timed out.
  bool block_for(Locked& locked, uint64_t timeout_ticks) REQUIRES(lock_);
  // How a killable block ended: a wake took the thread off the queue, its timeout ran out, or
  // its task was killed (sched::interrupt). Off the queue in every case.
  enum class BlockEnd : uint8_t { kWoken, kTimedOut, kKilled };
  static constexpr uint64_t kForever = UINT64_MAX;
  // As block_for (kForever: no timeout; 0: kTimedOut at once), but sched::interrupt ends it
  // too, and a thread whose kill was already requested does not block at all (kKilled). For the
  // blocks a user thread makes in a system call: the syscall then returns and the thread exits.
  //
  // `handoff_to` (synchronous IPC): a thread that waits for what the caller has just done, which
  // the caller took with claim_locked. The CPU goes straight to it when this thread blocks
  // (sched::handoff); in every other case, an early return included, it is queued to run.
  BlockEnd block_killable(Locked& locked, uint64_t timeout_ticks, Thread* handoff_to = nullptr)
      REQUIRES(lock_);
  // The IPC fast path's block: block_killable(locked, kForever) where the CPU goes to `claimed`,
  // a thread the caller took with claim_locked, at once (sched::can_run_here_now said it may run
  // here). If the caller's kill came first it does not block (kKilled) and `claimed` is queued.
  BlockEnd block_killable_switching(Locked& locked, Thread* claimed) REQUIRES(lock_);
  // Takes `thread` off this queue if it waits here, without waking it: for a waker that made the
  // condition true for that one thread and then wakes it (sched::wake) or hands the CPU to it
  // (claim_locked). False if it was not on the queue (awake already, or not yet blocked: it
  // checks its condition under the lock before it blocks). The thread must not wait on another
  // queue.
  bool take_locked(Thread* thread) REQUIRES(lock_);
  // take_locked, then sched::claim: `thread` if it waited here and nothing (its timeout, a kill)
  // has made it ready, now the caller's to hand its CPU to (block_killable's handoff_to) or to
  // queue (sched::enqueue_claimed); else nullptr, and if it was here it finds itself woken. The
  // claim is made under this lock, before the caller blocks (see sched::claim): a thread taken
  // off the queue here and only made ready after the lock could, by then, have been made ready
  // by its timeout, run, and blocked again somewhere else.
  Thread* claim_locked(Thread* thread) REQUIRES(lock_);
  // Wake the longest waiter / every waiter; return how many were woken.
  uint32_t wake_one_locked() REQUIRES(lock_);
  uint32_t wake_all_locked() REQUIRES(lock_);
  // The same, taking the lock; afterwards a woken thread more urgent than the caller on this CPU
  // runs at once (when interrupts were on).
  uint32_t wake_one() EXCLUDES(lock_);
  uint32_t wake_all() EXCLUDES(lock_);

  bool has_waiters() REQUIRES(lock_) { return head_ != nullptr; }

 private:
  // After a block: the lock again, in the name of the guard that held it before.
#if PORTCULLIS_LOCK_ORDER
  void relock(Locked& locked) ACQUIRE(lock_) { lock_.lock(LockNesting::kNone, locked.site_); }
#else
  void relock(Locked&) ACQUIRE(lock_) { lock_.lock(); }
#endif
  Thread* pop() REQUIRES(lock_);
  void append(Thread* t) REQUIRES(lock_);
  void unlink(Thread* t) REQUIRES(lock_);

  SpinLock lock_{LockClass::kWaitQueue};
  // Blocked threads, oldest first, linked through Thread::wait_next_.
  Thread* head_ GUARDED_BY(lock_) = nullptr;
  Thread* tail_ GUARDED_BY(lock_) = nullptr;
};
