// clang-format off
// Not formatted: each subject sits on the line its expected output names, so lines stay whole.
// Every assertion family of Unity 2.7.0, once passing and once failing, run in a nested session whose
// output is compared byte for byte with the text Unity 2.7.0 prints for it (its src/unity.c strings:
// " Expected ", " Was ", " Element ", " Values Not Within Delta ", " to be greater than ", ...; the
// separator before a user's message is UNITY_FAILURE_DETAIL_SEPARATOR, ":" by default).
#include <stdint.h>
#include <stdio.h>

#include <string>

#include "test/unity/tests/unity_capture.h"
#include "unity.h"

namespace {

using unity_capture::footer;

std::string at(int line) { return "subject.cc:" + std::to_string(line) + ":subject:"; }

// The last mismatch, kept outside the test's frame: a failed assertion leaves the frame by longjmp,
// which would leak the std::strings of a half-evaluated expression.
std::string g_expected, g_actual;

bool prints(const std::string& expected, UnityTestFunction subject) {
  const std::string actual = unity_capture::run(subject);
  if (actual == expected) return true;
  g_expected = expected;
  g_actual = actual;
  return false;
}

// The subject must fail on `line` with exactly `detail` after "FAIL:".
bool fails_with(int line, const std::string& detail, UnityTestFunction subject) {
  return prints(at(line) + "FAIL:" + detail + "\n" + footer(1, 1, 0), subject);
}

bool passes(UnityTestFunction subject) { return prints("subject.cc:1:subject:PASS\n" + footer(1, 0, 0), subject); }

void report_mismatch(int line) {
  static char where[48];
  snprintf(where, sizeof(where), "subject of line %d", line);
  TEST_ASSERT_EQUAL_STRING_MESSAGE(g_expected.c_str(), g_actual.c_str(), where);
}

// Each on one line, so __LINE__ is the subject's assertion line.
#define EXPECT_OUTPUT(expected, ...) \
  do {                               \
    if (!prints((expected), [] { __VA_ARGS__; })) report_mismatch(__LINE__); \
  } while (0)
#define EXPECT_FAIL(detail, ...) \
  do {                           \
    if (!fails_with(__LINE__, (detail), [] { __VA_ARGS__; })) report_mismatch(__LINE__); \
  } while (0)
#define EXPECT_PASS(...) \
  do {                   \
    if (!passes([] { __VA_ARGS__; })) report_mismatch(__LINE__); \
  } while (0)

const int kInts[] = {1, 2, 3};
const int kIntsOther[] = {1, 2, 7};
const int kIntsNear[] = {1, 4, 3};
const int8_t kInt8s[] = {-1, -2};
const int8_t kInt8sOther[] = {-1, 2};
const uint16_t kUint16s[] = {1, 65535};
const uint16_t kUint16sOther[] = {1, 65534};
const uint8_t kHex8s[] = {0x01, 0x02};
const uint8_t kHex8sOther[] = {0x01, 0xFF};
const uint64_t kUint64s[] = {5, UINT64_MAX};
const uint64_t kUint64sOther[] = {5, 0};
const size_t kSizes[] = {10, 20};
const size_t kSizesOther[] = {10, 21};
const char kChars[] = {'a', 'b', 'c'};
const char kCharsOther[] = {'a', 'b', 'd'};
int g_cell_a, g_cell_b;
const void* const kPtrs[] = {&g_cell_a, &g_cell_b};
const void* const kPtrsOther[] = {&g_cell_a, &g_cell_a};
const int kFives[] = {5, 5, 6};
const char* const kWords[] = {"a", "b"};
const char* const kWordsOther[] = {"a", "c"};
const char* const kAs[] = {"a", "b"};
const uint8_t kBytes[] = {1, 2, 3, 4};
const uint8_t kBytesOther[] = {1, 2, 9, 4};
const uint8_t kPairs[] = {0x10, 0x20};
const uint8_t kPairsOther[] = {0x10, 0x21};
const uint16_t kWord = 0xBEEF;
const uint16_t kWordsRepeated[] = {0xBEEF, 0xBEEF, 0xBEEE};

void test_integer_equality() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_INT(7, 7); TEST_ASSERT_EQUAL(7, 7); TEST_ASSERT_EQUAL_UINT64(UINT64_MAX, UINT64_MAX));
  EXPECT_FAIL(" Expected 1 Was 2", TEST_ASSERT_EQUAL_INT(1, 2));
  EXPECT_FAIL(" Expected 1 Was 2:counter", TEST_ASSERT_EQUAL_INT_MESSAGE(1, 2, "counter"));
  EXPECT_FAIL(" Expected 3 Was 4", TEST_ASSERT_EQUAL(3, 4));
  EXPECT_FAIL(" Expected -1 Was 127", TEST_ASSERT_EQUAL_INT8(-1, 0x17F));
  EXPECT_FAIL(" Expected -300 Was 300", TEST_ASSERT_EQUAL_INT16(-300, 300));
  EXPECT_FAIL(" Expected -2147483648 Was 0", TEST_ASSERT_EQUAL_INT32(INT32_MIN, 0));
  EXPECT_FAIL(" Expected -9223372036854775808 Was 1", TEST_ASSERT_EQUAL_INT64(INT64_MIN, 1));
  EXPECT_FAIL(" Expected 18446744073709551615 Was 0", TEST_ASSERT_EQUAL_UINT(-1, 0));
  EXPECT_FAIL(" Expected 255 Was 254", TEST_ASSERT_EQUAL_UINT8(255, 0x1FE));
  EXPECT_FAIL(" Expected 65535 Was 0", TEST_ASSERT_EQUAL_UINT16(65535, 0x10000));
  EXPECT_FAIL(" Expected 4000000000 Was 1", TEST_ASSERT_EQUAL_UINT32(4000000000u, 1));
  EXPECT_FAIL(" Expected 18446744073709551615 Was 1", TEST_ASSERT_EQUAL_UINT64(UINT64_MAX, 1));
  EXPECT_FAIL(" Expected 3 Was 4", TEST_ASSERT_EQUAL_size_t(3, 4));
  EXPECT_FAIL(" Expected 0xAB Was 0xCD", TEST_ASSERT_EQUAL_HEX8(0xAB, 0xCD));
  EXPECT_FAIL(" Expected 0x0012 Was 0xBEEF", TEST_ASSERT_EQUAL_HEX16(0x12, 0xBEEF));
  EXPECT_FAIL(" Expected 0xDEADBEEF Was 0x00000000", TEST_ASSERT_EQUAL_HEX32(0xDEADBEEF, 0));
  EXPECT_FAIL(" Expected 0xDEADBEEF Was 0x00000001", TEST_ASSERT_EQUAL_HEX(0xDEADBEEF, 1));
  EXPECT_FAIL(" Expected 0x1122334455667788 Was 0x0000000000000001", TEST_ASSERT_EQUAL_HEX64(0x1122334455667788ull, 1));
  EXPECT_FAIL(" Expected 'a' Was 'b'", TEST_ASSERT_EQUAL_CHAR('a', 'b'));
  EXPECT_FAIL(" Expected '\\n' Was '\\x01'", TEST_ASSERT_EQUAL_CHAR('\n', 1));
  EXPECT_FAIL(" Expected 0x0000000000001000 Was 0x0000000000002000", TEST_ASSERT_EQUAL_PTR((void*)0x1000, (void*)0x2000));
  EXPECT_FAIL(" Expected 0x0000000000000000 Was 0x0000000000000010:ptr", TEST_ASSERT_EQUAL_PTR_MESSAGE(nullptr, (void*)0x10, "ptr"));
}

