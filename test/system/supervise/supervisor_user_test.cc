// A supervisor in user space, started by init (test/system/supervise/supervise_test.manifest) with
// Module capabilities for fault_page (kFaultPageSlot) and supervised_child (kChildSlot) and the
// root IoPorts capability (kPortsSlot). It spawns its own children, names its own endpoint as
// their supervisor, and checks:
//   - a page fault's message, every field (the task id is the child's, cap_identify), answered
//     with kill: task_wait says faulted;
//   - refused task_set_supervisor calls change nothing (the fault still comes), and a cleared
//     supervisor gets none;
//   - a fault resumed until the child's own thread has repaired it (the parent cannot map a page
//     in the child's space: it signals the child with a task_grant instead);
//   - revoke across tasks: the child's endpoint copy and its enabled IoPorts copy go with the
//     parent's cap_revoke, and the child's next IN faults to the parent.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "supervise_protocol.h"  // beside this file: test code is outside the user include path
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

// The slots supervise_test.manifest grants into.
constexpr uint32_t kFaultPageSlot = 10;
constexpr uint32_t kChildSlot = 11;
constexpr uint32_t kPortsSlot = 12;
// This test's own slots.
constexpr uint32_t kTask = 20;
constexpr uint32_t kSupervisor = 21;  // the children's supervisor, and their report endpoint
constexpr uint32_t kRevoked = 22;     // what the parent grants a derived copy of, then revokes
constexpr uint32_t kSpare = 23;

// Long enough for a loaded host under Bochs; a child that never calls fails the test, not the boot.
constexpr uint64_t kWaitNs = uint64_t{60} * 1000 * 1000 * 1000;

// fault_page.S: its first instruction loads from this address.
constexpr uint64_t kFaultPageRip = 0x400000;
constexpr uint64_t kFaultPageAddress = 0x5afe0008;
constexpr uint32_t kUserReadNotPresent = 4;  // #PF error code: U/S set, W/R and P clear

uint32_t type_of(uint32_t slot) {
  const SyscallResult r = sys_cap_type(slot);
  return r.status == Status::kOk ? static_cast<uint32_t>(r.extra) : 0;
}

uint32_t task_id(uint32_t slot) {
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(slot, &id));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kTask), id.type);
  return static_cast<uint32_t>(id.base);
}

// Spawns a child from `module` with `line`, supervised by kSupervisor, which it may also call
// (granted into kChildReportSlot); not started.
void spawn(uint32_t module, const char* line) {
  TEST_ASSERT_STATUS(Status::kOk, sys_task_spawn(module, line, __builtin_strlen(line), kTask));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_set_supervisor(kTask, kSupervisor));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kTask, kSupervisor, kChildReportSlot, kCapWrite));
}

FaultMessage expect_fault(const IpcMessage& m) {
  TEST_ASSERT_EQUAL_HEX64(kFaultMessageLabel, m.label);
  TEST_ASSERT_EQUAL_UINT8(kFaultMessageWords, m.word_count);
  TEST_ASSERT_EQUAL_UINT8(0, m.cap_count);
  return fault_message_unpack(m.words);
}

// Answers the held call and receives nothing more (timeout 0).
void answer(uint64_t label) {
  IpcMessage m;
  m.label = label;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(kSupervisor, &m, 0));
}

void expect_end(TaskEnd expected) {
  const SyscallResult r = sys_task_wait(kTask);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(expected), r.extra);
}

}  // namespace

void setUp() { TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kSupervisor)); }

void tearDown() {
  // After a failed check a child may still wait for an answer: receiving drops the held call and
  // each queued one (their callers get kBadState: a faulted child dies), so the boot goes on.
  IpcMessage m;
  for (int i = 0; i < 8 && sys_ipc_receive(kSupervisor, &m, 0).status == Status::kOk; ++i) {
  }
  (void)sys_cap_delete(kTask);
  (void)sys_cap_delete(kSupervisor);
  (void)sys_cap_delete(kRevoked);
  (void)sys_cap_delete(kSpare);
}

