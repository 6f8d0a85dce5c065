// PoolAllocator: first-fit runs, counts, refusals that change nothing.
#include "servers/memsrv/pool_allocator.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

void test_runs_first_fit_and_back() {
  uint64_t words[PoolAllocator::words_for(200)];
  PoolAllocator pool;
  pool.init(words, 200);
  TEST_ASSERT_EQUAL_UINT64(200, pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(10).value());
  TEST_ASSERT_EQUAL_UINT64(10, pool.take(70).value());
  TEST_ASSERT_EQUAL_UINT64(80, pool.take(5).value());
  TEST_ASSERT_EQUAL_UINT64(115, pool.free_pages());
  TEST_ASSERT_STATUS(Status::kOk, pool.give_back(0, 10));
  // A hole of 10 at the start: 10 fits there, 11 goes after the last run.
  TEST_ASSERT_EQUAL_UINT64(85, pool.take(11).value());
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(10).value());
  TEST_ASSERT_STATUS(Status::kNoMemory, pool.take(200).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, pool.take(0).status());
  TEST_ASSERT_STATUS(Status::kNoMemory, pool.take(105).status());  // 104 left, in one run
  TEST_ASSERT_EQUAL_UINT64(96, pool.take(104).value());
  TEST_ASSERT_EQUAL_UINT64(0, pool.free_pages());
}

void test_refusals_change_nothing() {
  uint64_t words[PoolAllocator::words_for(64)];
  PoolAllocator pool;
  pool.init(words, 64);
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(8).value());
  TEST_ASSERT_STATUS(Status::kBadState, pool.give_back(4, 8));  // 8-11 are free
  TEST_ASSERT_EQUAL_UINT64(56, pool.free_pages());
  TEST_ASSERT_FALSE(pool.is_free(4));
  TEST_ASSERT_STATUS(Status::kOutOfRange, pool.give_back(60, 8));
  TEST_ASSERT_STATUS(Status::kOutOfRange, pool.give_back(64, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, pool.give_back(0, 0));
  TEST_ASSERT_STATUS(Status::kOk, pool.give_back(0, 8));
  TEST_ASSERT_EQUAL_UINT64(64, pool.free_pages());
  // A whole pool in one run, across word boundaries.
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(64).value());
  TEST_ASSERT_STATUS(Status::kNoMemory, pool.take(1).status());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_runs_first_fit_and_back);
  RUN_TEST(test_refusals_change_nothing);
  return UNITY_END();
}
