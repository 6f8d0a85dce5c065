// The shim inside the kernel: the Unity 2.7.0 surface as the in-kernel runner uses it (arrays,
// deltas, orderings, strings, memory, TEST_PRINTF), and floats excluded as UNITY_EXCLUDE_FLOAT
// excludes them: a float assertion still compiles and fails with Unity's own words. Nested sessions
// print into a buffer, so their expected failures are checked here, not counted by the boot.
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

char g_captured[512];
unsigned g_captured_length = 0;

void capture(int c) {
  if (g_captured_length + 1 < sizeof(g_captured))
    g_captured[g_captured_length++] = static_cast<char>(c);
  g_captured[g_captured_length] = '\0';
}

// Runs `subject` as the only test of a nested session (file "subject.cc", line 1) and returns its
// output; the outer session is restored afterwards.
const char* run_nested(UnityTestFunction subject) {
  const UnityStorage saved = Unity;
  g_captured_length = 0;
  g_captured[0] = '\0';
  unity_set_output_hook(capture);
  UnityBegin("subject.cc");
  UnityDefaultTestRun(subject, "subject", 1);
  UnityEnd();
  unity_set_output_hook(nullptr);
  Unity = saved;
  return g_captured;
}

const int kPorts[] = {0x60, 0x64, 0x3F8};
const int kPortsNear[] = {0x61, 0x64, 0x3F9};
const uint8_t kBitmap[] = {0xFF, 0x00, 0xF0};
const char* const kNames[] = {"pic", "pit"};

void test_integer_surface() {
  TEST_ASSERT_EQUAL_INT_ARRAY(kPorts, kPorts, 3);
  TEST_ASSERT_INT_ARRAY_WITHIN(1, kPorts, kPortsNear, 3);
  TEST_ASSERT_INT_WITHIN(1, 0x3F8, 0x3F9);
  TEST_ASSERT_GREATER_THAN_UINT16(0x3F7, 0x3F8);
  TEST_ASSERT_LESS_OR_EQUAL_HEX32(0xFFFF, 0x3F8);
  TEST_ASSERT_NOT_EQUAL_INT(0x60, 0x64);
  TEST_ASSERT_EACH_EQUAL_HEX8(0xFF, kBitmap, 1);
  TEST_ASSERT_BITS_HIGH(0xF0, kBitmap[2]);
  TEST_ASSERT_EQUAL_UINT64(UINT64_MAX, ~uint64_t{0});
}

void test_string_and_memory_surface() {
  TEST_ASSERT_EQUAL_STRING_ARRAY(kNames, kNames, 2);
  TEST_ASSERT_EQUAL_STRING_LEN("pic", "pit", 2);
  TEST_ASSERT_EQUAL_MEMORY_ARRAY(kBitmap, kBitmap, 1, 3);
  TEST_ASSERT_NOT_EMPTY(kNames[0]);
  TEST_PRINTF("the shim prints in the kernel: %d %s %x", 42, "ok", 7u);
}

void subject_array_fails() { TEST_ASSERT_EQUAL_INT_ARRAY(kPorts, kPortsNear, 3); }
void subject_float_excluded() { TEST_ASSERT_EQUAL_FLOAT(1.5f, 1.5f); }

void test_failures_print_unity_text() {
  TEST_ASSERT_EQUAL_STRING(
      "subject.cc:59:subject:FAIL: Element 0 Expected 96 Was 97\n\n-----------------------\n"
      "1 Tests 1 Failures 0 Ignored \nFAIL\n",
      run_nested(subject_array_fails));
  TEST_ASSERT_EQUAL_STRING(
      "subject.cc:60:subject:FAIL: Unity Floating Point Disabled\n\n-----------------------\n"
      "1 Tests 1 Failures 0 Ignored \nFAIL\n",
      run_nested(subject_float_excluded));
}

int run_unity_shim_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_integer_surface);
  RUN_TEST(test_string_and_memory_surface);
  RUN_TEST(test_failures_print_unity_text);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_unity_shim_kernel_tests);
