// libsys/port_window.h: windows that cannot exist are refused, and an access is handed out only
// when every byte of it lies inside the window: offsets and widths at both edges, the last port
// 65535, and sums that would overflow if the check added them.
#include <stdint.h>

#include "libsys/port_window.h"
#include "unity.h"

using sys::PortWindow;

namespace {

PortWindow window(uint32_t base, uint32_t count) {
  Result<PortWindow> w = PortWindow::make(base, count);
  TEST_ASSERT_TRUE(w.is_ok());
  return w.value();
}

void expect_port(const PortWindow& w, uint32_t offset, uint32_t width, uint16_t port) {
  Result<uint16_t> r = w.port_at(offset, width);
  TEST_ASSERT_EQUAL(static_cast<int>(Status::kOk), static_cast<int>(r.status()));
  TEST_ASSERT_EQUAL_UINT16(port, r.value());
}

void expect_refused(const PortWindow& w, uint32_t offset, uint32_t width, Status want) {
  TEST_ASSERT_EQUAL(static_cast<int>(want), static_cast<int>(w.port_at(offset, width).status()));
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_windows_that_cannot_exist_are_refused() {
  TEST_ASSERT_EQUAL(static_cast<int>(Status::kOutOfRange),
                    static_cast<int>(PortWindow::make(0x70, 0).status()));
  TEST_ASSERT_EQUAL(static_cast<int>(Status::kOutOfRange),
                    static_cast<int>(PortWindow::make(65536, 1).status()));
  TEST_ASSERT_EQUAL(static_cast<int>(Status::kOutOfRange),
                    static_cast<int>(PortWindow::make(0xFFFF, 2).status()));
  TEST_ASSERT_EQUAL(static_cast<int>(Status::kOutOfRange),
                    static_cast<int>(PortWindow::make(1, 65536).status()));
  TEST_ASSERT_EQUAL(static_cast<int>(Status::kOutOfRange),
                    static_cast<int>(PortWindow::make(0x10, UINT32_MAX).status()));
  const PortWindow all = window(0, 65536);
  TEST_ASSERT_EQUAL_UINT16(0xFFFF, all.last());
  const PortWindow top = window(0xFFFF, 1);
  TEST_ASSERT_EQUAL_UINT16(0xFFFF, top.last());
}

void test_every_width_inside_the_window() {
  const PortWindow cmos = window(0x70, 2);
  TEST_ASSERT_EQUAL_UINT16(0x70, cmos.base());
  TEST_ASSERT_EQUAL_UINT32(2, cmos.count());
  TEST_ASSERT_EQUAL_UINT16(0x71, cmos.last());
  expect_port(cmos, 0, 1, 0x70);
  expect_port(cmos, 1, 1, 0x71);
  expect_port(cmos, 0, 2, 0x70);
  const PortWindow pci = window(0xCF8, 8);
  expect_port(pci, 0, 4, 0xCF8);
  expect_port(pci, 4, 4, 0xCFC);
  expect_port(pci, 6, 2, 0xCFE);
  expect_port(pci, 7, 1, 0xCFF);
}

void test_offsets_outside_and_straddling_accesses_are_refused() {
  const PortWindow cmos = window(0x70, 2);
  expect_refused(cmos, 2, 1, Status::kOutOfRange);
  expect_refused(cmos, 1, 2, Status::kOutOfRange);  // one byte in, one out
  expect_refused(cmos, 0, 4, Status::kOutOfRange);
  const PortWindow pci = window(0xCF8, 8);
  expect_refused(pci, 5, 4, Status::kOutOfRange);
  expect_refused(pci, 7, 2, Status::kOutOfRange);
  expect_refused(pci, 8, 1, Status::kOutOfRange);
  // Offsets whose sum with the base or the width would wrap a 16- or 32-bit number.
  expect_refused(pci, 0x10000 - 0xCF8, 1, Status::kOutOfRange);
  expect_refused(pci, UINT32_MAX, 1, Status::kOutOfRange);
  expect_refused(pci, UINT32_MAX - 2, 4, Status::kOutOfRange);
  const PortWindow top = window(0xFFFC, 4);
  expect_port(top, 0, 4, 0xFFFC);
  expect_port(top, 3, 1, 0xFFFF);
  expect_refused(top, 1, 4, Status::kOutOfRange);
  expect_refused(top, 4, 1, Status::kOutOfRange);
}

void test_only_port_widths_are_accepted() {
  const PortWindow w = window(0x1F0, 8);
  for (uint32_t width : {0u, 3u, 5u, 8u, UINT32_MAX}) {
    expect_refused(w, 0, width, Status::kInvalidArgument);
  }
}

void test_covers() {
  const PortWindow ata = window(0x1F0, 8);
  TEST_ASSERT_TRUE(ata.covers(window(0x1F0, 8)));
  TEST_ASSERT_TRUE(ata.covers(window(0x1F7, 1)));
  TEST_ASSERT_TRUE(ata.covers(window(0x1F2, 4)));
  TEST_ASSERT_FALSE(ata.covers(window(0x1EF, 2)));
  TEST_ASSERT_FALSE(ata.covers(window(0x1F7, 2)));
  TEST_ASSERT_FALSE(ata.covers(window(0x3F6, 1)));
  TEST_ASSERT_FALSE(window(0x70, 1).covers(window(0x70, 2)));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_windows_that_cannot_exist_are_refused);
  RUN_TEST(test_every_width_inside_the_window);
  RUN_TEST(test_offsets_outside_and_straddling_accesses_are_refused);
  RUN_TEST(test_only_port_widths_are_accepted);
  RUN_TEST(test_covers);
  return UNITY_END();
}