void test_page_fault_message_then_kill() {
  spawn(kFaultPageSlot, "fault_page");
  const uint32_t child = task_id(kTask);
  TEST_ASSERT_TRUE(child != 0);
  TEST_ASSERT_TRUE(child != task_id(kSlotSelfTask));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kSupervisor, &m, kWaitNs));
  const FaultMessage f = expect_fault(m);
  TEST_ASSERT_EQUAL_UINT32(child, f.task_id);
  TEST_ASSERT_TRUE(f.thread_id != 0);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(FaultKind::kPage), static_cast<uint8_t>(f.kind));
  TEST_ASSERT_EQUAL_UINT8(14, f.vector);
  TEST_ASSERT_EQUAL_UINT32(kUserReadNotPresent, f.error_code);
  TEST_ASSERT_EQUAL_HEX64(kFaultPageRip, f.rip);
  TEST_ASSERT_EQUAL_HEX64(kFaultPageAddress, f.detail);
  answer(kFaultReplyKill);
  expect_end(TaskEnd::kFaulted);
}

void test_refused_set_supervisor_changes_nothing() {
  spawn(kFaultPageSlot, "fault_page");
  // An Endpoint capability without kCapWrite, a Module, an empty slot, a slot word too wide.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSupervisor, kSpare, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_set_supervisor(kTask, kSpare));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_set_supervisor(kTask, kFaultPageSlot));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_set_supervisor(kFaultPageSlot, kSupervisor));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_set_supervisor(kTask, 40));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_set_supervisor(40, kSupervisor));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_set_supervisor(kTask, uint64_t{1} << 32));
  // A Task capability without kCapWrite.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kSpare));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kTask, kSpare, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_set_supervisor(kSpare, kCapSlotNone));
  // The supervisor is still kSupervisor: the fault comes there.
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kSupervisor, &m, kWaitNs));
  TEST_ASSERT_EQUAL_UINT32(task_id(kTask), expect_fault(m).task_id);
  answer(kFaultReplyKill);
  expect_end(TaskEnd::kFaulted);
}

void test_cleared_supervisor_gets_no_message() {
  spawn(kFaultPageSlot, "fault_page");
  TEST_ASSERT_STATUS(Status::kOk, sys_task_set_supervisor(kTask, kCapSlotNone));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  expect_end(TaskEnd::kFaulted);  // the kernel killed it without asking
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(kSupervisor, &m, 0));
}

void test_fault_resumed_until_the_child_repaired_it() {
  spawn(kChildSlot, "supervised_child repair");
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kSupervisor, &m, kWaitNs));
  const FaultMessage first = expect_fault(m);
  TEST_ASSERT_EQUAL_UINT32(task_id(kTask), first.task_id);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(FaultKind::kPage), static_cast<uint8_t>(first.kind));
  TEST_ASSERT_EQUAL_UINT32(kUserReadNotPresent, first.error_code);
  TEST_ASSERT_EQUAL_HEX64(kRepairAddress, first.detail);
  // The parent holds no capability to the child's address space: the child's second thread maps
  // the page once this capability shows up in its slot.
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kTask, kSupervisor, kChildSignalSlot, kCapWrite));
  // Each resume retries the load: until the page is there it faults again, the same message.
  uint32_t faults = 1;
  for (;;) {
    m = IpcMessage{};
    m.label = kFaultReplyResume;
    TEST_ASSERT_STATUS(Status::kOk, sys_ipc_reply_receive(kSupervisor, &m, kWaitNs));
    if (m.label != kFaultMessageLabel) break;
    const FaultMessage again = expect_fault(m);
    TEST_ASSERT_EQUAL_UINT32(first.thread_id, again.thread_id);
    TEST_ASSERT_EQUAL_HEX64(first.rip, again.rip);
    TEST_ASSERT_EQUAL_HEX64(kRepairAddress, again.detail);
    ++faults;
  }
  // The resumed load read what the repair stored.
  TEST_ASSERT_EQUAL_HEX64(kResultLabel, m.label);
  TEST_ASSERT_EQUAL_HEX64(kRepairMagic, m.words[0]);
  TEST_ASSERT_TRUE(faults >= 1);
  sys::printf("supervisor_user_test: the child's load faulted %u times before its repair\n",
              faults);
  answer(kAnswerLabel);
  expect_end(TaskEnd::kExited);
}

