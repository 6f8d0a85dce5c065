// The kernel's printf-style formatter, against the conversions the kernel log uses.
#include "kernel/lib/format.h"
#include "unity.h"

#include <stdint.h>

void setUp() {}
void tearDown() {}

static char buf[128];

static void test_integers() {
  format(buf, sizeof buf, "%d %i %u %x %X", -42, 7, 4000000000u, 0xbeefu, 0xbeefu);
  TEST_ASSERT_EQUAL_STRING("-42 7 4000000000 beef BEEF", buf);
  format(buf, sizeof buf, "%ld %lu %lx %zu", INT64_MIN, UINT64_MAX, uint64_t{0xFFFFFFFFFF},
         static_cast<size_t>(12));
  TEST_ASSERT_EQUAL_STRING("-9223372036854775808 18446744073709551615 ffffffffff 12", buf);
}

static void test_width_and_padding() {
  format(buf, sizeof buf, "[%5d][%-5d][%05d][%08x][%-4s][%4s]", 42, 42, -42, 0x1fu, "ab", "ab");
  TEST_ASSERT_EQUAL_STRING("[   42][42   ][-0042][0000001f][ab  ][  ab]", buf);
}

static void test_strings_chars_pointers_percent() {
  format(buf, sizeof buf, "%s|%c|%p|%%|%s", "x", 'y', reinterpret_cast<void*>(0x1234),
         static_cast<const char*>(nullptr));
  TEST_ASSERT_EQUAL_STRING("x|y|0x0000000000001234|%|(null)", buf);
}

static void test_truncation_reports_full_length() {
  char small[6];
  const size_t n = format(small, sizeof small, "abcdefghij");
  TEST_ASSERT_EQUAL_UINT64(10, n);
  TEST_ASSERT_EQUAL_STRING("abcde", small);
  TEST_ASSERT_EQUAL_UINT64(3, format(nullptr, 0, "abc"));  // capacity 0 writes nothing
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_integers);
  RUN_TEST(test_width_and_padding);
  RUN_TEST(test_strings_chars_pointers_percent);
  RUN_TEST(test_truncation_reports_full_length);
  return UNITY_END();
}
