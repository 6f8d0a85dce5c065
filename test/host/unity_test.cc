// Tests of the Unity shim itself. Each case runs a nested Unity session whose output is captured and
// compared byte for byte with what Unity 2.5 prints, including the line of the failing assertion.
#include <string.h>

#include <string>

#include "unity.h"

namespace {

std::string g_captured;
int g_nested_setups = 0;
int g_nested_teardowns = 0;
bool g_nested = false;
int g_line = 0;            // line of the assertion a subject expects to fail
bool g_reached_end = false;  // set if a subject runs past a failed assertion

void capture(int c) { g_captured.push_back(static_cast<char>(c)); }

// Runs `subject` as the only test of a nested session and returns what it printed.
std::string run_nested(UnityTestFunction subject, const char* name, int run_line) {
  const UnityState saved = Unity;
  g_captured.clear();
  g_nested = true;
  g_reached_end = false;
  unity_set_output_hook(capture);
  UnityBegin("subject.cc");
  UnityDefaultTestRun(subject, name, run_line);
  UnityEnd();
  unity_set_output_hook(nullptr);
  g_nested = false;
  Unity = saved;
  return g_captured;
}

std::string line_prefix(const char* name, int line) {
  return std::string("subject.cc:") + std::to_string(line) + ":" + name + ":";
}

std::string footer(int tests, int failures, int ignored) {
  return "\n-----------------------\n" + std::to_string(tests) + " Tests " + std::to_string(failures) +
         " Failures " + std::to_string(ignored) + " Ignored \n" + (failures == 0 ? "OK" : "FAIL") + "\n";
}

std::string fail_output(const char* name, const std::string& detail) {
  return line_prefix(name, g_line) + "FAIL:" + detail + "\n" + footer(1, 1, 0);
}

#define EXPECT_OUTPUT(expected, actual) TEST_ASSERT_EQUAL_STRING((expected).c_str(), (actual).c_str())
#define MARK_LINE() g_line = __LINE__  // the assertion follows on the same line

void subject_passes() { TEST_ASSERT_EQUAL_INT(3, 1 + 2); }
void subject_equal_int() { MARK_LINE(); TEST_ASSERT_EQUAL_INT(1, 2); g_reached_end = true; }
void subject_equal_negative() { MARK_LINE(); TEST_ASSERT_EQUAL_INT(-5, 7); }
void subject_equal_message() { MARK_LINE(); TEST_ASSERT_EQUAL_INT_MESSAGE(1, 2, "counter"); }
void subject_uint8() { MARK_LINE(); TEST_ASSERT_EQUAL_UINT8(255, 0x1FE); }
void subject_uint64() { MARK_LINE(); TEST_ASSERT_EQUAL_UINT64(UINT64_MAX, 1); }
void subject_hex8() { MARK_LINE(); TEST_ASSERT_EQUAL_HEX8(0xAB, 0xCD); }
void subject_hex16() { MARK_LINE(); TEST_ASSERT_EQUAL_HEX16(0x12, 0xBEEF); }
void subject_hex32() { MARK_LINE(); TEST_ASSERT_EQUAL_HEX32(0xDEADBEEF, 0); }
void subject_hex64() { MARK_LINE(); TEST_ASSERT_EQUAL_HEX64(0x1122334455667788ull, 1); }
void subject_true() { MARK_LINE(); TEST_ASSERT_TRUE(1 == 2); }
void subject_assert_msg() { MARK_LINE(); TEST_ASSERT_MESSAGE(false, "custom words"); }
void subject_false() { MARK_LINE(); TEST_ASSERT_FALSE(2 > 1); }
void subject_null() { static int x; MARK_LINE(); TEST_ASSERT_NULL(&x); }
void subject_not_null() { MARK_LINE(); TEST_ASSERT_NOT_NULL(nullptr); }
void subject_string() { MARK_LINE(); TEST_ASSERT_EQUAL_STRING("abc", "abd"); }
void subject_string_null() { MARK_LINE(); TEST_ASSERT_EQUAL_STRING("abc", nullptr); }
void subject_memory() {
  const uint8_t e[4] = {1, 2, 3, 4}, a[4] = {1, 2, 9, 4};
  MARK_LINE(); TEST_ASSERT_EQUAL_MEMORY(e, a, 4);
}
void subject_bits() { MARK_LINE(); TEST_ASSERT_BITS(0xF0, 0x30, 0x20); }
void subject_bit_high() { MARK_LINE(); TEST_ASSERT_BIT_HIGH(0, 2); }
void subject_fail() { MARK_LINE(); TEST_FAIL(); }
void subject_fail_message() { MARK_LINE(); TEST_FAIL_MESSAGE("broken"); }
void subject_ignore() { MARK_LINE(); TEST_IGNORE(); }
void subject_ignore_message() { MARK_LINE(); TEST_IGNORE_MESSAGE("later"); }
void subject_pass_early() { TEST_PASS(); TEST_FAIL_MESSAGE("not reached"); }
void subject_ptr() { MARK_LINE(); TEST_ASSERT_EQUAL_PTR((void*)0x1000, (void*)0x2000); }
void subject_escape() { MARK_LINE(); TEST_FAIL_MESSAGE("a\nb\x01"); }

}  // namespace

void setUp() {
  if (g_nested) g_nested_setups++;
}
void tearDown() {
  if (g_nested) g_nested_teardowns++;
}

static void test_pass_line_format() {
  const std::string out = run_nested(subject_passes, "subject_passes", 42);
  EXPECT_OUTPUT(line_prefix("subject_passes", 42) + "PASS\n" + footer(1, 0, 0), out);
}