void test_revoke_reaches_the_childs_endpoint_copy() {
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kRevoked));
  spawn(kChildSlot, "supervised_child revoke-endpoint");
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kTask, kRevoked, kChildRevokedSlot, kCapWrite));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  // The copy works: the child calls over it.
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kRevoked, &m, kWaitNs));
  TEST_ASSERT_EQUAL_HEX64(kHelloLabel, m.label);
  m = IpcMessage{};
  m.label = kAnswerLabel;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(kRevoked, &m, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kSupervisor, &m, kWaitNs));
  TEST_ASSERT_EQUAL_HEX64(kReadyForRevokeLabel, m.label);
  // The revoke removes the child's copy, the one capability derived from kRevoked, and keeps it.
  const SyscallResult revoked = sys_cap_revoke(kRevoked);
  TEST_ASSERT_STATUS(Status::kOk, revoked);
  TEST_ASSERT_EQUAL_UINT64(1, revoked.extra);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), type_of(kRevoked));
  m = IpcMessage{};
  m.label = kAnswerLabel;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_reply_receive(kSupervisor, &m, kWaitNs));
  TEST_ASSERT_EQUAL_HEX64(kResultLabel, m.label);
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kBadHandle),
                           status_name(static_cast<Status>(m.words[0])));  // cap_type
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kBadHandle),
                           status_name(static_cast<Status>(m.words[1])));  // ipc_call
  answer(kAnswerLabel);
  expect_end(TaskEnd::kExited);
  // Nothing came over the revoked endpoint after the revoke.
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(kRevoked, &m, 0));
}

void test_revoke_closes_the_childs_enabled_ports() {
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_cap_copy(kPortsSlot, kRevoked, kCapRead | kCapWrite | kCapGrant,
                                  kCapCopyNarrow, kChildPort, 1));
  spawn(kChildSlot, "supervised_child revoke-ports");
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(kTask, kRevoked, kChildRevokedSlot, kCapRead | kCapWrite));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kSupervisor, &m, kWaitNs));
  TEST_ASSERT_EQUAL_HEX64(kPortsEnabledLabel, m.label);
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kOk), status_name(static_cast<Status>(m.words[0])));
  const uint64_t in_rip = m.words[1];
  const SyscallResult revoked = sys_cap_revoke(kRevoked);
  TEST_ASSERT_STATUS(Status::kOk, revoked);
  TEST_ASSERT_EQUAL_UINT64(1, revoked.extra);
  // The revoke has returned, so the ports are closed: the child's next IN is a port fault.
  m = IpcMessage{};
  m.label = kAnswerLabel;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_reply_receive(kSupervisor, &m, kWaitNs));
  const FaultMessage f = expect_fault(m);
  TEST_ASSERT_EQUAL_UINT32(task_id(kTask), f.task_id);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(FaultKind::kPort), static_cast<uint8_t>(f.kind));
  TEST_ASSERT_EQUAL_UINT8(13, f.vector);
  TEST_ASSERT_EQUAL_HEX64(in_rip, f.rip);
  TEST_ASSERT_EQUAL_UINT32(kChildPort, fault_port(f.detail));
  TEST_ASSERT_EQUAL_UINT32(1, fault_port_width(f.detail));
  TEST_ASSERT_FALSE(fault_port_is_out(f.detail));
  answer(kFaultReplyKill);
  expect_end(TaskEnd::kFaulted);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_page_fault_message_then_kill);
  RUN_TEST(test_refused_set_supervisor_changes_nothing);
  RUN_TEST(test_cleared_supervisor_gets_no_message);
  RUN_TEST(test_fault_resumed_until_the_child_repaired_it);
  RUN_TEST(test_revoke_reaches_the_childs_endpoint_copy);
  RUN_TEST(test_revoke_closes_the_childs_enabled_ports);
  return UNITY_END();
}
