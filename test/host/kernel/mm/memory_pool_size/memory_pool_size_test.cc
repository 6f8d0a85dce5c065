// The memory pool's size: the default share, the command line's MiB, and the bounds.
#include "kernel/mm/memory_pool_size.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_default_is_a_quarter_bounded() {
  TEST_ASSERT_EQUAL_UINT64(1000, memory_pool_pages(4000, nullptr));
  TEST_ASSERT_EQUAL_UINT64(kMemoryPoolDefaultMaxPages, memory_pool_pages(1u << 20, nullptr));
  TEST_ASSERT_EQUAL_UINT64(0, memory_pool_pages(3, nullptr));
}

void test_requested_mib_bounded_by_half() {
  const uint64_t four = 4;
  TEST_ASSERT_EQUAL_UINT64(4 * kMemoryPoolPagesPerMiB, memory_pool_pages(100000, &four));
  const uint64_t zero = 0;
  TEST_ASSERT_EQUAL_UINT64(0, memory_pool_pages(100000, &zero));
  const uint64_t huge = UINT64_MAX;  // would wrap if multiplied first
  TEST_ASSERT_EQUAL_UINT64(50000, memory_pool_pages(100000, &huge));
  const uint64_t too_many = 1000;
  TEST_ASSERT_EQUAL_UINT64(50000, memory_pool_pages(100000, &too_many));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_default_is_a_quarter_bounded);
  RUN_TEST(test_requested_mib_bounded_by_half);
  return UNITY_END();
}