static void test_failure_reports_line_and_stops_test() {
  const std::string out = run_nested(subject_equal_int, "subject_equal_int", 7);
  EXPECT_OUTPUT(fail_output("subject_equal_int", " Expected 1 Was 2"), out);
  TEST_ASSERT_FALSE(g_reached_end);
}

static void test_setup_and_teardown_run_even_on_failure() {
  g_nested_setups = g_nested_teardowns = 0;
  (void)run_nested(subject_equal_int, "subject_equal_int", 7);
  TEST_ASSERT_EQUAL_INT(1, g_nested_setups);
  TEST_ASSERT_EQUAL_INT(1, g_nested_teardowns);
}

static void test_number_styles() {
  EXPECT_OUTPUT(fail_output("n", " Expected -5 Was 7"), run_nested(subject_equal_negative, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 1 Was 2. counter"), run_nested(subject_equal_message, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 255 Was 254"), run_nested(subject_uint8, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 18446744073709551615 Was 1"), run_nested(subject_uint64, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 0xAB Was 0xCD"), run_nested(subject_hex8, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 0x0012 Was 0xBEEF"), run_nested(subject_hex16, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 0xDEADBEEF Was 0x00000000"), run_nested(subject_hex32, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 0x1122334455667788 Was 0x0000000000000001"),
                run_nested(subject_hex64, "n", 1));
  EXPECT_OUTPUT(fail_output("n", " Expected 0x0000000000001000 Was 0x0000000000002000"),
                run_nested(subject_ptr, "n", 1));
}

static void test_boolean_and_pointer_wording() {
  EXPECT_OUTPUT(fail_output("b", " Expression Evaluated To FALSE"), run_nested(subject_true, "b", 1));
  EXPECT_OUTPUT(fail_output("b", " custom words"), run_nested(subject_assert_msg, "b", 1));
  EXPECT_OUTPUT(fail_output("b", " Expected FALSE Was TRUE"), run_nested(subject_false, "b", 1));
  EXPECT_OUTPUT(fail_output("b", " Expected NULL"), run_nested(subject_null, "b", 1));
  EXPECT_OUTPUT(fail_output("b", " Expected Non-NULL"), run_nested(subject_not_null, "b", 1));
}

static void test_string_memory_and_bits() {
  EXPECT_OUTPUT(fail_output("s", " Expected 'abc' Was 'abd'"), run_nested(subject_string, "s", 1));
  EXPECT_OUTPUT(fail_output("s", " Expected 'abc' Was NULL"), run_nested(subject_string_null, "s", 1));
  EXPECT_OUTPUT(fail_output("s", " Memory Mismatch. Byte 2 Expected 0x03 Was 0x09"),
                run_nested(subject_memory, "s", 1));
  EXPECT_OUTPUT(fail_output("s", " Expected XXXXXXXXXXXXXXXXXXXXXXXX0011XXXX Was XXXXXXXXXXXXXXXXXXXXXXXX0010XXXX"),
                run_nested(subject_bits, "s", 1));
  EXPECT_OUTPUT(fail_output("s", " Expected XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX1 Was XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX0"),
                run_nested(subject_bit_high, "s", 1));
}

static void test_fail_ignore_pass_macros() {
  std::string out = run_nested(subject_fail, "f", 1);
  EXPECT_OUTPUT(line_prefix("f", g_line) + "FAIL\n" + footer(1, 1, 0), out);
  out = run_nested(subject_fail_message, "f", 1);
  EXPECT_OUTPUT(line_prefix("f", g_line) + "FAIL: broken\n" + footer(1, 1, 0), out);
  out = run_nested(subject_ignore, "i", 1);
  EXPECT_OUTPUT(line_prefix("i", g_line) + "IGNORE\n" + footer(1, 0, 1), out);
  out = run_nested(subject_ignore_message, "i", 1);
  EXPECT_OUTPUT(line_prefix("i", g_line) + "IGNORE: later\n" + footer(1, 0, 1), out);
  out = run_nested(subject_pass_early, "p", 9);
  EXPECT_OUTPUT(line_prefix("p", 9) + "PASS\n" + footer(1, 0, 0), out);
}

static void test_control_characters_are_escaped() {
  EXPECT_OUTPUT(fail_output("e", " a\\nb\\x01"),
                run_nested(subject_escape, "e", 1));
}

static void test_counts_over_several_tests() {
  const UnityState saved = Unity;
  g_captured.clear();
  g_nested = true;
  unity_set_output_hook(capture);
  UnityBegin("subject.cc");
  UnityDefaultTestRun(subject_passes, "a", 1);
  UnityDefaultTestRun(subject_equal_int, "b", 2);
  UnityDefaultTestRun(subject_ignore, "c", 3);
  UnityDefaultTestRun(subject_hex8, "d", 4);
  const int failures = UnityEnd();
  unity_set_output_hook(nullptr);
  g_nested = false;
  Unity = saved;
  TEST_ASSERT_EQUAL_INT(2, failures);
  const std::string tail = footer(4, 2, 1);
  TEST_ASSERT_TRUE(g_captured.size() > tail.size());
  EXPECT_OUTPUT(tail, g_captured.substr(g_captured.size() - tail.size()));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_pass_line_format);
  RUN_TEST(test_failure_reports_line_and_stops_test);
  RUN_TEST(test_setup_and_teardown_run_even_on_failure);
  RUN_TEST(test_number_styles);
  RUN_TEST(test_boolean_and_pointer_wording);
  RUN_TEST(test_string_memory_and_bits);
  RUN_TEST(test_fail_ignore_pass_macros);
  RUN_TEST(test_control_characters_are_escaped);
  RUN_TEST(test_counts_over_several_tests);
  return UNITY_END();
}
