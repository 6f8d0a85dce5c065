#include "kernel/sched/wait_queue.h"

#include "base/assert.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"

void WaitQueue::block(Locked&) {
  Thread* self = sched::current();
  ASSERT(self != nullptr && !self->is_idle_);
  self->state_.store(Thread::State::kBlocked, std::memory_order_release);
  self->wait_next_ = nullptr;
  if (tail_ != nullptr) {
    tail_->wait_next_ = self;
  } else {
    head_ = self;
  }
  tail_ = self;
  // Interrupts stay off from here to the switch: a waker that takes us off the queue now finds
  // us blocked and queues us to run; the scheduler's hand-off makes that safe before we are off.
  lock_.unlock();
  sched::block_current();
  lock_.lock();
}

Thread* WaitQueue::pop() {
  Thread* t = head_;
  if (t == nullptr) return nullptr;
  head_ = t->wait_next_;
  if (head_ == nullptr) tail_ = nullptr;
  t->wait_next_ = nullptr;
  return t;
}

uint32_t WaitQueue::wake_one_locked() {
  Thread* t = pop();
  if (t == nullptr) return 0;
  const bool woken = sched::wake(t);
  ASSERT(woken);  // only blocked threads are on the queue
  return 1;
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
