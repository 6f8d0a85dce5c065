// Range<T>: overflow-checked construction and the relations used for ports, frames and addresses.
#include "base/range.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

static void test_checked_rejects_empty_and_wrapping_ranges() {
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(Range<uint16_t>::checked(10, 0).status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOverflow),
                        static_cast<int>(Range<uint16_t>::checked(0xFFF0, 0x20).status()));
  // Ending exactly at the top of the type is fine: ports 0xFFF0..0xFFFF.
  Result<Range<uint16_t>> top = Range<uint16_t>::checked(0xFFF0, 0x10);
  TEST_ASSERT_TRUE(top.is_ok());
  TEST_ASSERT_EQUAL_HEX16(0xFFFF, top.value().last());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOverflow),
                        static_cast<int>(Range<uint64_t>::checked(~0ull, 2).status()));
}

static void test_checked_honours_a_limit() {
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(Range<uint64_t>::checked(90, 20, 100).status()));
  TEST_ASSERT_TRUE(Range<uint64_t>::checked(90, 10, 100).is_ok());
}

static void test_contains_overlaps_touches() {
  const Range<uint16_t> a{0x60, 5};  // 0x60..0x64
  TEST_ASSERT_TRUE(a.contains(uint16_t{0x60}));
  TEST_ASSERT_TRUE(a.contains(uint16_t{0x64}));
  TEST_ASSERT_FALSE(a.contains(uint16_t{0x65}));
  TEST_ASSERT_FALSE(a.contains(uint16_t{0x5F}));
  TEST_ASSERT_TRUE(a.contains(Range<uint16_t>{0x61, 2}));
  TEST_ASSERT_FALSE(a.contains(Range<uint16_t>{0x63, 3}));
  TEST_ASSERT_TRUE(a.overlaps(Range<uint16_t>{0x64, 1}));
  TEST_ASSERT_FALSE(a.overlaps(Range<uint16_t>{0x65, 1}));
  TEST_ASSERT_TRUE(a.touches(Range<uint16_t>{0x65, 1}));     // adjacent above
  TEST_ASSERT_TRUE(a.touches(Range<uint16_t>{0x50, 0x10}));  // adjacent below
  TEST_ASSERT_FALSE(a.touches(Range<uint16_t>{0x66, 1}));
  const Range<uint16_t> top{0xFFFF, 1};
  TEST_ASSERT_FALSE(top.touches(Range<uint16_t>{0, 1}));  // no wrap-around adjacency
  TEST_ASSERT_FALSE(Range<uint16_t>{}.overlaps(a));       // empty overlaps nothing
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_checked_rejects_empty_and_wrapping_ranges);
  RUN_TEST(test_checked_honours_a_limit);
  RUN_TEST(test_contains_overlaps_touches);
  return UNITY_END();
}
