// Endpoint badges from ring 3 (a module run by test=programs in the syscall-user boots, 4 CPUs):
// cap_copy with kCapCopyBadge mints a badged copy (cap_identify shows the badge), a second badge
// and the malformed requests are refused with nothing changed, and a message sent through a
// badged capability arrives with its badge: ipc_call and ipc_send as written, ipc_call_short too
// (a short call cannot shed its badge), while an unbadged capability delivers 0 and a reply
// carries none. task_address_space gives an AddressSpace capability to a task the caller holds.
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/short_ipc.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint64_t kBadge = 0xB0D6E5;

uint32_t new_endpoint() {
  const SyscallResult r = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, r.status);
  return static_cast<uint32_t>(r.extra);
}

CapIdentity identify(uint32_t slot) {
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(slot, &id).status);
  return id;
}

uint32_t badged_copy(uint32_t endpoint, uint64_t badge) {
  const SyscallResult r =
      sys_cap_copy(endpoint, kCapSlotAny, kCapWrite | kCapGrant, kCapCopyBadge, badge, 0);
  TEST_ASSERT_STATUS(Status::kOk, r.status);
  return static_cast<uint32_t>(r.extra);
}

struct Caller {
  uint32_t slot;
  bool use_short;
  uint64_t reply_badge = 1;  // the badge the reply arrived with: must be 0
  Status end = Status::kOk;
};

void call_once(void* arg) {
  auto* c = static_cast<Caller*>(arg);
  if (c->use_short) {
    IpcShortMessage m;
    m.label = 5;
    c->end = sys_ipc_call_short_message(c->slot, m);
    c->reply_badge = 0;  // a short answer has no badge to show
    return;
  }
  IpcMessage m;
  m.label = 5;
  m.badge = 0x1234;  // ignored on send: the kernel's word counts
  c->end = sys_ipc_call(c->slot, &m).status;
  c->reply_badge = m.badge;
}

// Receives one call made through `slot` (by a thread, long or short) and returns its badge.
uint64_t badge_of_call(uint32_t endpoint, uint32_t slot, bool use_short) {
  Caller caller{slot, use_short};
  sys::Thread thread;
  TEST_ASSERT_STATUS(Status::kOk, thread.start(call_once, &caller));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(endpoint, &m, kWaitForever).status);
  TEST_ASSERT_EQUAL_UINT64(5, m.label);
  const uint64_t badge = m.badge;
  IpcMessage reply;
  reply.label = 6;
  // Answer, then a receive that times out at once.
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(endpoint, &reply, 0).status);
  thread.join();
  TEST_ASSERT_STATUS(Status::kOk, caller.end);
  TEST_ASSERT_EQUAL_UINT64(0, caller.reply_badge);
  return badge;
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_badged_copy_shows_its_badge() {
  const uint32_t endpoint = new_endpoint();
  TEST_ASSERT_EQUAL_UINT64(0, identify(endpoint).base);
  const uint32_t badged = badged_copy(endpoint, kBadge);
  const CapIdentity id = identify(badged);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), id.type);
  TEST_ASSERT_EQUAL_UINT32(kCapWrite | kCapGrant, id.rights);
  TEST_ASSERT_EQUAL_UINT64(kBadge, id.base);
  // A plain copy of the badged one keeps the badge.
  const SyscallResult copy = sys_cap_copy(badged, kCapSlotAny, kCapWrite, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, copy.status);
  TEST_ASSERT_EQUAL_UINT64(kBadge, identify(static_cast<uint32_t>(copy.extra)).base);
  (void)sys_cap_delete(static_cast<uint32_t>(copy.extra));
  (void)sys_cap_delete(badged);
  (void)sys_cap_delete(endpoint);
}

void test_refused_badges_change_nothing() {
  const uint32_t endpoint = new_endpoint();
  const uint32_t badged = badged_copy(endpoint, kBadge);
  CapIdentity before[kTaskCapSlots];
  for (uint32_t i = 0; i < kTaskCapSlots; ++i) (void)sys_cap_identify(i, &before[i]);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_cap_copy(badged, kCapSlotAny, kCapWrite, kCapCopyBadge, 9, 0).status);
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_cap_copy(endpoint, kCapSlotAny, kCapWrite, kCapCopyBadge, 0, 0).status);
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_cap_copy(endpoint, kCapSlotAny, kCapWrite, kCapCopyBadge, 9, 1).status);
  TEST_ASSERT_STATUS(
      Status::kInvalidArgument,
      sys_cap_copy(endpoint, kCapSlotAny, kCapWrite, kCapCopyBadge | kCapCopyNarrow, 9, 1).status);
  TEST_ASSERT_STATUS(
      Status::kWrongType,
      sys_cap_copy(kSlotSelfAddressSpace, kCapSlotAny, kCapWrite, kCapCopyBadge, 9, 0).status);
  for (uint32_t i = 0; i < kTaskCapSlots; ++i) {
    CapIdentity after;
    (void)sys_cap_identify(i, &after);
    TEST_ASSERT_TRUE(after == before[i]);
  }
  (void)sys_cap_delete(badged);
  (void)sys_cap_delete(endpoint);
}

void test_messages_carry_the_senders_badge() {
  const uint32_t endpoint = new_endpoint();
  const uint32_t badged = badged_copy(endpoint, kBadge);
  const uint32_t other = badged_copy(endpoint, kBadge + 1);
  TEST_ASSERT_EQUAL_UINT64(kBadge, badge_of_call(endpoint, badged, /*use_short=*/false));
  TEST_ASSERT_EQUAL_UINT64(kBadge + 1, badge_of_call(endpoint, other, /*use_short=*/false));
  TEST_ASSERT_EQUAL_UINT64(kBadge, badge_of_call(endpoint, badged, /*use_short=*/true));
  TEST_ASSERT_EQUAL_UINT64(0, badge_of_call(endpoint, endpoint, /*use_short=*/false));
  TEST_ASSERT_EQUAL_UINT64(0, badge_of_call(endpoint, endpoint, /*use_short=*/true));
  (void)sys_cap_delete(other);
  (void)sys_cap_delete(badged);
  (void)sys_cap_delete(endpoint);
}

void test_task_address_space_answers() {
  // The program's own Task (slot 0) has kCapWrite: its address space lands in a new slot.
  const SyscallResult r = sys_task_address_space(kSlotSelfTask, kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, r.status);
  const CapIdentity id = identify(static_cast<uint32_t>(r.extra));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kAddressSpace), id.type);
  TEST_ASSERT_EQUAL_UINT32(kCapWrite | kCapGrant, id.rights);
  (void)sys_cap_delete(static_cast<uint32_t>(r.extra));
  TEST_ASSERT_STATUS(Status::kWrongType,
                     sys_task_address_space(kSlotSelfAddressSpace, kCapSlotAny).status);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_address_space(uint64_t{1} << 32, 10).status);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_address_space(40, kCapSlotAny).status);
  TEST_ASSERT_STATUS(Status::kAlreadyExists,
                     sys_task_address_space(kSlotSelfTask, kSlotInitialFrames).status);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_badged_copy_shows_its_badge);
  RUN_TEST(test_refused_badges_change_nothing);
  RUN_TEST(test_messages_carry_the_senders_badge);
  RUN_TEST(test_task_address_space_answers);
  return UNITY_END();
}
