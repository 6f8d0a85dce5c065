// Tests of the priority argument: the caller's own level by name, every level up to the caller's,
// and the two refusals in their order (no such level first, then above the caller).
#include "kernel/syscall/priority_word.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

void test_same_is_the_callers_level() {
  TEST_ASSERT_EQUAL_UINT32(8, decode_priority(kThreadPrioritySame, 8).value());
  TEST_ASSERT_EQUAL_UINT32(0, decode_priority(kThreadPrioritySame, 0).value());
  TEST_ASSERT_EQUAL_UINT32(12, decode_priority(kThreadPrioritySame, 12).value());
}

void test_levels_up_to_the_callers() {
  for (uint32_t level = 0; level <= 10; ++level) {
    TEST_ASSERT_EQUAL_UINT32(level, decode_priority(level, 10).value());
  }
}

void test_refusals() {
  TEST_ASSERT_EQUAL(Status::kAccessDenied, decode_priority(11, 10).status());
  TEST_ASSERT_EQUAL(Status::kAccessDenied, decode_priority(kThreadPriorityCount - 1, 0).status());
  TEST_ASSERT_EQUAL(Status::kInvalidArgument, decode_priority(kThreadPriorityCount, 15).status());
  TEST_ASSERT_EQUAL(Status::kInvalidArgument,
                    decode_priority(uint64_t{kThreadPrioritySame} + 1, 15).status());
  TEST_ASSERT_EQUAL(Status::kInvalidArgument, decode_priority(UINT64_MAX, 15).status());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_same_is_the_callers_level);
  RUN_TEST(test_levels_up_to_the_callers);
  RUN_TEST(test_refusals);
  return UNITY_END();
}
