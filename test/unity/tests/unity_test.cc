// clang-format off
// Not formatted: each subject sits on the line its expected output names, so lines stay whole.
// Tests of the shim's session machinery: result lines, fixtures, the jump out of a failed test, the
// summary and UNITY_END()'s value, output escaping, TEST_PROTECT/TEST_ABORT. Each case runs a nested
// session whose output is compared byte for byte with what Unity 2.7.0 prints. The assertion families
// are covered by test/unity/tests/unity_assertions_test.cc.
#include <string>

#include "test/unity/tests/unity_capture.h"
#include "unity.h"

namespace {

using unity_capture::footer;

int g_line = 0;              // line of the assertion a subject expects to fail
bool g_reached_end = false;  // set if a subject runs past a failed assertion

#define EXPECT_OUTPUT(expected, actual) TEST_ASSERT_EQUAL_STRING((expected).c_str(), (actual).c_str())
#define MARK_LINE() g_line = __LINE__  // the assertion follows on the same line

std::string prefix(const char* name, int line) {
  return std::string("subject.cc:") + std::to_string(line) + ":" + name + ":";
}

void subject_passes() { TEST_ASSERT_EQUAL_INT(3, 1 + 2); }
void subject_fails() { g_reached_end = false; MARK_LINE(); TEST_ASSERT_EQUAL_INT(1, 2); g_reached_end = true; }
void subject_ignored() { TEST_IGNORE(); }
void subject_escape() { MARK_LINE(); TEST_FAIL_MESSAGE("a\nb\r\x01\x7f"); }
void subject_also_fails() { TEST_ASSERT_EQUAL_UINT64(0, 1); }

void subject_protect_and_abort() {
  static int stage;
  stage = 0;
  if (TEST_PROTECT()) {
    stage = 1;
    TEST_ABORT();
  }
  // Back here after the abort, with the test still running (nothing failed).
  TEST_ASSERT_EQUAL_INT(1, stage);
}

}  // namespace

static void test_pass_line_format() {
  EXPECT_OUTPUT(prefix("subject_passes", 42) + "PASS\n" + footer(1, 0, 0),
                unity_capture::run(subject_passes, "subject_passes", 42));
}

static void test_failure_reports_line_and_stops_test() {
  const std::string out = unity_capture::run(subject_fails, "subject_fails", 7);
  EXPECT_OUTPUT(prefix("subject_fails", g_line) + "FAIL: Expected 1 Was 2\n" + footer(1, 1, 0), out);
  TEST_ASSERT_FALSE(g_reached_end);
}

static void test_setup_and_teardown_run_even_on_failure() {
  (void)unity_capture::run(subject_fails);
  TEST_ASSERT_EQUAL_INT(1, unity_capture::nested_setups());
  TEST_ASSERT_EQUAL_INT(1, unity_capture::nested_teardowns());
}

static void test_ignore_is_counted_not_failed() {
  const std::string out = unity_capture::run(subject_ignored);
  TEST_ASSERT_EQUAL_STRING(footer(1, 0, 1).c_str(), out.substr(out.find('\n') + 1).c_str());
}

static void test_control_characters_are_escaped() {
  EXPECT_OUTPUT(prefix("subject", g_line) + "FAIL: a\\nb\\r\\x01\\x7F\n" + footer(1, 1, 0),
                unity_capture::run(subject_escape));
}

static void test_protect_and_abort() {
  EXPECT_OUTPUT(prefix("subject", 1) + "PASS\n" + footer(1, 0, 0), unity_capture::run(subject_protect_and_abort));
}

static void test_counts_over_several_tests_and_end_returns_failures() {
  const UnityTestFunction subjects[] = {subject_passes, subject_fails, subject_ignored, subject_also_fails};
  int failures = -1;
  const std::string out = unity_capture::run_many(subjects, 4, &failures);
  TEST_ASSERT_EQUAL_INT(2, failures);
  const std::string tail = footer(4, 2, 1);
  TEST_ASSERT_GREATER_THAN_size_t(tail.size(), out.size());
  EXPECT_OUTPUT(tail, out.substr(out.size() - tail.size()));
  EXPECT_OUTPUT(prefix("t0", 1) + "PASS\n", out.substr(0, prefix("t0", 1).size() + 5));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_pass_line_format);
  RUN_TEST(test_failure_reports_line_and_stops_test);
  RUN_TEST(test_setup_and_teardown_run_even_on_failure);
  RUN_TEST(test_ignore_is_counted_not_failed);
  RUN_TEST(test_control_characters_are_escaped);
  RUN_TEST(test_protect_and_abort);
  RUN_TEST(test_counts_over_several_tests_and_end_returns_failures);
  return UNITY_END();
}
