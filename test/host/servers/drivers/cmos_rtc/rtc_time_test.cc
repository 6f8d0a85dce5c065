// servers/drivers/cmos_rtc/rtc_time: the same moment in BCD and binary, 24- and 12-hour mode
// (midnight and noon are the 12-hour edge cases), the century register or its absence, and
// registers that hold no time refused.
#include "servers/drivers/cmos_rtc/rtc_time.h"
#include "unity.h"

namespace {

void expect_time(const RtcRegisters& raw, uint32_t year, uint8_t month, uint8_t day, uint8_t hour,
                 uint8_t minute, uint8_t second) {
  RtcTime t;
  TEST_ASSERT_TRUE(decode_rtc_time(raw, &t));
  TEST_ASSERT_EQUAL_UINT32(year, t.year);
  TEST_ASSERT_EQUAL_UINT8(month, t.month);
  TEST_ASSERT_EQUAL_UINT8(day, t.day);
  TEST_ASSERT_EQUAL_UINT8(hour, t.hour);
  TEST_ASSERT_EQUAL_UINT8(minute, t.minute);
  TEST_ASSERT_EQUAL_UINT8(second, t.second);
}

void expect_refused(const RtcRegisters& raw) {
  RtcTime t;
  TEST_ASSERT_FALSE(decode_rtc_time(raw, &t));
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_bcd_24_hour() {
  // seconds, minutes, hours, day, month, year, century, status B
  expect_time({0x05, 0x14, 0x23, 0x30, 0x11, 0x26, 0x20, kRtc24Hour}, 2026, 11, 30, 23, 14, 5);
  expect_time({0x59, 0x59, 0x00, 0x01, 0x01, 0x00, 0x21, kRtc24Hour}, 2100, 1, 1, 0, 59, 59);
}

void test_binary_24_hour() {
  expect_time({5, 14, 23, 30, 11, 26, 20, kRtc24Hour | kRtcBinary}, 2026, 11, 30, 23, 14, 5);
}

void test_12_hour_in_both_encodings() {
  expect_time({0, 0, 0x12, 1, 1, 0x26, 0x20, 0}, 2026, 1, 1, 0, 0, 0);            // 12 AM
  expect_time({0, 0, 0x12 | kRtcPm, 1, 1, 0x26, 0x20, 0}, 2026, 1, 1, 12, 0, 0);  // 12 PM
  expect_time({0, 0, 0x11 | kRtcPm, 1, 1, 0x26, 0x20, 0}, 2026, 1, 1, 23, 0, 0);  // 11 PM
  expect_time({0, 0, 0x01, 1, 1, 0x26, 0x20, 0}, 2026, 1, 1, 1, 0, 0);
  expect_time({0, 0, 11 | kRtcPm, 1, 1, 26, 20, kRtcBinary}, 2026, 1, 1, 23, 0, 0);
  expect_time({0, 0, 12, 1, 1, 26, 20, kRtcBinary}, 2026, 1, 1, 0, 0, 0);
  expect_refused({0, 0, 0x00, 1, 1, 0x26, 0x20, 0});  // no hour 0 on a 12-hour clock
  expect_refused({0, 0, 0x13, 1, 1, 0x26, 0x20, 0});
}

void test_a_clock_without_a_century_register() {
  expect_time({0, 0, 0, 1, 1, 0x26, 0x00, kRtc24Hour}, 2026, 1, 1, 0, 0, 0);
  expect_time({0, 0, 0, 1, 1, 0x26, 0xFF, kRtc24Hour}, 2026, 1, 1, 0, 0, 0);
  expect_time({0, 0, 0, 1, 1, 0x99, 0x19, kRtc24Hour}, 1999, 1, 1, 0, 0, 0);
}

void test_registers_that_hold_no_time() {
  expect_refused({0x60, 0, 0, 1, 1, 0x26, 0x20, kRtc24Hour});  // second 60
  expect_refused({0x1A, 0, 0, 1, 1, 0x26, 0x20, kRtc24Hour});  // not a BCD digit
  expect_refused({0, 0x60, 0, 1, 1, 0x26, 0x20, kRtc24Hour});
  expect_refused({0, 0, 0x24, 1, 1, 0x26, 0x20, kRtc24Hour});
  expect_refused({0, 0, 0, 0x00, 1, 0x26, 0x20, kRtc24Hour});
  expect_refused({0, 0, 0, 0x32, 1, 0x26, 0x20, kRtc24Hour});
  expect_refused({0, 0, 0, 1, 0x00, 0x26, 0x20, kRtc24Hour});
  expect_refused({0, 0, 0, 1, 0x13, 0x26, 0x20, kRtc24Hour});
  expect_refused({0, 0, 0, 1, 1, 100, 20, kRtc24Hour | kRtcBinary});
  expect_refused({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, kRtc24Hour});  // a floating bus
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_bcd_24_hour);
  RUN_TEST(test_binary_24_hour);
  RUN_TEST(test_12_hour_in_both_encodings);
  RUN_TEST(test_a_clock_without_a_century_register);
  RUN_TEST(test_registers_that_hold_no_time);
  return UNITY_END();
}