void test_integer_inequality() {
  EXPECT_PASS(TEST_ASSERT_NOT_EQUAL(1, 2); TEST_ASSERT_NOT_EQUAL_INT(1, 2); TEST_ASSERT_NOT_EQUAL_CHAR('a', 'b'));
  EXPECT_FAIL(" Expected Not-Equal", TEST_ASSERT_NOT_EQUAL(3, 3));
  EXPECT_FAIL(" Expected 5 to be not equal to 5", TEST_ASSERT_NOT_EQUAL_INT(5, 5));
  EXPECT_FAIL(" Expected -5 to be not equal to -5", TEST_ASSERT_NOT_EQUAL_INT16(-5, -5));
  EXPECT_FAIL(" Expected 7 to be not equal to 7", TEST_ASSERT_NOT_EQUAL_UINT64(7, 7));
  EXPECT_FAIL(" Expected 0x0A to be not equal to 0x0A", TEST_ASSERT_NOT_EQUAL_HEX8(0x0A, 0x10A));
  EXPECT_FAIL(" Expected 'x' to be not equal to 'x':same", TEST_ASSERT_NOT_EQUAL_CHAR_MESSAGE('x', 'x', "same"));
}

void test_integer_ordering() {
  EXPECT_PASS(TEST_ASSERT_GREATER_THAN(10, 11); TEST_ASSERT_LESS_THAN(10, 9); TEST_ASSERT_GREATER_OR_EQUAL(10, 10);
              TEST_ASSERT_LESS_OR_EQUAL(10, 10); TEST_ASSERT_GREATER_THAN_INT8(-2, -1); TEST_ASSERT_LESS_THAN_UINT32(0xFFFFFFFF, 1));
  EXPECT_FAIL(" Expected 9 to be greater than 10", TEST_ASSERT_GREATER_THAN(10, 9));
  EXPECT_FAIL(" Expected 10 to be greater than 10", TEST_ASSERT_GREATER_THAN_UINT8(10, 10));
  EXPECT_FAIL(" Expected -2 to be greater than -1", TEST_ASSERT_GREATER_THAN_INT8(-1, -2));
  EXPECT_FAIL(" Expected 11 to be less than 10", TEST_ASSERT_LESS_THAN(10, 11));
  EXPECT_FAIL(" Expected 4294967295 to be less than 1", TEST_ASSERT_LESS_THAN_UINT32(1, 0xFFFFFFFF));
  EXPECT_FAIL(" Expected 9 to be greater than or equal to 10", TEST_ASSERT_GREATER_OR_EQUAL(10, 9));
  EXPECT_FAIL(" Expected 0x0011 to be less than or equal to 0x0010", TEST_ASSERT_LESS_OR_EQUAL_HEX16(0x10, 0x11));
  EXPECT_FAIL(" Expected 'a' to be greater than 'b'", TEST_ASSERT_GREATER_THAN_CHAR('b', 'a'));
  EXPECT_FAIL(" Expected 1 to be greater than 2:size", TEST_ASSERT_GREATER_THAN_size_t_MESSAGE(2, 1, "size"));
  EXPECT_FAIL(" Expected -9223372036854775808 to be greater than or equal to 0", TEST_ASSERT_GREATER_OR_EQUAL_INT64(0, INT64_MIN));
}

