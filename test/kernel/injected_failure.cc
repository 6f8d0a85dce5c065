// A deliberately failing suite, run only with test_inject=fail on the kernel command line: the test
// suite boots it once to prove that a failing in-kernel test fails ./portcullis test.
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {
void test_injected_failure() {
  TEST_ASSERT_EQUAL_INT_MESSAGE(1, 2, "injected by test_inject=fail");
}
}  // namespace

int run_injected_failure() {
  UNITY_BEGIN();
  RUN_TEST(test_injected_failure);
  return UNITY_END();
}
