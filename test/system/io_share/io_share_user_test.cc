// I/O ports shared between tasks (docs/io-ports.md, "Sharing"), started by init
// (io_share_test.manifest) with the Module capability of io_share_child (kChildModule) and the
// root IoPorts capability (kRootPorts). Linux's ioperm selftest scenarios, with capabilities:
//   - a port faults before its capability is enabled, works after, faults after the disable;
//   - a child spawned with the parent's ports (task_share_ports) shares the parent's I/O bitmap
//     object (same id: nothing copied), uses its ports, and its own change gives it a private
//     copy the parent never sees (nor does the parent's change reach the child); a disable by the
//     parent closes the port in the child too: the child's access came from that capability;
//   - an IoBitmap capability built from two grants, attached by three tasks: one object with four
//     holders; one task's change gives it a private copy, the others keep the object unchanged;
//   - the revoke of a capability added to the bitmap, and io_bitmap_remove, close the port in
//     every sharer, the private copy included, before the call returns;
//   - 16- and 32-bit accesses inside a shared grant work, one straddling its edge faults;
//   - every error of the new calls, each changing nothing.
// The children's port accesses are observed from here: a fault arrives as a fault message (this
// test is their supervisor), a success as their report.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "io_share_protocol.h"  // beside this file: test code is outside the user include path
#include "libsys/cap.h"
#include "libsys/io_bitmap.h"
#include "libsys/port.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))
#define TEST_ASSERT_STATUS_VALUE(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

// The slots io_share_test.manifest grants into.
constexpr uint32_t kChildModule = 10;
constexpr uint32_t kRootPorts = 12;
// This test's own slots: one port each (read, write, grant), bitmaps, children.
constexpr uint32_t kPort80 = 20;
constexpr uint32_t kPort81 = 21;
constexpr uint32_t kPort82 = 22;
constexpr uint32_t kPort80Added = 23;  // derived from kPort80: what a revoke of kPort80 removes
constexpr uint32_t kBitmap = 24;
constexpr uint32_t kOtherBitmap = 25;
constexpr uint32_t kSpare = 26;
constexpr uint32_t kFirstChild = 30;  // task slots kFirstChild + i, endpoints kFirstEndpoint + i
constexpr uint32_t kFirstEndpoint = 40;
constexpr uint32_t kMaxChildren = 4;
constexpr uint32_t kPortsRw = kCapRead | kCapWrite;
constexpr uint32_t kPortsAll = kCapRead | kCapWrite | kCapGrant;

// Long enough for a loaded host under Bochs; a child that never calls fails the test, not the boot.
constexpr uint64_t kWaitNs = uint64_t{60} * 1000 * 1000 * 1000;

// Ports whose reads are harmless on a PC: the POST code port and DMA page registers.
constexpr uint16_t kP80 = 0x80;
constexpr uint16_t kP81 = 0x81;
constexpr uint16_t kP82 = 0x82;

CapIdentity identify(uint32_t slot) {
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(slot, &id));
  return id;
}
// The id of the IoBitmap object a task's ports are in (0: none), through its Task capability.
uint64_t bitmap_of_task(uint32_t task_slot) {
  const CapIdentity id = identify(task_slot);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kTask), id.type);
  return id.count;
}
uint64_t my_bitmap() { return bitmap_of_task(kSlotSelfTask); }
// An IoBitmap capability's object id and holder count.
uint64_t bitmap_id(uint32_t slot) {
  const CapIdentity id = identify(slot);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kIoBitmap), id.type);
  return id.base;
}
uint64_t holders(uint32_t slot) { return identify(slot).count; }

void mint_port(uint32_t slot, uint16_t port) {
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_cap_copy(kRootPorts, slot, kPortsAll, kCapCopyNarrow, port, 1));
}

// --- children -------------------------------------------------------------------------------

struct Child {
  uint32_t task = 0;
  uint32_t endpoint = 0;
};

// Spawns io_share_child in child slot `index`, supervised by (and reporting to) its own endpoint;
// not started.
Child spawn(uint32_t index) {
  Child c{kFirstChild + index, kFirstEndpoint + index};
  static const char kLine[] = "io_share_child";
  TEST_ASSERT_STATUS(Status::kOk, sys_task_spawn(kChildModule, kLine, sizeof kLine - 1, c.task));
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(c.endpoint));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_set_supervisor(c.task, c.endpoint));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(c.task, c.endpoint, kChildReportSlot, kCapWrite));
  return c;
}