void test_integer_within() {
  EXPECT_PASS(TEST_ASSERT_INT_WITHIN(3, 10, 13); TEST_ASSERT_UINT8_WITHIN(1, 255, 0x1FE); TEST_ASSERT_INT8_WITHIN(1, -128, -127));
  EXPECT_FAIL(" Values Not Within Delta 2 Expected 10 Was 13", TEST_ASSERT_INT_WITHIN(2, 10, 13));
  EXPECT_FAIL(" Values Not Within Delta 5 Expected -128 Was 127", TEST_ASSERT_INT8_WITHIN(5, -128, 127));
  EXPECT_FAIL(" Values Not Within Delta 1 Expected 250 Was 5", TEST_ASSERT_UINT8_WITHIN(1, 250, 5));
  EXPECT_FAIL(" Values Not Within Delta 100 Expected 0 Was 18446744073709551615", TEST_ASSERT_UINT64_WITHIN(100, 0, UINT64_MAX));
  EXPECT_FAIL(" Values Not Within Delta 0x02 Expected 0x0A Was 0x0D", TEST_ASSERT_HEX8_WITHIN(2, 0x0A, 0x0D));
  EXPECT_FAIL(" Values Not Within Delta 0x00000001 Expected 0x00000010 Was 0x00000000", TEST_ASSERT_HEX_WITHIN(1, 0x10, 0));
  EXPECT_FAIL(" Values Not Within Delta '\\x01' Expected 'a' Was 'c'", TEST_ASSERT_CHAR_WITHIN(1, 'a', 'c'));
  EXPECT_FAIL(" Values Not Within Delta 1 Expected 5 Was 7:near", TEST_ASSERT_size_t_WITHIN_MESSAGE(1, 5, 7, "near"));
}

