// check_user_range (kernel/syscall/user_memory.h): every edge of the user half, the null page and
// wrap-around, in the documented order of the answers; compared with a plain model over a sweep
// of addresses and lengths around each edge.
#include "kernel/syscall/user_memory.h"

#include "unity.h"

namespace {

int code(Status s) { return static_cast<int>(s); }
int check(uint64_t address, uint64_t length) { return code(check_user_range(address, length)); }

void test_ordinary_ranges_pass() {
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(0x400000, 1));
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(kPageSize, kPageSize));
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(kUserTop - 1, 1));  // the last user byte
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(kPageSize, kUserTop - kPageSize));  // all of it
}

void test_zero_length_is_valid_anywhere() {
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(0, 0));
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(kUserTop, 0));
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(UINT64_MAX, 0));
}

void test_kernel_half_and_non_canonical_are_denied() {
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(kUserTop, 1));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(kUserTop - 1, 2));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(0xFFFF800000000000, 8));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(0xFFFFFFFF80000000, 8));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(UINT64_MAX, 1));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(kPageSize, kUserTop));
}

void test_wrapping_is_overflow_before_anything_else() {
  TEST_ASSERT_EQUAL_INT(code(Status::kOverflow), check(UINT64_MAX, 2));
  TEST_ASSERT_EQUAL_INT(code(Status::kOverflow), check(0x400000, UINT64_MAX));
  TEST_ASSERT_EQUAL_INT(code(Status::kOverflow), check(2, UINT64_MAX));  // also the null page
  // Ending exactly at 2^64 does not wrap: it is the kernel half.
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(UINT64_MAX - 7, 8));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), check(0, UINT64_MAX));  // reaches the top
}

void test_null_page_is_refused() {
  TEST_ASSERT_EQUAL_INT(code(Status::kInvalidArgument), check(0, 1));
  TEST_ASSERT_EQUAL_INT(code(Status::kInvalidArgument), check(kPageSize - 1, 1));
  TEST_ASSERT_EQUAL_INT(code(Status::kInvalidArgument), check(kPageSize - 1, 2));
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), check(kPageSize, 1));
}

// The model: the range's bytes as 128-bit numbers, checked in the documented order.
Status model(uint64_t address, uint64_t length) {
  if (length == 0) return Status::kOk;
  const unsigned __int128 end = static_cast<unsigned __int128>(address) + length;
  if (end > (static_cast<unsigned __int128>(1) << 64)) return Status::kOverflow;
  if (end > kUserTop) return Status::kAccessDenied;
  if (address < kPageSize) return Status::kInvalidArgument;
  return Status::kOk;
}

void test_agrees_with_the_model_around_every_edge() {
  const uint64_t edges[] = {0, kPageSize, kUserTop, 0xFFFF800000000000, UINT64_MAX};
  const uint64_t lengths[] = {0, 1, 2, 7, kPageSize, kUserTop, UINT64_MAX / 2, UINT64_MAX};
  int checked = 0;
  for (uint64_t edge : edges) {
    for (int64_t delta = -9; delta <= 9; ++delta) {
      const uint64_t address = edge + static_cast<uint64_t>(delta);
      for (uint64_t base_length : lengths) {
        for (int64_t d = -2; d <= 2; ++d) {
          const uint64_t length = base_length + static_cast<uint64_t>(d);
          TEST_ASSERT_EQUAL_INT(code(model(address, length)), check(address, length));
          ++checked;
        }
      }
    }
  }
  TEST_ASSERT_EQUAL_INT(5 * 19 * 8 * 5, checked);
}

}  // namespace

void setUp() {}
void tearDown() {}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_ordinary_ranges_pass);
  RUN_TEST(test_zero_length_is_valid_anywhere);
  RUN_TEST(test_kernel_half_and_non_canonical_are_denied);
  RUN_TEST(test_wrapping_is_overflow_before_anything_else);
  RUN_TEST(test_null_page_is_refused);
  RUN_TEST(test_agrees_with_the_model_around_every_edge);
  return UNITY_END();
}