void start(const Child& c) { TEST_ASSERT_STATUS(Status::kOk, sys_task_start(c.task)); }

// Takes the child's waiting call (it waits for a command) and answers it with `command`; returns
// what the child sends next: its result or a fault message. Taking a call drops the one this
// thread held, another child's: that child calls again (io_share_protocol.h).
IpcMessage command(const Child& c, uint64_t command, uint64_t argument = 0) {
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(c.endpoint, &m, kWaitNs));
  TEST_ASSERT_TRUE(m.label == kReadyLabel || m.label == kResultLabel);
  m = IpcMessage{};
  m.label = command;
  m.word_count = 1;
  m.words[0] = argument;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_reply_receive(c.endpoint, &m, kWaitNs));
  return m;
}

Status run(const Child& c, uint64_t what, uint64_t argument = 0) {
  const IpcMessage m = command(c, what, argument);
  TEST_ASSERT_EQUAL_HEX64(kResultLabel, m.label);
  return static_cast<Status>(m.words[0]);
}

void expect_in_works(const Child& c, uint16_t port) {
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(c, kCommandIn, port));
}

uint64_t in_command(uint32_t width) {
  return width == 4 ? kCommandIn32 : width == 2 ? kCommandIn16 : kCommandIn;
}

// The child's IN of `width` bytes from `port` faults: the message names the port, the width, IN.
// The answer kills it.
void expect_in_faults(const Child& c, uint16_t port, uint32_t width = 1) {
  IpcMessage m = command(c, in_command(width), port);
  TEST_ASSERT_EQUAL_HEX64(kFaultMessageLabel, m.label);
  const FaultMessage f = fault_message_unpack(m.words);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(identify(c.task).base), f.task_id);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(FaultKind::kPort), static_cast<uint8_t>(f.kind));
  TEST_ASSERT_EQUAL_UINT32(port, fault_port(f.detail));
  TEST_ASSERT_EQUAL_UINT32(width, fault_port_width(f.detail));
  TEST_ASSERT_FALSE(fault_port_is_out(f.detail));
  m = IpcMessage{};
  m.label = kFaultReplyKill;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(c.endpoint, &m, 0));
  const SyscallResult end = sys_task_wait(c.task);
  TEST_ASSERT_STATUS(Status::kOk, end);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kFaulted), end.extra);
}

void finish(const Child& c) {
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(c.endpoint, &m, kWaitNs));
  TEST_ASSERT_TRUE(m.label == kReadyLabel || m.label == kResultLabel);
  m = IpcMessage{};
  m.label = kCommandExit;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(c.endpoint, &m, 0));
  const SyscallResult end = sys_task_wait(c.task);
  TEST_ASSERT_STATUS(Status::kOk, end);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kExited), end.extra);
}

}  // namespace

void setUp() {
  mint_port(kPort80, kP80);
  mint_port(kPort81, kP81);
  mint_port(kPort82, kP82);
}

void tearDown() {
  // After a failed check a child may still wait: dropping its endpoint and task capability ends
  // it (a call with nobody to answer fails, and the child returns).
  for (uint32_t i = 0; i < kMaxChildren; ++i) {
    (void)sys_cap_delete(kFirstEndpoint + i);
    (void)sys_cap_delete(kFirstChild + i);
  }
  for (uint32_t slot = kPort80; slot <= kSpare; ++slot) {
    (void)sys_io_ports_disable(slot);
    (void)sys_cap_delete(slot);
  }
}

void test_port_faults_before_enable_works_after_and_faults_after_disable() {
  // Before: the capability is there, not enabled.
  Child before = spawn(0);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(before.task, kPort80, kChildPortsSlot, kPortsRw));
  start(before);
  TEST_ASSERT_EQUAL_UINT64(0, bitmap_of_task(before.task));
  expect_in_faults(before, kP80);
  // Enabled, then disabled.
  Child driver = spawn(1);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(driver.task, kPort80, kChildPortsSlot, kPortsRw));
  start(driver);
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandEnable));
  TEST_ASSERT_TRUE(bitmap_of_task(driver.task) != 0);
  expect_in_works(driver, kP80);
  expect_in_works(driver, kP80);
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandDisable));
  expect_in_faults(driver, kP80);
}