void test_integer_arrays() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_INT_ARRAY(kInts, kInts, 3); TEST_ASSERT_EQUAL_INT_ARRAY(kInts, kIntsOther, 2);
              TEST_ASSERT_EQUAL_INT_ARRAY(nullptr, nullptr, 1));
  EXPECT_FAIL(" Element 2 Expected 3 Was 7", TEST_ASSERT_EQUAL_INT_ARRAY(kInts, kIntsOther, 3));
  EXPECT_FAIL(" Element 2 Expected 3 Was 7:arr", TEST_ASSERT_EQUAL_INT32_ARRAY_MESSAGE(kInts, kIntsOther, 3, "arr"));
  EXPECT_FAIL(" Element 1 Expected -2 Was 2", TEST_ASSERT_EQUAL_INT8_ARRAY(kInt8s, kInt8sOther, 2));
  EXPECT_FAIL(" Element 1 Expected 65535 Was 65534", TEST_ASSERT_EQUAL_UINT16_ARRAY(kUint16s, kUint16sOther, 2));
  EXPECT_FAIL(" Element 1 Expected 18446744073709551615 Was 0", TEST_ASSERT_EQUAL_UINT64_ARRAY(kUint64s, kUint64sOther, 2));
  EXPECT_FAIL(" Element 1 Expected 0x02 Was 0xFF", TEST_ASSERT_EQUAL_HEX8_ARRAY(kHex8s, kHex8sOther, 2));
  EXPECT_FAIL(" Element 1 Expected 20 Was 21", TEST_ASSERT_EQUAL_size_t_ARRAY(kSizes, kSizesOther, 2));
  EXPECT_FAIL(" Element 2 Expected 'c' Was 'd'", TEST_ASSERT_EQUAL_CHAR_ARRAY(kChars, kCharsOther, 3));
  EXPECT_FAIL(" You Asked Me To Compare Nothing, Which Was Pointless.", TEST_ASSERT_EQUAL_INT_ARRAY(kInts, kIntsOther, 0));
  EXPECT_FAIL(" Expected pointer to be NULL", TEST_ASSERT_EQUAL_INT_ARRAY(nullptr, kInts, 1));
  EXPECT_FAIL(" Actual pointer was NULL:why", TEST_ASSERT_EQUAL_UINT_ARRAY_MESSAGE(kInts, nullptr, 1, "why"));
}

std::string hex_ptr(const void* p) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out = "0x";
  for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(reinterpret_cast<uintptr_t>(p) >> shift) & 0xF];
  return out;
}

void test_pointer_arrays() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_PTR_ARRAY(kPtrs, kPtrs, 2); TEST_ASSERT_EACH_EQUAL_PTR(&g_cell_a, kPtrsOther, 2));
  static const std::string a = hex_ptr(&g_cell_a), b = hex_ptr(&g_cell_b);  // static: see g_expected
  EXPECT_FAIL(" Element 1 Expected " + b + " Was " + a, TEST_ASSERT_EQUAL_PTR_ARRAY(kPtrs, kPtrsOther, 2));
  EXPECT_FAIL(" Element 1 Expected " + a + " Was " + b, TEST_ASSERT_EACH_EQUAL_PTR(&g_cell_a, kPtrs, 2));
}

void test_each_equal() {
  EXPECT_PASS(TEST_ASSERT_EACH_EQUAL_INT(5, kFives, 2); TEST_ASSERT_EACH_EQUAL_HEX16(0xBEEF, kWordsRepeated, 2);
              TEST_ASSERT_EACH_EQUAL_STRING("a", kAs, 1));
  EXPECT_FAIL(" Element 2 Expected 5 Was 6", TEST_ASSERT_EACH_EQUAL_INT(5, kFives, 3));
  EXPECT_FAIL(" Element 2 Expected 0xBEEF Was 0xBEEE", TEST_ASSERT_EACH_EQUAL_HEX16(kWord, kWordsRepeated, 3));
  EXPECT_FAIL(" Element 1 Expected 1 Was 65535", TEST_ASSERT_EACH_EQUAL_UINT16(1, kUint16s, 2));
  EXPECT_FAIL(" Element 0 Expected 10 Was 5", TEST_ASSERT_EACH_EQUAL_UINT64(10, kUint64s, 2));
  EXPECT_FAIL(" Element 1 Expected 10 Was 20", TEST_ASSERT_EACH_EQUAL_size_t(10, kSizes, 2));
  EXPECT_FAIL(" Element 1 Expected 'a' Was 'b'", TEST_ASSERT_EACH_EQUAL_CHAR('a', kChars, 3));
  EXPECT_FAIL(" Element 1 Expected 'a' Was 'b' Character 0 Expected 'a' Was 'b'", TEST_ASSERT_EACH_EQUAL_STRING("a", kAs, 2));
  EXPECT_FAIL(" Memory Mismatch. Element 1 Byte 0 Expected 0x10 Was 0x21", TEST_ASSERT_EACH_EQUAL_MEMORY(kPairs, kPairsOther, 1, 2));
  EXPECT_FAIL(" You Asked Me To Compare Nothing, Which Was Pointless.", TEST_ASSERT_EACH_EQUAL_INT(5, kFives, 0));
}

