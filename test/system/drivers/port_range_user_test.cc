// libsys's PortRange and Port<T> (libsys/port.h) in ring 3, started by init in the drivers boots
// with ports 0x80-0x83 in slot 3 (grant=io_ports:0x80+4@3; reads there touch nothing). A range
// enables its capability and hands out ports of each width only for accesses inside its window,
// and the accesses run without a fault; the destructor and disable() close the ports and empty
// the slot; a move hands the range over once; enable() refuses a capability of another type, an
// empty slot, one already enabled and one without both rights, deleting what it was given; a
// window wider than the grant is accepted (the kernel enforces the grant) and granted() tells.
#include <stdint.h>
#include <utility>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "libsys/cap.h"
#include "libsys/port.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kGrantSlot = 3;  // ports 0x80-0x83, every right
constexpr uint32_t kReadWrite = kCapRead | kCapWrite;

void assert_empty(uint32_t slot) {
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(slot).status);
}

// A capability over {base, count} derived from the grant, with `rights`.
sys::Cap ports(uint64_t base, uint64_t count, uint32_t rights = kReadWrite) {
  const SyscallResult r =
      sys_cap_copy(kGrantSlot, kCapSlotAny, rights, kCapCopyNarrow, base, count);
  TEST_ASSERT_STATUS(Status::kOk, r.status);
  return sys::Cap(static_cast<uint32_t>(r.extra));
}

sys::PortWindow window(uint32_t base, uint32_t count) {
  Result<sys::PortWindow> w = sys::PortWindow::make(base, count);
  TEST_ASSERT_STATUS(Status::kOk, w.status());
  return w.value();
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_ports_of_every_width_inside_the_window() {
  Result<sys::PortRange> range = sys::PortRange::enable(ports(0x80, 4));
  TEST_ASSERT_STATUS(Status::kOk, range.status());
  const sys::PortRange& r = range.value();
  TEST_ASSERT_EQUAL_UINT16(0x80, r.window().base());
  TEST_ASSERT_EQUAL_UINT32(4, r.window().count());
  for (uint32_t offset = 0; offset < 4; ++offset) {
    Result<sys::Port<uint8_t>> port = r.port<uint8_t>(offset);
    TEST_ASSERT_STATUS(Status::kOk, port.status());
    TEST_ASSERT_EQUAL_UINT16(0x80 + offset, port.value().number());
    (void)port.value().read();  // a fault here would end the test program
  }
  Result<sys::Port<uint16_t>> word = r.port<uint16_t>(2);
  TEST_ASSERT_STATUS(Status::kOk, word.status());
  (void)word.value().read();
  Result<sys::Port<uint32_t>> dword = r.port<uint32_t>(0);
  TEST_ASSERT_STATUS(Status::kOk, dword.status());
  (void)dword.value().read();
  TEST_ASSERT_STATUS(Status::kOutOfRange, r.port<uint8_t>(4).status());
  TEST_ASSERT_STATUS(Status::kOutOfRange, r.port<uint16_t>(3).status());
  TEST_ASSERT_STATUS(Status::kOutOfRange, r.port<uint32_t>(1).status());
  TEST_ASSERT_STATUS(Status::kOutOfRange, r.port<uint8_t>(0xFFFF'FFFFu).status());
}

void test_the_range_goes_with_its_capability() {
  uint32_t slot;
  {
    sys::Cap cap = ports(0x80, 1);
    slot = cap.slot();
    Result<sys::PortRange> range = sys::PortRange::enable(std::move(cap));
    TEST_ASSERT_STATUS(Status::kOk, range.status());
    // Enabled: a second enable of the same capability is refused.
    TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_io_ports_enable(slot).status);
  }
  assert_empty(slot);
}

void test_disable_closes_and_hands_out_nothing_more() {
  sys::Cap cap = ports(0x81, 1);
  const uint32_t slot = cap.slot();
  Result<sys::PortRange> range = sys::PortRange::enable(std::move(cap));
  TEST_ASSERT_STATUS(Status::kOk, range.status());
  TEST_ASSERT_STATUS(Status::kOk, range.value().disable());
  assert_empty(slot);
  TEST_ASSERT_STATUS(Status::kBadHandle, range.value().port<uint8_t>(0).status());
  TEST_ASSERT_STATUS(Status::kOk, range.value().disable());  // nothing left to do
}

void test_a_move_hands_the_range_over_once() {
  Result<sys::PortRange> range = sys::PortRange::enable(ports(0x82, 2));
  TEST_ASSERT_STATUS(Status::kOk, range.status());
  sys::PortRange moved(std::move(range.value()));
  TEST_ASSERT_STATUS(Status::kBadHandle, range.value().port<uint8_t>(0).status());
  TEST_ASSERT_STATUS(Status::kOk, range.value().disable());  // the old one owns nothing
  Result<sys::Port<uint16_t>> port = moved.port<uint16_t>(0);
  TEST_ASSERT_STATUS(Status::kOk, port.status());
  (void)port.value().read();  // still enabled: the move closed nothing
}

void test_enable_refusals_delete_what_they_were_given() {
  const SyscallResult frames = sys_cap_copy(kSlotInitialFrames, kCapSlotAny, kCapRead, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, frames.status);
  const uint32_t frames_slot = static_cast<uint32_t>(frames.extra);
  TEST_ASSERT_STATUS(Status::kWrongType, sys::PortRange::enable(sys::Cap(frames_slot)).status());
  assert_empty(frames_slot);
  const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, endpoint.status);
  const uint32_t endpoint_slot = static_cast<uint32_t>(endpoint.extra);
  TEST_ASSERT_STATUS(Status::kWrongType,
                     sys::PortRange::enable(sys::Cap(endpoint_slot), window(0x80, 1)).status());
  assert_empty(endpoint_slot);
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     sys::PortRange::enable(sys::Cap(), window(0x80, 1)).status());
  // Read alone cannot be enforced by the bitmap: io_ports_enable wants read and write.
  sys::Cap read_only = ports(0x80, 1, kCapRead);
  const uint32_t slot = read_only.slot();
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys::PortRange::enable(std::move(read_only), window(0x80, 1)).status());
  assert_empty(slot);
}