void test_spawned_child_shares_the_parents_ports() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort80));
  (void)sys::raw_in<uint8_t>(
      kP80);  // the parent's own access works (a fault would end this test program)
  const uint64_t parent = my_bitmap();
  TEST_ASSERT_TRUE(parent != 0);
  // Spawned with the parent's ports: the same object, nothing copied.
  Child child = spawn(0);
  TEST_ASSERT_EQUAL_UINT64(0, bitmap_of_task(child.task));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(child.task));
  TEST_ASSERT_EQUAL_UINT64(parent, bitmap_of_task(child.task));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(child.task, kPort81, kChildPortsSlot, kPortsRw));
  start(child);
  expect_in_works(child, kP80);
  TEST_ASSERT_EQUAL_UINT64(parent, bitmap_of_task(child.task));
  // The child's change: a private copy for the child; the parent keeps its object.
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(child, kCommandEnable));
  const uint64_t child_copy = bitmap_of_task(child.task);
  TEST_ASSERT_TRUE(child_copy != 0 && child_copy != parent);
  TEST_ASSERT_EQUAL_UINT64(parent, my_bitmap());
  expect_in_works(child, kP81);
  expect_in_works(child, kP80);  // the copy kept what it shared
  // The parent did not get the child's port: a second child sharing the parent's ports faults.
  Child second = spawn(1);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(second.task));
  TEST_ASSERT_EQUAL_UINT64(parent, bitmap_of_task(second.task));
  start(second);
  expect_in_works(second, kP80);
  expect_in_faults(second, kP81);
  // The parent's change does not reach the child: the parent enables 0x82, the child faults on it.
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort82));
  (void)sys::raw_in<uint8_t>(kP82);
  TEST_ASSERT_EQUAL_UINT64(child_copy, bitmap_of_task(child.task));
  expect_in_faults(child, kP82);
}

void test_parents_disable_closes_the_port_in_the_child() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort80));
  Child child = spawn(0);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(child.task));
  start(child);
  expect_in_works(child, kP80);
  // The child's access came from the parent's capability: when that closes, so does the child's.
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_disable(kPort80));
  expect_in_faults(child, kP80);
}

void test_three_tasks_share_one_bitmap_capability() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kBitmap));
  const uint64_t shared = bitmap_id(kBitmap);
  TEST_ASSERT_TRUE(shared != 0);
  TEST_ASSERT_EQUAL_UINT64(1, holders(kBitmap));  // its capabilities
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort81));
  TEST_ASSERT_EQUAL_UINT64(shared, bitmap_id(kBitmap));  // changed in place
  Child drivers[3];
  for (uint32_t i = 0; i < 3; ++i) {
    drivers[i] = spawn(i);
    TEST_ASSERT_STATUS(Status::kOk,
                       sys_task_grant(drivers[i].task, kBitmap, kChildBitmapSlot, kCapRead));
    start(drivers[i]);
    TEST_ASSERT_STATUS_VALUE(Status::kOk, run(drivers[i], kCommandAttach));
    TEST_ASSERT_EQUAL_UINT64(shared, bitmap_of_task(drivers[i].task));
  }
  TEST_ASSERT_EQUAL_UINT64(4, holders(kBitmap));  // one object: no copy was made
  for (const Child& d : drivers) {
    expect_in_works(d, kP80);
    expect_in_works(d, kP81);
  }
  // Driver 0 enables a capability of its own: it gets a private copy, the others keep the object.
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(drivers[0].task, kPort82, kChildPortsSlot, kPortsRw));
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(drivers[0], kCommandEnable));
  const uint64_t copy = bitmap_of_task(drivers[0].task);
  TEST_ASSERT_TRUE(copy != 0 && copy != shared);
  TEST_ASSERT_EQUAL_UINT64(3, holders(kBitmap));
  TEST_ASSERT_EQUAL_UINT64(shared, bitmap_of_task(drivers[1].task));
  TEST_ASSERT_EQUAL_UINT64(shared, bitmap_of_task(drivers[2].task));
  expect_in_works(drivers[0], kP82);
  expect_in_works(drivers[0], kP80);
  expect_in_works(drivers[2], kP81);
  expect_in_faults(drivers[1], kP82);
  finish(drivers[0]);
  finish(drivers[2]);
}

void test_wide_accesses_at_the_edge_of_a_shared_grant() {
  // One grant of four ports, 0x80-0x83, shared: 16- and 32-bit accesses inside it work, one that
  // reaches past its edge faults as a whole (the CPU checks every byte of the access).
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_cap_copy(kRootPorts, kSpare, kPortsAll, kCapCopyNarrow, kP80, 4));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kBitmap));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kSpare));
  Child driver = spawn(0);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(driver.task, kBitmap, kChildBitmapSlot, kCapRead));
  start(driver);
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandAttach));
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandIn32, kP80));
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandIn16, kP82));
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandIn, kP82 + 1));
  expect_in_faults(driver, kP82, 4);  // 0x82-0x85: two ports past the edge
}

