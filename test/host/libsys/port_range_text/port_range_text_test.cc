// libsys/port_range_text.h: every form (decimal, hex, BASE-LAST, BASE+COUNT, a lone port where it
// is allowed) gives the same span, the edges of the port space are in, and everything malformed or
// outside 0-0xFFFF is refused with the output left alone.
#include <stdint.h>
#include <string.h>

#include "libsys/port_range_text.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

void expect_span(const char* text, sys::PortRangeForm form, uint32_t base, uint32_t count) {
  sys::PortSpan span{1234, 5678};
  TEST_ASSERT_TRUE_MESSAGE(sys::parse_port_range(text, form, &span), text);
  TEST_ASSERT_EQUAL_UINT32_MESSAGE(base, span.base, text);
  TEST_ASSERT_EQUAL_UINT32_MESSAGE(count, span.count, text);
}

void expect_refused(const char* text, sys::PortRangeForm form) {
  sys::PortSpan span{1234, 5678};
  TEST_ASSERT_FALSE_MESSAGE(sys::parse_port_range(text, form, &span), text);
  TEST_ASSERT_EQUAL_UINT32_MESSAGE(1234, span.base, text);
  TEST_ASSERT_EQUAL_UINT32_MESSAGE(5678, span.count, text);
}

constexpr sys::PortRangeForm kBoth[] = {sys::PortRangeForm::kRangeOnly,
                                        sys::PortRangeForm::kRangeOrPort};

}  // namespace

void test_numbers() {
  uint32_t value = 0;
  TEST_ASSERT_TRUE(sys::parse_port_number("96", 2, sys::kLastPort, &value));
  TEST_ASSERT_EQUAL_UINT32(96, value);
  TEST_ASSERT_TRUE(sys::parse_port_number("0x60", 4, sys::kLastPort, &value));
  TEST_ASSERT_EQUAL_UINT32(0x60, value);
  TEST_ASSERT_TRUE(sys::parse_port_number("0xfFfF", 6, sys::kLastPort, &value));
  TEST_ASSERT_EQUAL_UINT32(0xFFFF, value);
  TEST_ASSERT_TRUE(sys::parse_port_number("0x00060", 7, sys::kLastPort, &value));
  TEST_ASSERT_EQUAL_UINT32(0x60, value);
  TEST_ASSERT_TRUE(sys::parse_port_number("0", 1, sys::kLastPort, &value));
  TEST_ASSERT_EQUAL_UINT32(0, value);
  value = 7;
  TEST_ASSERT_FALSE(sys::parse_port_number("0x10000", 7, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("65536", 5, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("0x000060", 8, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("0x", 2, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("0X60", 4, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("", 0, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("-1", 2, sys::kLastPort, &value));
  TEST_ASSERT_FALSE(sys::parse_port_number("1234567890", 10, UINT32_MAX, &value));
  TEST_ASSERT_EQUAL_UINT32(7, value);
}

void test_ranges_in_every_form() {
  for (const sys::PortRangeForm form : kBoth) {
    expect_span("0x60-0x64", form, 0x60, 5);
    expect_span("96-100", form, 0x60, 5);
    expect_span("0x60+5", form, 0x60, 5);
    expect_span("96+0x5", form, 0x60, 5);
    expect_span("0x70-0x70", form, 0x70, 1);
    expect_span("0xcf8-0xCFF", form, 0xCF8, 8);
    expect_span("0-0xFFFF", form, 0, 65536);
    expect_span("0+65536", form, 0, 65536);
    expect_span("0x0+0x10000", form, 0, 65536);
    expect_span("0xFFFF+1", form, 0xFFFF, 1);
    expect_span("65535-65535", form, 0xFFFF, 1);
  }
}

void test_a_lone_port_only_where_allowed() {
  expect_span("0x60", sys::PortRangeForm::kRangeOrPort, 0x60, 1);
  expect_span("96", sys::PortRangeForm::kRangeOrPort, 0x60, 1);
  expect_span("0xFFFF", sys::PortRangeForm::kRangeOrPort, 0xFFFF, 1);
  expect_refused("0x60", sys::PortRangeForm::kRangeOnly);
  expect_refused("96", sys::PortRangeForm::kRangeOnly);
  expect_refused("0x10000", sys::PortRangeForm::kRangeOrPort);
}

void test_malformed_ranges_are_refused() {
  const char* const bad[] = {
      "",          "-",          "+",          "0x70-",           "-0x71",       "0x71-0x70",
      "0x70+0",    "0xFFFF+2",   "0+65537",    "0x10000-0x10000", "70000-70001", "0x-0x71",
      "0x7g-0x71", "0X70-0x71",  "1e-2",       "0x70-0x71-0x72",  "0x70+1+1",    "0x000070-0x71",
      "0x70 ",     " 0x70-0x71", "0x70--0x71", "0x70+-1"};
  for (const sys::PortRangeForm form : kBoth) {
    for (const char* text : bad) expect_refused(text, form);
  }
}

void test_length_bounds_the_text() {
  // The manifest passes a word inside a longer line: only `length` bytes count.
  sys::PortSpan span;
  const char* line = "0x70-0x71@3";
  TEST_ASSERT_TRUE(sys::parse_port_range(line, 9, sys::PortRangeForm::kRangeOnly, &span));
  TEST_ASSERT_EQUAL_UINT32(0x70, span.base);
  TEST_ASSERT_EQUAL_UINT32(2, span.count);
  TEST_ASSERT_FALSE(
      sys::parse_port_range(line, strlen(line), sys::PortRangeForm::kRangeOnly, &span));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_numbers);
  RUN_TEST(test_ranges_in_every_form);
  RUN_TEST(test_a_lone_port_only_where_allowed);
  RUN_TEST(test_malformed_ranges_are_refused);
  RUN_TEST(test_length_bounds_the_text);
  return UNITY_END();
}