void test_array_within() {
  EXPECT_PASS(TEST_ASSERT_INT_ARRAY_WITHIN(2, kInts, kIntsNear, 3); TEST_ASSERT_UINT16_ARRAY_WITHIN(1, kUint16s, kUint16sOther, 2));
  EXPECT_FAIL(" Values Not Within Delta 1 Element 1 Expected 2 Was 4", TEST_ASSERT_INT_ARRAY_WITHIN(1, kInts, kIntsNear, 3));
  EXPECT_FAIL(" Values Not Within Delta 0x01 Element 1 Expected 0x02 Was 0xFF", TEST_ASSERT_HEX8_ARRAY_WITHIN(1, kHex8s, kHex8sOther, 2));
  EXPECT_FAIL(" Values Not Within Delta 3 Element 1 Expected -2 Was 2:w", TEST_ASSERT_INT8_ARRAY_WITHIN_MESSAGE(3, kInt8s, kInt8sOther, 2, "w"));
  EXPECT_FAIL(" Values Not Within Delta 0 Element 1 Expected 20 Was 21", TEST_ASSERT_size_t_ARRAY_WITHIN(0, kSizes, kSizesOther, 2));
  EXPECT_FAIL(" You Asked Me To Compare Nothing, Which Was Pointless.", TEST_ASSERT_INT_ARRAY_WITHIN(1, kInts, kIntsNear, 0));
}

void test_bits() {
  EXPECT_PASS(TEST_ASSERT_BITS(0xF0, 0x3F, 0x30); TEST_ASSERT_BITS_HIGH(0x3, 0x7); TEST_ASSERT_BITS_LOW(0x3, 0x4);
              TEST_ASSERT_BIT_HIGH(1, 2); TEST_ASSERT_BIT_LOW(0, 2));
  EXPECT_FAIL(" Expected XXXXXXXXXXXXXXXXXXXXXXXX0011XXXX Was XXXXXXXXXXXXXXXXXXXXXXXX0010XXXX", TEST_ASSERT_BITS(0xF0, 0x30, 0x20));
  EXPECT_FAIL(" Expected XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX11 Was XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX01", TEST_ASSERT_BITS_HIGH(0x3, 0x1));
  EXPECT_FAIL(" Expected XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX00 Was XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX01", TEST_ASSERT_BITS_LOW(0x3, 0x1));
  EXPECT_FAIL(" Expected XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX1 Was XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX0", TEST_ASSERT_BIT_HIGH(0, 2));
  EXPECT_FAIL(" Expected XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX0X Was XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX1X:b", TEST_ASSERT_BIT_LOW_MESSAGE(1, 2, "b"));
}

void test_booleans_and_pointers() {
  static int cell;
  EXPECT_PASS(TEST_ASSERT(1); TEST_ASSERT_TRUE(1); TEST_ASSERT_UNLESS(0); TEST_ASSERT_FALSE(0); TEST_ASSERT_NULL(nullptr);
              TEST_ASSERT_NOT_NULL(&cell); TEST_ASSERT_EMPTY(""); TEST_ASSERT_NOT_EMPTY("x"));
  EXPECT_FAIL(" Expression Evaluated To FALSE", TEST_ASSERT(1 == 2));
  EXPECT_FAIL(" Expected TRUE Was FALSE", TEST_ASSERT_TRUE(1 == 2));
  EXPECT_FAIL(" Expression Evaluated To TRUE", TEST_ASSERT_UNLESS(2 > 1));
  EXPECT_FAIL(" Expected FALSE Was TRUE", TEST_ASSERT_FALSE(2 > 1));
  EXPECT_FAIL(" custom words", TEST_ASSERT_MESSAGE(false, "custom words"));
  EXPECT_FAIL(" why", TEST_ASSERT_TRUE_MESSAGE(false, "why"));
  EXPECT_FAIL(" Expected NULL", TEST_ASSERT_NULL(&cell));
  EXPECT_FAIL(" Expected Non-NULL", TEST_ASSERT_NOT_NULL(nullptr));
  EXPECT_FAIL(" Expected Empty", TEST_ASSERT_EMPTY("a"));
  EXPECT_FAIL(" Expected Non-Empty", TEST_ASSERT_NOT_EMPTY(""));
  EXPECT_FAIL(" not empty", TEST_ASSERT_EMPTY_MESSAGE("a", "not empty"));
}

