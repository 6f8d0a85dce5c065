/* A Unity test file exactly as a Unity user writes one: plain C, nothing from Portcullis. The check
 * script (check_plain_unity.sh) builds it with test/unity/unity.cc alone, as C and as C++, and
 * compares its output with plain_unity_test.expected byte for byte, so that file must change with
 * any line of this one. Built with UNITY_INCLUDE_DOUBLE. Three tests fail and one is ignored on
 * purpose: UNITY_END() must return 3. */
#include <stdint.h>

#include "unity.h"

#ifdef PLAIN_TEST_OWN_SINK
#include <stdio.h>
/* UNITY_OUTPUT_CHAR(a)=plain_test_putc(a): every character goes to stderr instead. */
void plain_test_putc(int c) { fputc(c, stderr); }
#endif

static int fixture_value;

void setUp(void) { fixture_value = 42; }
void tearDown(void) { fixture_value = 0; }

static void test_integers_pass(void) {
  int expected[] = {1, 2, 3};
  int actual[] = {1, 2, 3};
  TEST_ASSERT_EQUAL_INT(42, fixture_value);
  TEST_ASSERT_EQUAL_HEX8(0x2A, fixture_value);
  TEST_ASSERT_INT_WITHIN(1, 41, fixture_value);
  TEST_ASSERT_GREATER_THAN(41, fixture_value);
  TEST_ASSERT_LESS_OR_EQUAL_UINT8(42, fixture_value);
  TEST_ASSERT_EQUAL_INT_ARRAY(expected, actual, 3);
  TEST_ASSERT_EACH_EQUAL_INT(1, expected, 1);
  TEST_ASSERT_BITS_HIGH(0x0A, fixture_value);
}

static void test_strings_and_memory_pass(void) {
  const char* words[] = {"port", "cullis"};
  TEST_ASSERT_EQUAL_STRING("port", words[0]);
  TEST_ASSERT_EQUAL_STRING_LEN("portcullis", "portal", 4);
  TEST_ASSERT_EQUAL_STRING_ARRAY(words, words, 2);
  TEST_ASSERT_EQUAL_MEMORY("abc", "abc", 3);
  TEST_ASSERT_NOT_NULL(words[1]);
  TEST_ASSERT_NOT_EMPTY(words[1]);
}

static void test_floats_and_doubles_pass(void) {
  double doubles[] = {0.5, 0.25};
  TEST_ASSERT_EQUAL_FLOAT(0.1f, 0.1f);
  TEST_ASSERT_FLOAT_WITHIN(0.01f, 3.14f, 3.141f);
  TEST_ASSERT_EQUAL_DOUBLE(0.1, 0.1);
  TEST_ASSERT_EQUAL_DOUBLE_ARRAY(doubles, doubles, 2);
  TEST_ASSERT_DOUBLE_IS_NOT_NAN(1.0);
}

static void test_array_fails(void) {
  int expected[] = {1, 2, 3};
  int actual[] = {1, 2, 7};
  TEST_ASSERT_EQUAL_INT_ARRAY_MESSAGE(expected, actual, 3, "because");
}

static void test_string_fails(void) {
  TEST_MESSAGE("about to compare");
  TEST_PRINTF("value %d, hex %x, text %s", fixture_value, 255u, "ok");
  TEST_ASSERT_EQUAL_STRING("port", "pert");
}

static void test_double_fails(void) {
  TEST_ASSERT_DOUBLE_WITHIN_MESSAGE(0.001, 2.5, 2.25, "because");
}

static void test_ignored(void) {
  TEST_IGNORE_MESSAGE("not yet");
}

int main(void) {
  UNITY_BEGIN();
  RUN_TEST(test_integers_pass);
  RUN_TEST(test_strings_and_memory_pass);
  RUN_TEST(test_floats_and_doubles_pass);
  RUN_TEST(test_array_fails);
  RUN_TEST(test_string_fails);
  RUN_TEST(test_double_fails);
  RUN_TEST(test_ignored);
  return UNITY_END();
}
