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

// Runs that start and end inside bitmap words and cover whole words between: the bitmap is set and
// cleared a word at a time, and every page's bit must still come out right.
void test_runs_across_bitmap_words() {
  constexpr uint64_t kPages = 300;
  uint64_t words[PoolAllocator::words_for(kPages)];
  PoolAllocator::PageUse uses[kPages];
  PoolAllocator pool;
  pool.init(words, uses, kPages);
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(5).value());
  TEST_ASSERT_EQUAL_UINT64(5, pool.take_for(2, 200, 1000).value());  // pages 5-204
  TEST_ASSERT_EQUAL_UINT64(205, pool.take_for(1, 64, 1000).value());
  TEST_ASSERT_EQUAL_UINT64(kPages - 269, pool.free_pages());
  for (uint64_t p = 0; p < kPages; ++p) TEST_ASSERT_EQUAL(p >= 269, pool.is_free(p));
  // A second mapping of pages 60-139: dropping 5-204 frees the rest of the run only.
  TEST_ASSERT_STATUS(Status::kOk, pool.add_mappings(60, 80));
  TEST_ASSERT_EQUAL_UINT64(120, pool.drop_mappings(5, 200));
  for (uint64_t p = 0; p < kPages; ++p) {
    const bool taken = p < 5 || (p >= 60 && p < 140) || (p >= 205 && p < 269);
    TEST_ASSERT_EQUAL(!taken, pool.is_free(p));
  }
  TEST_ASSERT_EQUAL_UINT64(80, pool.charged(2));
  TEST_ASSERT_EQUAL_UINT64(80, pool.drop_mappings(60, 80));
  TEST_ASSERT_EQUAL_UINT64(64, pool.drop_mappings(205, 64));
  TEST_ASSERT_STATUS(Status::kOk, pool.give_back(0, 5));
  TEST_ASSERT_EQUAL_UINT64(kPages, pool.free_pages());
  for (uint64_t p = 0; p < kPages; ++p) TEST_ASSERT_TRUE(pool.is_free(p));
  TEST_ASSERT_EQUAL_UINT64(0, pool.charged(1) + pool.charged(2));
  TEST_ASSERT_EQUAL_UINT64(0, pool.take(kPages).value());  // all of it, one run again
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_runs_first_fit_and_back);
  RUN_TEST(test_refusals_change_nothing);
  RUN_TEST(test_client_pages_mappings_and_charge);
  RUN_TEST(test_runs_across_bitmap_words);
  return UNITY_END();
}
