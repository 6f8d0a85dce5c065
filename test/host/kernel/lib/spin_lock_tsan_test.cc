// The ticket SpinLock under TSan: threads standing in for CPUs increment a plain counter under the
// lock; the total must be exact and TSan must see no race (it would, were the lock's
// acquire/release ordering wrong).
#include <thread>
#include <vector>

#include "kernel/lib/spin_lock.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

static void test_counter_is_exact_under_contention() {
  SpinLock lock;
  uint64_t counter = 0;
  // Two threads on this two-core machine: a ticket lock hands the lock to the next waiter in line,
  // so more threads than cores spend most of the test waiting for a preempted waiter to be
  // scheduled.
  constexpr int kThreads = 2, kIncrements = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        SpinGuard g(lock);
        ++counter;
      }
    });
  }
  for (auto& th : threads) th.join();
  TEST_ASSERT_EQUAL_UINT64(uint64_t{kThreads} * kIncrements, counter);
  TEST_ASSERT_FALSE(lock.is_locked());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_counter_is_exact_under_contention);
  return UNITY_END();
}
