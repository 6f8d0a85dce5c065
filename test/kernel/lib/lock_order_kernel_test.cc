// In-kernel tests of the lock-order checker (kernel/lib/lock_order.h, docs/lock-order.md): guards
// push and pop this CPU's held stack, releases out of order leave it right, same-class nesting by
// address passes in both call orders, and real kernel paths record the orders the docs list and
// never both directions of a pair. Nothing here may panic: a false alarm would end the boot. The
// checker exists in debug kernels only; a release kernel has no suite here.
#include "kernel/lib/lock_order.h"

#if PORTCULLIS_LOCK_ORDER

#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/wait_queue.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kGenerousTicks = 1500;

void test_guards_push_and_pop_the_held_stack() {
  static SpinLock lock{LockClass::kTest};
  TEST_ASSERT_EQUAL_UINT32(0, lock_order::held_count());
  {
    SpinGuard guard(lock);
    TEST_ASSERT_EQUAL_UINT32(1, lock_order::held_count());
  }
  TEST_ASSERT_EQUAL_UINT32(0, lock_order::held_count());
}

// Two locks of one class, taken by address and released oldest first.
void test_release_out_of_order() NO_THREAD_SAFETY_ANALYSIS {
  static SpinLock pair[2] = {SpinLock{LockClass::kTest}, SpinLock{LockClass::kTest}};
  const IrqFlags flags = irq_save_disable();
  pair[0].lock();
  pair[1].lock(LockNesting::kByAddress);
  const uint32_t both = lock_order::held_count();
  pair[0].unlock();
  const uint32_t second_only = lock_order::held_count();
  pair[1].unlock();
  const uint32_t none = lock_order::held_count();
  irq_restore(flags);
  TEST_ASSERT_EQUAL_UINT32(2, both);
  TEST_ASSERT_EQUAL_UINT32(1, second_only);
  TEST_ASSERT_EQUAL_UINT32(0, none);
}

// IoBitmap::same_bits locks both bitmaps, lower address first, whichever is `this`.
void test_same_class_nesting_by_address_in_both_call_orders() {
  Result<RefPtr<IoBitmap>> a = IoBitmap::create();
  Result<RefPtr<IoBitmap>> b = IoBitmap::create();
  TEST_ASSERT_TRUE(a.is_ok() && b.is_ok());
  TEST_ASSERT_TRUE(a.value()->same_bits(*b.value()));
  TEST_ASSERT_TRUE(b.value()->same_bits(*a.value()));
  // A duplicate copies under the registry lock, then the original's lock.
  Result<RefPtr<IoBitmap>> copy = a.value()->duplicate();
  TEST_ASSERT_TRUE(copy.is_ok());
  TEST_ASSERT_TRUE(lock_order::has_edge(LockClass::kIoBitmapRegistry, LockClass::kIoBitmap));
  TEST_ASSERT_EQUAL_UINT32(0, lock_order::held_count());
}

struct Sleeper {
  WaitQueue queue;
  bool go = false;  // under queue's lock
};

void sleep_until_go(void* arg) {
  auto* s = static_cast<Sleeper*>(arg);
  WaitQueue::Locked locked(s->queue);
  while (!s->go) s->queue.block(locked);
}

// A wake under the queue's lock enqueues (wait_queue -> run_queue); a timed block arms its timeout
// under it (wait_queue -> timer_list), and the timer's expiry enqueues (timer_list -> run_queue).
void test_wait_queue_paths_record_their_order() {
  static Sleeper sleeper;
  Result<RefPtr<Thread>> t =
      Thread::create_kernel(sleep_until_go, &sleeper, kPriorityDefault, Affinity::any());
  TEST_ASSERT_TRUE(t.is_ok());
  bool woken = false;
  const uint64_t start = arch::timer_ticks();
  while (!woken && arch::timer_ticks() - start < kGenerousTicks) {
    {
      WaitQueue::Locked locked(sleeper.queue);
      if (sleeper.queue.has_waiters()) {
        sleeper.go = true;
        woken = sleeper.queue.wake_all_locked() == 1;
      }
    }
    sched::yield();
  }
  TEST_ASSERT_TRUE(woken);
  t.value()->join();

  WaitQueue queue;
  {
    WaitQueue::Locked locked(queue);
    TEST_ASSERT_FALSE(queue.block_for(locked, 1));  // nobody wakes it: the timer does
  }
  TEST_ASSERT_TRUE(lock_order::has_edge(LockClass::kWaitQueue, LockClass::kRunQueue));
  TEST_ASSERT_TRUE(lock_order::has_edge(LockClass::kWaitQueue, LockClass::kTimerList));
  TEST_ASSERT_TRUE(lock_order::has_edge(LockClass::kTimerList, LockClass::kRunQueue));
  TEST_ASSERT_EQUAL_UINT32(0, lock_order::held_count());
}

// The checker panics before a second direction is recorded; this says so without panicking.
void test_no_pair_is_recorded_both_ways() {
  TEST_ASSERT_TRUE(lock_order::edge_count() > 0);
  for (uint32_t a = 0; a < kLockClassCount; ++a) {
    for (uint32_t b = a; b < kLockClassCount; ++b) {
      const auto x = static_cast<LockClass>(a);
      const auto y = static_cast<LockClass>(b);
      TEST_ASSERT_FALSE(lock_order::has_edge(x, y) && lock_order::has_edge(y, x));
    }
  }
}

int run_lock_order_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_guards_push_and_pop_the_held_stack);
  RUN_TEST(test_release_out_of_order);
  RUN_TEST(test_same_class_nesting_by_address_in_both_call_orders);
  RUN_TEST(test_wait_queue_paths_record_their_order);
  RUN_TEST(test_no_pair_is_recorded_both_ways);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_lock_order_kernel_tests);

#endif  // PORTCULLIS_LOCK_ORDER