void test_revoke_of_an_added_capability_closes_the_port_in_every_sharer() {
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kPort80, kPort80Added, kPortsRw, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kBitmap));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort80Added));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort81));
  Child drivers[3];
  for (uint32_t i = 0; i < 3; ++i) {
    drivers[i] = spawn(i);
    TEST_ASSERT_STATUS(Status::kOk,
                       sys_task_grant(drivers[i].task, kBitmap, kChildBitmapSlot, kCapRead));
    start(drivers[i]);
    TEST_ASSERT_STATUS_VALUE(Status::kOk, run(drivers[i], kCommandAttach));
  }
  // Driver 0's private copy holds the added capability's grant too.
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(drivers[0].task, kPort82, kChildPortsSlot, kPortsRw));
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(drivers[0], kCommandEnable));
  TEST_ASSERT_TRUE(bitmap_of_task(drivers[0].task) != bitmap_id(kBitmap));
  for (const Child& d : drivers) expect_in_works(d, kP80);
  // The revoke removes kPort80Added; once it has returned no sharer can read port 0x80.
  const SyscallResult revoked = sys_cap_revoke(kPort80);
  TEST_ASSERT_STATUS(Status::kOk, revoked);
  TEST_ASSERT_EQUAL_UINT64(1, revoked.extra);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(kPort80Added));
  expect_in_works(drivers[0], kP81);  // what else the bitmap holds stays open
  expect_in_works(drivers[1], kP81);
  for (const Child& d : drivers) expect_in_faults(d, kP80);
}

void test_remove_and_delete_close_the_port_in_the_sharers() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kBitmap));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort81));
  Child drivers[2];
  for (uint32_t i = 0; i < 2; ++i) {
    drivers[i] = spawn(i);
    TEST_ASSERT_STATUS(Status::kOk,
                       sys_task_grant(drivers[i].task, kBitmap, kChildBitmapSlot, kCapRead));
    start(drivers[i]);
    TEST_ASSERT_STATUS_VALUE(Status::kOk, run(drivers[i], kCommandAttach));
    expect_in_works(drivers[i], kP80);
    expect_in_works(drivers[i], kP81);
  }
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_remove(kBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kPort81));
  expect_in_faults(drivers[0], kP80);
  expect_in_faults(drivers[1], kP81);
  // Removed, the capability can be enabled again (it has no use any more).
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort80));
}

void test_libsys_io_bitmap() {
  Result<sys::IoBitmap> created = sys::IoBitmap::create();
  TEST_ASSERT_TRUE(created.is_ok());
  const sys::IoBitmap bitmap = created.release_value();
  const sys::Cap ports(kPort80);  // deleted with it, before tearDown
  TEST_ASSERT_STATUS_VALUE(Status::kOk, bitmap.add(ports));
  const uint64_t id = bitmap.id().value();
  TEST_ASSERT_TRUE(id != 0);
  TEST_ASSERT_EQUAL_UINT64(1, bitmap.holders().value());
  Child driver = spawn(0);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(driver.task, bitmap.slot(), kChildBitmapSlot, kCapRead));
  start(driver);
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run(driver, kCommandAttach));
  TEST_ASSERT_EQUAL_UINT64(2, bitmap.holders().value());
  TEST_ASSERT_EQUAL_UINT64(id, bitmap_of_task(driver.task));
  expect_in_works(driver, kP80);
  TEST_ASSERT_STATUS_VALUE(Status::kOk, bitmap.remove(ports));
  TEST_ASSERT_STATUS_VALUE(Status::kBadState, bitmap.remove(ports));
  TEST_ASSERT_STATUS_VALUE(Status::kBadState, sys::share_ports(kSlotSelfTask));
  expect_in_faults(driver, kP80);
}

void test_task_share_ports_errors() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort80));
  Child child = spawn(0);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_share_ports(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_share_ports(kSpare));  // empty
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_share_ports(kPort81));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(child.task, kSpare, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_share_ports(kSpare));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_share_ports(kSlotSelfTask));  // started
  TEST_ASSERT_EQUAL_UINT64(0, bitmap_of_task(child.task));  // none of them changed anything
  TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(child.task));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_share_ports(child.task));  // holds ports now
  start(child);
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_share_ports(child.task));  // started
  finish(child);
}

