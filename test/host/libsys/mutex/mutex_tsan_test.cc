// sys::Mutex under TSan with more threads than cores, so that holders are preempted and waiters
// really sleep on the futex: a plain counter stays exact, TSan sees no race (it would, were the
// lock's acquire/release ordering wrong), and the word ends unlocked, i.e. no sleeper was left
// behind by a lost wake-up (the test would hang instead).
#include <thread>
#include <vector>

#include "libsys/mutex.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

static void test_counter_is_exact_with_sleeping_waiters() {
  sys::Mutex mutex;
  uint64_t counter = 0;
  constexpr int kThreads = 6, kIncrements = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        sys::MutexGuard guard(mutex);
        ++counter;
        // Now and then hold it across a yield, so the others find it taken and sleep.
        if (i % 64 == 0) std::this_thread::yield();
      }
    });
  }
  for (auto& th : threads) th.join();
  TEST_ASSERT_EQUAL_UINT64(uint64_t{kThreads} * kIncrements, counter);
  TEST_ASSERT_FALSE(mutex.is_locked());
}

static void test_try_lock_fails_while_held() {
  sys::Mutex mutex;
  mutex.lock();
  bool taken_elsewhere = true;
  std::thread other([&] {
    taken_elsewhere = false;
    if (mutex.try_lock()) {
      taken_elsewhere = true;
      mutex.unlock();
    }
  });
  other.join();
  TEST_ASSERT_FALSE(taken_elsewhere);
  mutex.unlock();
  TEST_ASSERT_TRUE(mutex.try_lock());
  mutex.unlock();
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_counter_is_exact_with_sleeping_waiters);
  RUN_TEST(test_try_lock_fails_while_held);
  return UNITY_END();
}