void test_strings() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_STRING("port", "port"); TEST_ASSERT_EQUAL_STRING(nullptr, nullptr);
              TEST_ASSERT_EQUAL_STRING_LEN("abcdef", "abcxyz", 3); TEST_ASSERT_EQUAL_STRING_ARRAY(kWords, kWordsOther, 1));
  EXPECT_FAIL(" Expected 'port' Was 'pert' Character 1 Expected 'o' Was 'e'", TEST_ASSERT_EQUAL_STRING("port", "pert"));
  EXPECT_FAIL(" Expected 'abc' Was NULL", TEST_ASSERT_EQUAL_STRING("abc", nullptr));
  EXPECT_FAIL(" Expected NULL Was 'abc':n", TEST_ASSERT_EQUAL_STRING_MESSAGE(nullptr, "abc", "n"));
  EXPECT_FAIL(" Expected 'ab' Was 'abc' Character 2 Expected '\\x00' Was 'c'", TEST_ASSERT_EQUAL_STRING("ab", "abc"));
  EXPECT_FAIL(" Expected 'a\\n' Was 'a\\x09' Character 1 Expected '\\n' Was '\\x09'", TEST_ASSERT_EQUAL_STRING("a\n", "a\t"));
  EXPECT_FAIL(" Expected 'abcd' Was 'abcx' Character 3 Expected 'd' Was 'x'", TEST_ASSERT_EQUAL_STRING_LEN("abcdef", "abcxyz", 4));
  EXPECT_FAIL(" Element 1 Expected 'b' Was 'c' Character 0 Expected 'b' Was 'c'", TEST_ASSERT_EQUAL_STRING_ARRAY(kWords, kWordsOther, 2));
  EXPECT_FAIL(" Expected 'b' Was 'c' Character 0 Expected 'b' Was 'c'", TEST_ASSERT_EQUAL_STRING_ARRAY(kWords + 1, kWordsOther + 1, 1));
  EXPECT_FAIL(" You Asked Me To Compare Nothing, Which Was Pointless.", TEST_ASSERT_EQUAL_STRING_ARRAY(kWords, kWordsOther, 0));
}

void test_memory() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_MEMORY(kBytes, kBytesOther, 2); TEST_ASSERT_EQUAL_MEMORY_ARRAY(kPairs, kPairsOther, 1, 1);
              TEST_ASSERT_EACH_EQUAL_MEMORY(kPairs, kPairs, 2, 1));
  EXPECT_FAIL(" Memory Mismatch. Byte 2 Expected 0x03 Was 0x09", TEST_ASSERT_EQUAL_MEMORY(kBytes, kBytesOther, 4));
  EXPECT_FAIL(" Memory Mismatch. Element 1 Byte 0 Expected 0x20 Was 0x21", TEST_ASSERT_EQUAL_MEMORY_ARRAY(kPairs, kPairsOther, 1, 2));
  EXPECT_FAIL(" Memory Mismatch. Element 1 Byte 0 Expected 0x03 Was 0x09:m", TEST_ASSERT_EQUAL_MEMORY_ARRAY_MESSAGE(kBytes, kBytesOther, 2, 2, "m"));
  EXPECT_FAIL(" You Asked Me To Compare Nothing, Which Was Pointless.", TEST_ASSERT_EQUAL_MEMORY(kBytes, kBytesOther, 0));
  EXPECT_FAIL(" Expected pointer to be NULL", TEST_ASSERT_EQUAL_MEMORY(nullptr, kBytes, 4));
}

void test_fail_ignore_pass_message() {
  EXPECT_OUTPUT(at(__LINE__) + "FAIL\n" + footer(1, 1, 0), TEST_FAIL(););
  EXPECT_OUTPUT(at(__LINE__) + "FAIL: broken\n" + footer(1, 1, 0), TEST_FAIL_MESSAGE("broken"););
  EXPECT_OUTPUT(at(__LINE__) + "IGNORE\n" + footer(1, 0, 1), TEST_IGNORE(););
  EXPECT_OUTPUT(at(__LINE__) + "IGNORE: later\n" + footer(1, 0, 1), TEST_IGNORE_MESSAGE("later"););
  EXPECT_OUTPUT(at(__LINE__) + "INFO: hello\n" + at(1) + "PASS\n" + footer(1, 0, 0), TEST_MESSAGE("hello"););
  EXPECT_OUTPUT(at(__LINE__) + "INFO: done\n" + at(1) + "PASS\n" + footer(1, 0, 0), TEST_PASS_MESSAGE("done"); TEST_FAIL(););
  EXPECT_OUTPUT(at(1) + "PASS\n" + footer(1, 0, 0), TEST_PASS(); TEST_FAIL(););
}