void test_io_bitmap_call_errors() {
  // create: the slot word, an occupied slot, a slot past the space.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_create(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_io_bitmap_create(kPort80));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_create(kTaskCapSlots));
  const SyscallResult any = sys_io_bitmap_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, any);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_move(static_cast<uint32_t>(any.extra), kBitmap));
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapWrite | kCapGrant, identify(kBitmap).rights);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kOtherBitmap));
  const uint64_t holders_before = holders(kBitmap);

  // add: slot words, the bitmap (empty, wrong type, no write right), the ports (empty, wrong
  // type, no write right, stale), a capability with a use already.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_add(uint64_t{1} << 32, kPort80));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_add(kBitmap, uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_add(kSpare, kPort80));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_bitmap_add(kPort81, kPort80));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kBitmap, kSpare, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_bitmap_add(kSpare, kPort80));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kSpare));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_add(kBitmap, kSpare));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_bitmap_add(kBitmap, kOtherBitmap));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kPort80, kSpare, kCapRead | kCapGrant, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_bitmap_add(kBitmap, kSpare));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kSpare));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kPort80, kSpare, kCapWrite, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_bitmap_add(kBitmap, kSpare));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kSpare));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_add(kBitmap, kSpare));  // stale: deleted
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_io_bitmap_add(kBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_io_bitmap_add(kOtherBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_io_ports_enable(kPort80));
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_ports_disable(kPort80));  // added, not enabled
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort81));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_io_bitmap_add(kBitmap, kPort81));
  TEST_ASSERT_EQUAL_UINT64(holders_before, holders(kBitmap));

  // remove: not added here, added elsewhere, enabled instead, no write right, wrong types.
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_bitmap_remove(kBitmap, kPort82));
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_bitmap_remove(kOtherBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_bitmap_remove(kBitmap, kPort81));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kBitmap, kSpare, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_bitmap_remove(kSpare, kPort80));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kSpare));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_remove(kSpare, kPort80));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_bitmap_remove(kPort81, kPort80));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_bitmap_remove(kBitmap, kOtherBitmap));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_remove(kBitmap, kSpare));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_remove(kBitmap, kPort80));
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_bitmap_remove(kBitmap, kPort80));  // again

  // attach: slot word, empty, wrong type, no read right; kBusy while a capability of the task's
  // own is enabled; then it works, and attaching again changes nothing.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_attach(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_bitmap_attach(kSpare));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_bitmap_attach(kPort82));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kBitmap, kSpare, kCapWrite, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_bitmap_attach(kSpare));
  const uint64_t mine = my_bitmap();
  TEST_ASSERT_STATUS(Status::kBusy, sys_io_bitmap_attach(kBitmap));
  TEST_ASSERT_EQUAL_UINT64(mine, my_bitmap());
  TEST_ASSERT_EQUAL_UINT64(1, holders(kBitmap));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_disable(kPort81));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_attach(kBitmap));
  TEST_ASSERT_EQUAL_UINT64(bitmap_id(kBitmap), my_bitmap());
  TEST_ASSERT_EQUAL_UINT64(2, holders(kBitmap));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_attach(kBitmap));
  TEST_ASSERT_EQUAL_UINT64(2, holders(kBitmap));
  // The task's first enable after attaching gives it a private copy; the bitmap keeps its holders
  // but this task.
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPort82));
  TEST_ASSERT_TRUE(my_bitmap() != bitmap_id(kBitmap));
  TEST_ASSERT_EQUAL_UINT64(1, holders(kBitmap));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_port_faults_before_enable_works_after_and_faults_after_disable);
  RUN_TEST(test_spawned_child_shares_the_parents_ports);
  RUN_TEST(test_parents_disable_closes_the_port_in_the_child);
  RUN_TEST(test_three_tasks_share_one_bitmap_capability);
  RUN_TEST(test_wide_accesses_at_the_edge_of_a_shared_grant);
  RUN_TEST(test_revoke_of_an_added_capability_closes_the_port_in_every_sharer);
  RUN_TEST(test_remove_and_delete_close_the_port_in_the_sharers);
  RUN_TEST(test_libsys_io_bitmap);
  RUN_TEST(test_task_share_ports_errors);
  RUN_TEST(test_io_bitmap_call_errors);
  return UNITY_END();
}
