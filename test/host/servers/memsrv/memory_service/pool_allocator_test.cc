// PoolAllocator: first-fit runs, counts, refusals that change nothing.
#include "servers/memsrv/pool_allocator.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

void test_runs_first_fit_and_back() {
  uint64_t words[PoolAllocator::words_for(200)];
  PoolAllocator::PageUse uses[200];
  PoolAllocator pool;
  pool.init(words, uses, 200);
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
  PoolAllocator::PageUse uses[64];
  PoolAllocator pool;
  pool.init(words, uses, 64);
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

// Client pages: charged to their payer up to its quota, counted per mapping, back in the pool (and
// off the charge) with the last mapping only; memsrv's own pages are not client pages.
void test_client_pages_mappings_and_charge() {
  uint64_t words[PoolAllocator::words_for(32)];
  PoolAllocator::PageUse uses[32];
  PoolAllocator pool;
  pool.init(words, uses, 32);
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(2).value());  // memsrv's own
  TEST_ASSERT_STATUS(Status::kNoSpace, pool.take_for(3, 5, 4).status());
  TEST_ASSERT_STATUS(Status::kNoSpace, pool.take_for(PoolAllocator::kMaxPayers, 1, 4).status());
  TEST_ASSERT_EQUAL_UINT64(2, pool.take_for(3, 4, 4).value());
  TEST_ASSERT_EQUAL_UINT64(4, pool.charged(3));
  TEST_ASSERT_STATUS(Status::kNoSpace, pool.take_for(3, 1, 4).status());  // quota used up
  TEST_ASSERT_EQUAL_UINT64(26, pool.free_pages());
  TEST_ASSERT_STATUS(Status::kNotFound, pool.add_mappings(0, 1));  // memsrv's own page
  TEST_ASSERT_STATUS(Status::kNotFound, pool.add_mappings(5, 2));  // page 6 is free
  TEST_ASSERT_STATUS(Status::kBadState, pool.give_back(2, 1));     // a client's
  TEST_ASSERT_STATUS(Status::kOk, pool.add_mappings(3, 2));
  TEST_ASSERT_EQUAL_UINT8(2, pool.use(3).mappings);
  TEST_ASSERT_EQUAL_UINT8(3, pool.use(3).payer);
  // Pages 2 and 5 had one mapping, 3 and 4 two: two pages go back, the charge follows.
  TEST_ASSERT_EQUAL_UINT64(2, pool.drop_mappings(2, 4));
  TEST_ASSERT_EQUAL_UINT64(2, pool.charged(3));
  TEST_ASSERT_TRUE(pool.is_free(2));
  TEST_ASSERT_FALSE(pool.is_free(3));
  TEST_ASSERT_EQUAL_UINT64(2, pool.drop_mappings(3, 2));
  TEST_ASSERT_EQUAL_UINT64(0, pool.charged(3));
  TEST_ASSERT_EQUAL_UINT64(30, pool.free_pages());
  // A page at kMaxMappings takes no more (nothing changes for the run).
  TEST_ASSERT_EQUAL_UINT64(2, pool.take_for(1, 2, 8).value());
  for (uint32_t i = 1; i < PoolAllocator::kMaxMappings; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, pool.add_mappings(3, 1));
  }
  TEST_ASSERT_STATUS(Status::kNoSpace, pool.add_mappings(2, 2));
  TEST_ASSERT_EQUAL_UINT8(1, pool.use(2).mappings);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_runs_first_fit_and_back);
  RUN_TEST(test_refusals_change_nothing);
  RUN_TEST(test_client_pages_mappings_and_charge);
  return UNITY_END();
}
