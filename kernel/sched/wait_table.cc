#include "kernel/sched/wait_table.h"

#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/sched/scheduler.h"

namespace {

// Ticks that passed on this thread's CPUs since the last call; a migration counts as one tick (the
// CPUs' tick counts are not comparable). Interrupts are off while it runs.
class ElapsedTicks {
 public:
  ElapsedTicks() : cpu_(arch::current_cpu()), last_(arch::timer_ticks()) {}
  uint64_t take() {
    const uint32_t cpu = arch::current_cpu();
    const uint64_t now = arch::timer_ticks();
    const uint64_t passed = cpu == cpu_ ? now - last_ : 1;
    cpu_ = cpu;
    last_ = now;
    return passed;
  }

 private:
  uint32_t cpu_;
  uint64_t last_;
};

}  // namespace

namespace {
constinit WaitTable g_wait_table;  // constant-initialized: usable before constructors run
}  // namespace

WaitTable& WaitTable::global() { return g_wait_table; }

WaitTable::Bucket& WaitTable::bucket_for(const WaitKey& key) {
  // Words are 4-byte aligned; mix the space in so two spaces' equal addresses spread out.
  uint64_t h = (key.address >> 2) ^ (reinterpret_cast<uint64_t>(key.space) >> 4);
  h *= 0x9e3779b97f4a7c15ull;
  return buckets_[h >> 58];  // the top 6 bits: kBucketCount == 64
}
static_assert(WaitTable::kBucketCount == 64, "bucket_for takes the top 6 bits of the hash");

void WaitTable::unlink(Bucket& bucket, Waiter* waiter) {
  for (Waiter** link = &bucket.waiters; *link != nullptr; link = &(*link)->next) {
    if (*link == waiter) {
      *link = waiter->next;
      waiter->next = nullptr;
      return;
    }
  }
}

Status WaitTable::wait(WaitKey key, WaitWordReader read, uint32_t expected,
                       uint64_t timeout_ticks) {
  Bucket& bucket = bucket_for(key);
  WaitQueue::Locked locked(bucket.queue);
  const Result<uint32_t> word = read(key.address);
  if (word.is_error()) return word.status();
  if (word.value() != expected) return Status::kBadState;
  if (timeout_ticks == 0) return Status::kTimedOut;

  Waiter self{key};
  Waiter** tail = &bucket.waiters;
  while (*tail != nullptr) tail = &(*tail)->next;
  *tail = &self;

  ElapsedTicks clock;
  uint64_t left = timeout_ticks;
  while (!self.woken) {
    // Killable: a killed task's thread leaves with kBadState (and exits on its way back).
    const WaitQueue::BlockEnd end = bucket.queue.block_killable(
        locked, timeout_ticks == kWaitForever ? WaitQueue::kForever : left);
    if (self.woken) break;
    if (end == WaitQueue::BlockEnd::kKilled) {
      unlink(bucket, &self);
      return Status::kBadState;
    }
    if (timeout_ticks == kWaitForever) continue;
    const uint64_t passed = clock.take();
    if (end == WaitQueue::BlockEnd::kTimedOut || passed >= left) {
      unlink(bucket, &self);
      return Status::kTimedOut;
    }
    left -= passed;  // another key's wake: block again for what is left
  }
  return Status::kOk;
}

uint32_t WaitTable::wake(WaitKey key, uint32_t count) {
  Bucket& bucket = bucket_for(key);
  uint32_t marked = 0;
  {
    WaitQueue::Locked locked(bucket.queue);
    for (Waiter** link = &bucket.waiters; *link != nullptr && marked < count;) {
      Waiter* w = *link;
      if (w->key == key) {
        *link = w->next;
        w->next = nullptr;
        w->woken = true;
        ++marked;
      } else {
        link = &w->next;
      }
    }
    // Every waiter of the bucket runs and looks at its record: the marked ones return.
    if (marked != 0) bucket.queue.wake_all_locked();
  }
  if (marked != 0) sched::preempt_if_needed();
  return marked;
}