// Not a literal, so the compiler's format check lets the unknown conversion through.
const char* g_unknown_conversion = "%lld %lu %hhd %y %f";

void test_printf() {
  EXPECT_OUTPUT(at(__LINE__) + "INFO: n=-3 u=7 c=q s=str %\n" + at(1) + "PASS\n" + footer(1, 0, 0), TEST_PRINTF("n=%d u=%u c=%c s=%s %%", -3, 7u, 'q', "str"););
  EXPECT_OUTPUT(at(__LINE__) + "INFO: 0x00000000000000AB 0x0000000000000010 0b00000000000000000000000000000101\n" + at(1) + "PASS\n" + footer(1, 0, 0), TEST_PRINTF("%x %p %b", 0xABu, (void*)0x10, 5u););
  EXPECT_OUTPUT(at(__LINE__) + "INFO: -5000000000 18446744073709551615 7 %y 1.25\n" + at(1) + "PASS\n" + footer(1, 0, 0), TEST_PRINTF(g_unknown_conversion, -5000000000ll, UINT64_MAX, 7, 1.25););
}

void test_floats() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_FLOAT(1.0f, 1.000001f); TEST_ASSERT_FLOAT_WITHIN(0.5f, 1.0f, 1.4f); TEST_ASSERT_NOT_EQUAL_FLOAT(1.0f, 2.0f);
              TEST_ASSERT_FLOAT_IS_INF(__builtin_inff()); TEST_ASSERT_FLOAT_IS_NAN(__builtin_nanf("")); TEST_ASSERT_EQUAL_FLOAT(__builtin_nanf(""), __builtin_nanf("")));
  EXPECT_FAIL(" Expected 1.5 Was 2.5", TEST_ASSERT_EQUAL_FLOAT(1.5f, 2.5f));
  EXPECT_FAIL(" Expected 1 Was 1.2:w", TEST_ASSERT_FLOAT_WITHIN_MESSAGE(0.1f, 1.0f, 1.2f, "w"));
  EXPECT_FAIL(" Expected 1 to be not equal to 1.2", TEST_ASSERT_FLOAT_NOT_WITHIN(0.5f, 1.0f, 1.2f));
  EXPECT_FAIL(" Expected 2 to be not equal to 2", TEST_ASSERT_NOT_EQUAL_FLOAT(2.0f, 2.0f));
  EXPECT_FAIL(" Expected 1 to be greater than 2", TEST_ASSERT_GREATER_THAN_FLOAT(2.0f, 1.0f));
  EXPECT_FAIL(" Expected 2 to be less than or equal to 1", TEST_ASSERT_LESS_OR_EQUAL_FLOAT(1.0f, 2.0f));
  EXPECT_FAIL(" Expected nan to be greater than or equal to 0", TEST_ASSERT_GREATER_OR_EQUAL_FLOAT(0.0f, __builtin_nanf("")));
  EXPECT_FAIL(" Expected 3 to be less than 0.5", TEST_ASSERT_LESS_THAN_FLOAT(0.5f, 3.0f));
  EXPECT_FAIL(" Expected Infinity Was 1", TEST_ASSERT_FLOAT_IS_INF(1.0f));
  EXPECT_FAIL(" Expected Negative Infinity Was inf", TEST_ASSERT_FLOAT_IS_NEG_INF(__builtin_inff()));
  EXPECT_FAIL(" Expected NaN Was 0", TEST_ASSERT_FLOAT_IS_NAN(0.0f));
  EXPECT_FAIL(" Expected Determinate Was nan", TEST_ASSERT_FLOAT_IS_DETERMINATE(__builtin_nanf("")));
  EXPECT_FAIL(" Expected Not Infinity Was inf", TEST_ASSERT_FLOAT_IS_NOT_INF(__builtin_inff()));
  EXPECT_FAIL(" Expected Not Negative Infinity Was -inf", TEST_ASSERT_FLOAT_IS_NOT_NEG_INF(-__builtin_inff()));
  EXPECT_FAIL(" Expected Not NaN Was nan", TEST_ASSERT_FLOAT_IS_NOT_NAN(__builtin_nanf("")));
  EXPECT_FAIL(" Expected Not Determinate Was 1", TEST_ASSERT_FLOAT_IS_NOT_DETERMINATE(1.0f));
}

