// servers/init/restart_budget: restart=N allows N restarts within any window of kRestartWindowNs,
// the window slides, and without a clock (every time 0) N bounds the restarts for good.
#include "servers/init/restart_budget.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_zero_allows_no_restart() {
  RestartBudget budget(0);
  TEST_ASSERT_FALSE(budget.take(0));
  TEST_ASSERT_FALSE(budget.take(kRestartWindowNs * 5));
}

void test_without_a_clock_the_limit_is_for_good() {
  RestartBudget budget(2);
  TEST_ASSERT_TRUE(budget.take(0));
  TEST_ASSERT_TRUE(budget.take(0));
  TEST_ASSERT_EQUAL_UINT32(2, budget.in_window(0));
  for (int i = 0; i < 10; ++i) TEST_ASSERT_FALSE(budget.take(0));
  TEST_ASSERT_EQUAL_UINT32(2, budget.in_window(0));
}

void test_window_slides() {
  constexpr uint64_t kSecond = 1000 * 1000 * 1000;
  RestartBudget budget(2);
  TEST_ASSERT_TRUE(budget.take(1 * kSecond));
  TEST_ASSERT_TRUE(budget.take(5 * kSecond));
  TEST_ASSERT_FALSE(budget.take(6 * kSecond));  // three in [1 s, 11 s)
  // The restart at 1 s leaves the window at 11 s; the one at 5 s is still in it.
  TEST_ASSERT_FALSE(budget.take(1 * kSecond + kRestartWindowNs - 1));
  TEST_ASSERT_TRUE(budget.take(1 * kSecond + kRestartWindowNs));
  TEST_ASSERT_EQUAL_UINT32(2, budget.in_window(1 * kSecond + kRestartWindowNs));
  TEST_ASSERT_FALSE(budget.take(12 * kSecond));  // 5 s and 11 s are in the window
  TEST_ASSERT_TRUE(budget.take(5 * kSecond + kRestartWindowNs));
  TEST_ASSERT_EQUAL_UINT32(2, budget.in_window(5 * kSecond + kRestartWindowNs));
}

void test_limit_is_capped() {
  RestartBudget budget(kManifestMaxRestarts + 50);
  TEST_ASSERT_EQUAL_UINT32(kManifestMaxRestarts, budget.limit());
  for (uint32_t i = 0; i < kManifestMaxRestarts; ++i) TEST_ASSERT_TRUE(budget.take(0));
  TEST_ASSERT_FALSE(budget.take(0));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_zero_allows_no_restart);
  RUN_TEST(test_without_a_clock_the_limit_is_for_good);
  RUN_TEST(test_window_slides);
  RUN_TEST(test_limit_is_capped);
  return UNITY_END();
}
