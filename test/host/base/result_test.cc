// Result<T> and TRY: values, errors, early return, and owned values that must not leak or
// double-free.
#include <memory>

#include "base/result.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

static Result<int> half(int x) {
  if (x % 2 != 0) return Status::kInvalidArgument;
  return x / 2;
}

static Result<int> quarter(int x) {
  const int h = TRY(half(x));
  return TRY(half(h));
}

static Status check_even(int x) {
  TRY(half(x));
  return Status::kOk;
}

static Status require_positive(int x) { return x > 0 ? Status::kOk : Status::kOutOfRange; }
static Status positive_and_even(int x) {
  TRY(require_positive(x));
  TRY(half(x));
  return Status::kOk;
}

static void test_value_and_error() {
  Result<int> ok = half(8);
  TEST_ASSERT_TRUE(ok.is_ok());
  TEST_ASSERT_EQUAL_INT(4, ok.value());
  Result<int> bad = half(3);
  TEST_ASSERT_TRUE(bad.is_error());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(bad.status()));
}

static void test_try_propagates_the_first_error() {
  TEST_ASSERT_EQUAL_INT(2, quarter(8).value());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(quarter(6).status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk), static_cast<int>(check_even(4)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(positive_and_even(-2)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(positive_and_even(3)));
}

static Result<std::unique_ptr<int>> make_owned(bool ok) {
  if (!ok) return Status::kNoMemory;
  return std::make_unique<int>(7);
}

static void test_owned_values_move_out_once() {
  Result<std::unique_ptr<int>> r = make_owned(true);
  std::unique_ptr<int> p = r.release_value();
  TEST_ASSERT_EQUAL_INT(7, *p);
  TEST_ASSERT_TRUE(make_owned(false).is_error());  // ASan would catch a leak or double free
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_value_and_error);
  RUN_TEST(test_try_propagates_the_first_error);
  RUN_TEST(test_owned_values_move_out_once);
  return UNITY_END();
}