const float kFloats[] = {1.0f, 2.0f, 3.0f};
const float kFloatsOther[] = {1.0f, 2.5f, 3.0f};
const float kOnes[] = {1.0f, 1.0f, 3.0f};

void test_float_arrays_and_printing() {
  EXPECT_PASS(TEST_ASSERT_EQUAL_FLOAT_ARRAY(kFloats, kFloats, 3); TEST_ASSERT_FLOAT_ARRAY_WITHIN(0.5f, kFloats, kFloatsOther, 3);
              TEST_ASSERT_EACH_EQUAL_FLOAT(1.0f, kOnes, 2));
  EXPECT_FAIL(" Element 1 Expected 2 Was 2.5", TEST_ASSERT_EQUAL_FLOAT_ARRAY(kFloats, kFloatsOther, 3));
  EXPECT_FAIL(" Element 1 Expected 2 Was 2.5", TEST_ASSERT_FLOAT_ARRAY_WITHIN(0.25f, kFloats, kFloatsOther, 3));
  EXPECT_FAIL(" Element 2 Expected 1 Was 3", TEST_ASSERT_EACH_EQUAL_FLOAT(1.0f, kOnes, 3));
  EXPECT_FAIL(" You Asked Me To Compare Nothing, Which Was Pointless.", TEST_ASSERT_EQUAL_FLOAT_ARRAY(kFloats, kFloats, 0));
  // Unity's %.7g-like printer: seven significant digits, ties to even, exponents unpadded.
  EXPECT_FAIL(" Expected 0.1 Was 123456.7", TEST_ASSERT_EQUAL_FLOAT(0.1f, 123456.7f));
  EXPECT_FAIL(" Expected 1e+10 Was -0.0001", TEST_ASSERT_EQUAL_FLOAT(1e10f, -0.0001f));
  EXPECT_FAIL(" Expected 1e-5 Was 3e+38", TEST_ASSERT_EQUAL_FLOAT(1e-5f, 3e38f));
  EXPECT_FAIL(" Expected 1234567 Was 1.234567e+7", TEST_ASSERT_EQUAL_FLOAT(1234567.0f, 12345670.0f));
}

void test_doubles_are_opt_in() {
  EXPECT_FAIL(" Unity Double Precision Disabled", TEST_ASSERT_EQUAL_DOUBLE(1.0, 1.0));
  EXPECT_FAIL(" Unity Double Precision Disabled", TEST_ASSERT_DOUBLE_IS_NAN(0.0));
}

void test_details() {
  EXPECT_FAIL(" Expected 1 Was 2:Function f Argument a", UNITY_SET_DETAILS("f", "a"); TEST_ASSERT_EQUAL_INT(1, 2));
  EXPECT_FAIL(" Expected 1 Was 2:Function f:m", UNITY_SET_DETAIL("f"); TEST_ASSERT_EQUAL_INT_MESSAGE(1, 2, "m"));
  EXPECT_FAIL("Function f: broken", UNITY_SET_DETAIL("f"); TEST_FAIL_MESSAGE("broken"));
  EXPECT_FAIL(" Expected 1 Was 2", UNITY_SET_DETAIL("f"); UNITY_CLR_DETAILS(); TEST_ASSERT_EQUAL_INT(1, 2));
}

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_integer_equality);
  RUN_TEST(test_integer_inequality);
  RUN_TEST(test_integer_ordering);
  RUN_TEST(test_integer_within);
  RUN_TEST(test_integer_arrays);
  RUN_TEST(test_pointer_arrays);
  RUN_TEST(test_each_equal);
  RUN_TEST(test_array_within);
  RUN_TEST(test_bits);
  RUN_TEST(test_booleans_and_pointers);
  RUN_TEST(test_strings);
  RUN_TEST(test_memory);
  RUN_TEST(test_fail_ignore_pass_message);
  RUN_TEST(test_printf);
  RUN_TEST(test_floats);
  RUN_TEST(test_float_arrays_and_printing);
  RUN_TEST(test_doubles_are_opt_in);
  RUN_TEST(test_details);
  return UNITY_END();
}
