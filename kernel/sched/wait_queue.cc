#include "kernel/sched/wait_queue.h"

#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/object/thread.h"
#include "kernel/sched/handoff_delay.h"
#include "kernel/sched/scheduler.h"

void WaitQueue::append(Thread* t) {
  t->wait_next_ = nullptr;
  t->wait_prev_ = tail_;
  if (tail_ != nullptr) {
    tail_->wait_next_ = t;
  } else {
    head_ = t;
  }
  tail_ = t;
  t->wait_linked_ = true;
}

void WaitQueue::unlink(Thread* t) {
  if (t->wait_prev_ != nullptr) {
    t->wait_prev_->wait_next_ = t->wait_next_;
  } else {
    head_ = t->wait_next_;
  }
  if (t->wait_next_ != nullptr) {
    t->wait_next_->wait_prev_ = t->wait_prev_;
  } else {
    tail_ = t->wait_prev_;
  }
  t->wait_next_ = t->wait_prev_ = nullptr;
  t->wait_linked_ = false;
}

Thread* WaitQueue::pop() {
  Thread* t = head_;
  if (t != nullptr) unlink(t);
  return t;
}

void WaitQueue::block(Locked& locked) {
  Thread* self = sched::current();
  ASSERT(self != nullptr && !self->is_idle_);
  self->state_.store(Thread::State::kBlocked, std::memory_order_release);
  append(self);
  // Interrupts stay off from here to the switch: a waker that takes us off the queue now finds
  // us blocked and queues us to run; the scheduler's hand-off makes that safe before we are off.
  lock_.unlock();
  sched::block_current();
  relock(locked);
}

bool WaitQueue::block_for(Locked& locked, uint64_t timeout_ticks) {
  if (timeout_ticks == 0) return false;
  Thread* self = sched::current();
  self->timed_out_ = false;
  sched::arm_timeout(self, timeout_ticks);
  block(locked);
  sched::disarm_timeout(self);  // after this the timer no longer looks at us
  if (!self->timed_out_) return true;
  if (self->wait_linked_) unlink(self);  // else a waker took us off, and passed on to the next
  return false;
}

bool WaitQueue::take_locked(Thread* t) {
  if (!t->wait_linked_) return false;
  unlink(t);
  return true;
}

Thread* WaitQueue::claim_locked(Thread* t) {
  return take_locked(t) && sched::claim(t) ? t : nullptr;
}

WaitQueue::BlockEnd WaitQueue::block_killable(Locked& locked, uint64_t timeout_ticks,
                                              Thread* handoff_to) {
  Thread* self = sched::current();
  ASSERT(self != nullptr && !self->is_idle_);
  if (self->kill_requested() || timeout_ticks == 0) {
    if (handoff_to != nullptr) sched::enqueue_claimed(handoff_to);
    return self->kill_requested() ? BlockEnd::kKilled : BlockEnd::kTimedOut;
  }
  const bool timed = timeout_ticks != kForever;
  self->timed_out_ = false;
  if (timed) sched::arm_timeout(self, timeout_ticks);
  append(self);
  self->state_.store(Thread::State::kBlockedKillable, std::memory_order_seq_cst);
  // sched::interrupt stores the flag, then looks at the state: if it came before the store above
  // it found us running, and we see its flag here.
  bool blocked = true;
  if (self->kill_requested()) {
    Thread::State expected = Thread::State::kBlockedKillable;
    // Lost: the interrupter or the timer made us ready and queues us once we are off the CPU.
    blocked = !self->state_.compare_exchange_strong(expected, Thread::State::kRunning,
                                                    std::memory_order_seq_cst);
  }
  if (blocked) {
    lock_.unlock();
    if (handoff_to != nullptr) {
      handoff_delay::pause_point();  // debug kernels, for a test: a descheduled vCPU, say
      sched::handoff(handoff_to);
    } else {
      sched::block_current();
    }
    relock(locked);
  } else if (handoff_to != nullptr) {
    sched::enqueue_claimed(handoff_to);
  }
  if (timed) sched::disarm_timeout(self);
  // A waker pops the thread before it makes it ready; the timer and the interrupter do not.
  if (!self->wait_linked_) return BlockEnd::kWoken;
  unlink(self);
  return self->timed_out_ ? BlockEnd::kTimedOut : BlockEnd::kKilled;
}

WaitQueue::BlockEnd WaitQueue::block_killable_switching(Locked& locked, Thread* claimed) {
  Thread* self = arch::current_thread();
  append(self);  // no timeout is armed: timed_out_ is not looked at
  self->state_.store(Thread::State::kBlockedKillable, std::memory_order_seq_cst);
  // As in block_killable: an interrupter that found us running set its flag first.
  if (self->kill_requested()) {
    Thread::State expected = Thread::State::kBlockedKillable;
    if (self->state_.compare_exchange_strong(expected, Thread::State::kRunning,
                                             std::memory_order_seq_cst)) {
      unlink(self);
      sched::enqueue_claimed(claimed);
      return BlockEnd::kKilled;
    }
    // Lost: the interrupter made us ready and queues us once we are off this CPU. Leave it.
  }
  lock_.unlock();
  sched::switch_to_claimed(claimed);
  relock(locked);
  if (!self->wait_linked_) return BlockEnd::kWoken;
  unlink(self);
  return BlockEnd::kKilled;  // no timeout was armed: only the interrupter leaves us queued
}

uint32_t WaitQueue::wake_one_locked() {
  // A waiter whose timeout already made it ready is passed over: it will report the timeout.
  while (Thread* t = pop()) {
    if (sched::wake(t)) return 1;
  }
  return 0;
}

uint32_t WaitQueue::wake_all_locked() {
  uint32_t n = 0;
  while (wake_one_locked() != 0) ++n;
  return n;
}

uint32_t WaitQueue::wake_one() {
  uint32_t n;
  {
    Locked locked(*this);
    n = wake_one_locked();
  }
  sched::preempt_if_needed();
  return n;
}

uint32_t WaitQueue::wake_all() {
  uint32_t n;
  {
    Locked locked(*this);
    n = wake_all_locked();
  }
  sched::preempt_if_needed();
  return n;
}