void test_a_window_wider_than_the_grant_is_the_kernel_s_to_enforce() {
  Result<sys::PortRange> range = sys::PortRange::enable(ports(0x80, 1), window(0x80, 4));
  TEST_ASSERT_STATUS(Status::kOk, range.status());
  Result<sys::PortWindow> granted = range.value().granted();
  TEST_ASSERT_STATUS(Status::kOk, granted.status());
  TEST_ASSERT_EQUAL_UINT16(0x80, granted.value().base());
  TEST_ASSERT_EQUAL_UINT32(1, granted.value().count());
  TEST_ASSERT_FALSE(granted.value().covers(range.value().window()));
  // Handed out (the window has it), though an access would fault (docs/drivers.md).
  TEST_ASSERT_STATUS(Status::kOk, range.value().port<uint8_t>(3).status());
}

// The kernel's own check still holds for what PortRange is given: the grant is 0x80-0x83.
void test_no_capability_beyond_the_grant() {
  TEST_ASSERT_STATUS(
      Status::kOutOfRange,
      sys_cap_copy(kGrantSlot, kCapSlotAny, kReadWrite, kCapCopyNarrow, 0x84, 1).status);
  TEST_ASSERT_STATUS(
      Status::kOutOfRange,
      sys_cap_copy(kGrantSlot, kCapSlotAny, kReadWrite, kCapCopyNarrow, 0x70, 2).status);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_ports_of_every_width_inside_the_window);
  RUN_TEST(test_the_range_goes_with_its_capability);
  RUN_TEST(test_disable_closes_and_hands_out_nothing_more);
  RUN_TEST(test_a_move_hands_the_range_over_once);
  RUN_TEST(test_enable_refusals_delete_what_they_were_given);
  RUN_TEST(test_a_window_wider_than_the_grant_is_the_kernel_s_to_enforce);
  RUN_TEST(test_no_capability_beyond_the_grant);
  return UNITY_END();
}
