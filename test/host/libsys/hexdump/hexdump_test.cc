// libsys/hexdump.h: a full line of printable and unprintable bytes, a short last line that keeps
// the columns, offsets of three and more digits, a line cut to a small buffer (NUL-terminated,
// the whole length answered).
#include <stdint.h>
#include <string.h>

#include "libsys/hexdump.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_a_full_line() {
  const char text[] = "PORTCULLIS DISK ";
  char line[sys::kHexdumpLineBytes];
  const size_t n =
      sys::hexdump_line(0, reinterpret_cast<const uint8_t*>(text), 16, line, sizeof line);
  TEST_ASSERT_EQUAL_STRING(
      "000  50 4f 52 54 43 55 4c 4c  49 53 20 44 49 53 4b 20  |PORTCULLIS DISK |", line);
  TEST_ASSERT_EQUAL(strlen(line), n);
}

void test_unprintable_bytes_are_dots() {
  uint8_t bytes[16];
  for (size_t i = 0; i < 16; ++i) bytes[i] = static_cast<uint8_t>(0x1F + i * 16);
  char line[sys::kHexdumpLineBytes];
  sys::hexdump_line(0x1F0, bytes, 16, line, sizeof line);
  // 0x1f . 0x2f / 0x3f ? 0x4f O 0x5f _ 0x6f o 0x7f . then 0x8f-0xff: none prints.
  TEST_ASSERT_EQUAL_STRING(
      "1f0  1f 2f 3f 4f 5f 6f 7f 8f  9f af bf cf df ef ff 0f  |./?O_o..........|", line);
}

void test_a_short_line_keeps_the_columns() {
  const uint8_t bytes[] = {'a', 'b', 'c'};
  char line[sys::kHexdumpLineBytes];
  sys::hexdump_line(0x12345, bytes, 3, line, sizeof line);
  TEST_ASSERT_EQUAL_STRING("12345  61 62 63                                          |abc|", line);
}

void test_a_small_buffer_cuts_the_line() {
  const uint8_t bytes[16] = {};
  char line[8];
  const size_t n = sys::hexdump_line(0, bytes, 16, line, sizeof line);
  TEST_ASSERT_EQUAL_STRING("000  00", line);
  TEST_ASSERT_EQUAL(3 + 1 + 16 * 3 + 1 + 2 + 1 + 16 + 1, n);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_a_full_line);
  RUN_TEST(test_unprintable_bytes_are_dots);
  RUN_TEST(test_a_short_line_keeps_the_columns);
  RUN_TEST(test_a_small_buffer_cuts_the_line);
  return UNITY_END();
}
