// The task calls from ring 3, in a program init starts (test/system/init/init_test.manifest) with
// Module capabilities for hello (kHelloSlot), a module that is not a program (kTruncatedSlot) and
// a program that faults (kFaultSlot), and the root IoPorts capability (kPortsSlot): every error
// task_spawn, task_grant, task_start, task_wait and task_kill document, a child started, waited
// for and let go, an unstarted child let go, children killed while spinning on three threads and
// while blocked in calls with no timeout (kill_child, kKillChildSlot), and a Module mapped
// read-only. The kernel's memory check after
// init and all its tasks have ended shows every such task gave its memory back.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/program_layout.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "abi/portcullis/thread_params.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

// The slots init_test.manifest grants into.
constexpr uint32_t kHelloSlot = 10;
constexpr uint32_t kTruncatedSlot = 11;
constexpr uint32_t kFaultSlot = 12;
constexpr uint32_t kPortsSlot = 13;
constexpr uint32_t kKillChildSlot = 14;  // test/system/task/kill_child.cc
// Where this test puts its children.
constexpr uint32_t kChild = 20;
constexpr uint32_t kOther = 21;
constexpr uint64_t kKernelPointer = 0xFFFFFFFF80000000;

const char kHelloLine[] = "hello spawned-by-task_user_test";
constexpr uint64_t kHelloLength = sizeof kHelloLine - 1;

SyscallResult spawn_hello(uint32_t target) {
  return sys_task_spawn(kHelloSlot, kHelloLine, kHelloLength, target);
}

uint32_t type_of(uint32_t slot) {
  const SyscallResult r = sys_cap_type(slot);
  return r.status == Status::kOk ? static_cast<uint32_t>(r.extra) : 0;
}

}  // namespace

void setUp() {}
void tearDown() {
  (void)sys_cap_delete(kChild);
  (void)sys_cap_delete(kOther);
}

void test_granted_slots() {
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kModule), type_of(kHelloSlot));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kModule), type_of(kTruncatedSlot));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kIoPorts), type_of(kPortsSlot));
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(kHelloSlot, &id));
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapGrant, id.rights);
  TEST_ASSERT_TRUE(id.count > 0);
}

void test_spawn_decode_errors() {
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     sys_task_spawn(uint64_t{1} << 32, kHelloLine, kHelloLength, kChild));
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     sys_task_spawn(kHelloSlot, kHelloLine, kHelloLength, uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_task_spawn(kHelloSlot, kHelloLine, 0, kChild));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     sys_task_spawn(kHelloSlot, kHelloLine, kProgramMaxLineBytes, kChild));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_task_spawn(kHelloSlot, kKernelPointer, kHelloLength, kChild));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_task_spawn(kHelloSlot, 16, 8, kChild));
  TEST_ASSERT_EQUAL_UINT32(0, type_of(kChild));
}

void test_spawn_capability_errors() {
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_spawn(40, kHelloLine, kHelloLength, kChild));
  TEST_ASSERT_STATUS(Status::kWrongType,
                     sys_task_spawn(kSlotInitialFrames, kHelloLine, kHelloLength, kChild));
  // A Module capability without kCapRead.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kHelloSlot, kOther, kCapGrant, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_task_spawn(kOther, kHelloLine, kHelloLength, kChild));
  TEST_ASSERT_EQUAL_UINT32(0, type_of(kChild));
}

void test_spawn_line_with_a_nul_is_refused() {
  const char line[] = "hello\0x";
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_task_spawn(kHelloSlot, line, 7, kChild));
  TEST_ASSERT_EQUAL_UINT32(0, type_of(kChild));
}

void test_spawn_bad_image_answers_the_loader_and_creates_nothing() {
  // The first 200 bytes of a program: headers pointing past the end (elf_image.h).
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_task_spawn(kTruncatedSlot, "truncated", 9, kChild));
  TEST_ASSERT_EQUAL_UINT32(0, type_of(kChild));
}

void test_spawn_target_slot_errors_create_nothing() {
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kHelloSlot, kOther, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, spawn_hello(kOther));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kModule), type_of(kOther));
  TEST_ASSERT_STATUS(Status::kBadHandle, spawn_hello(kTaskCapSlots));
}

void test_grant_errors() {
  TEST_ASSERT_STATUS(Status::kOk, spawn_hello(kChild));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kTask), type_of(kChild));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_grant(uint64_t{1} << 32, kPortsSlot, 5, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_grant(kChild, uint64_t{1} << 32, 5, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_grant(kChild, kPortsSlot, uint64_t{1} << 32, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_task_grant(kChild, kPortsSlot, 5, 1u << 7));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_task_grant(kChild, kPortsSlot, kCapSlotAny, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_task_grant(kChild, kPortsSlot, kFirstFreeSlot - 1, 0));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_grant(kHelloSlot, kPortsSlot, 5, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_grant(40, kPortsSlot, 5, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_grant(kChild, 40, 5, 0));
  // Types that stay in their task.
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_grant(kChild, kSlotInitialFrames, 5, 0));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_grant(kChild, kSlotSelfTask, 5, 0));
  // An AddressSpace passes (it holds no task; docs/init.md): the child's slot 6 gets this one's.
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kChild, kSlotSelfAddressSpace, 6, 0));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_grant(kChild, kChild, 5, 0));
  // Rights: never wider than the source's; kCapGrant on the source to leave this space.
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_grant(kChild, kHelloSlot, 5, kCapWrite));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kPortsSlot, kOther, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_grant(kChild, kOther, 5, kCapRead));
  (void)sys_cap_delete(kOther);
  // The target slot: past the capacity, occupied.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_grant(kChild, kPortsSlot, kTaskCapSlots, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kChild, kPortsSlot, 5, kCapRead));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_task_grant(kChild, kHelloSlot, 5, kCapRead));
  // A Task capability without kCapWrite may not change the task.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kChild, kOther, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_grant(kOther, kHelloSlot, 6, kCapRead));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_start(kOther));
}

void test_unstarted_child_let_go() {
  // Spawned, given a capability, never started: deleting the one Task capability frees it (the
  // kernel's memory check at the end of the boot counts it).
  TEST_ASSERT_STATUS(Status::kOk, spawn_hello(kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kChild, kPortsSlot, 7, kCapRead | kCapWrite));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_wait(kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChild));
}

void test_start_and_wait() {
  TEST_ASSERT_STATUS(Status::kOk, spawn_hello(kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kChild, kHelloSlot, 9, kCapRead));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChild));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_start(kChild));
  const SyscallResult r = sys_task_wait(kChild);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kExited), r.extra);
  // Ended: still a Task capability, waits answer at once, it does not start again.
  TEST_ASSERT_STATUS(Status::kOk, sys_task_wait(kChild));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_start(kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChild));
}

void test_set_priority() {
  TEST_ASSERT_STATUS(Status::kOk, spawn_hello(kChild));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_task_set_priority(kChild, kThreadPriorityCount));
  // This program runs at the default level: nothing above it.
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_task_set_priority(kChild, kThreadPriorityDefault + 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_set_priority(kChild, kThreadPrioritySame));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_set_priority(kChild, 3));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_set_priority(uint64_t{1} << 32, 3));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_set_priority(40, 3));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_set_priority(kHelloSlot, 3));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_set_priority(kSlotSelfTask, 3));  // running
  // A first thread at level 3 runs (the CPU it lands on may be busier: it still gets there).
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChild));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_set_priority(kChild, 3));
  const SyscallResult r = sys_task_wait(kChild);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kExited), r.extra);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfTask, kOther, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_set_priority(kOther, 3));  // needs write
}

void test_wait_reports_a_fault() {
  TEST_ASSERT_STATUS(Status::kOk, sys_task_spawn(kFaultSlot, "assert_user_test", 16, kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChild));
  const SyscallResult r = sys_task_wait(kChild);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kFaulted), r.extra);
}

// A kill_child in `mode`, started in kChild, killed: task_wait answers kKilled.
void kill_a_child(const char* line, uint64_t length) {
  TEST_ASSERT_STATUS(Status::kOk, sys_task_spawn(kKillChildSlot, line, length, kChild));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_kill(kChild));  // not started: nothing runs
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChild));
  // Let it get going (its threads spinning, or blocked in their call).
  uint32_t never = 0;
  (void)sys_wait_while_equal(&never, 0, 20 * 1000 * 1000);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_kill(kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_kill(kChild));  // again: harmless
  const SyscallResult r = sys_task_wait(kChild);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kKilled), r.extra);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_kill(kChild));  // ended: still kOk, end unchanged
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kKilled), sys_task_wait(kChild).extra);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChild));
}

void test_kill_spinning_threads() { kill_a_child("kill_child spin", 15); }
void test_kill_blocked_in_receive() { kill_a_child("kill_child block", 16); }
void test_kill_blocked_in_wait() { kill_a_child("kill_child wait", 15); }

void test_kill_errors_and_an_exited_task() {
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_kill(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_kill(40));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_kill(kHelloSlot));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_kill(kSlotSelfTask));  // itself
  // An exited task keeps its end.
  TEST_ASSERT_STATUS(Status::kOk, spawn_hello(kChild));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChild));
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kExited), sys_task_wait(kChild).extra);
  TEST_ASSERT_STATUS(Status::kOk, sys_task_kill(kChild));
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kExited), sys_task_wait(kChild).extra);
  // Write is the right to kill.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kChild, kOther, kCapRead | kCapGrant, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_kill(kOther));
}

void test_start_and_wait_errors() {
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_start(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_start(40));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_start(kHelloSlot));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_start(kSlotSelfTask));  // running already
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_wait(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_task_wait(40));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_task_wait(kHelloSlot));
  TEST_ASSERT_STATUS(Status::kBadState, sys_task_wait(kSlotSelfTask));  // itself
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfTask, kOther, kCapWrite, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_task_wait(kOther));  // needs kCapRead
}

void test_module_maps_read_only() {
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(kHelloSlot, &id));
  constexpr uint64_t kVa = uint64_t{1} << 39;
  VmOp op = vm_map_op(kVa, id.base, 1, kVmRead | kVmWrite);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_vm_batch(kSlotSelfAddressSpace, kHelloSlot, &op, 1));
  op = vm_map_op(kVa, id.base, 1, kVmRead);
  TEST_ASSERT_STATUS(Status::kOk, sys_vm_batch(kSlotSelfAddressSpace, kHelloSlot, &op, 1));
  const auto* elf = reinterpret_cast<const uint8_t*>(kVa);
  TEST_ASSERT_EQUAL_UINT8(0x7F, elf[0]);
  TEST_ASSERT_EQUAL_UINT8('E', elf[1]);
  const VmOp unmap = vm_unmap_op(kVa, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_vm_batch(kSlotSelfAddressSpace, kCapSlotNone, &unmap, 1));
}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_granted_slots);
  RUN_TEST(test_spawn_decode_errors);
  RUN_TEST(test_spawn_capability_errors);
  RUN_TEST(test_spawn_line_with_a_nul_is_refused);
  RUN_TEST(test_spawn_bad_image_answers_the_loader_and_creates_nothing);
  RUN_TEST(test_spawn_target_slot_errors_create_nothing);
  RUN_TEST(test_grant_errors);
  RUN_TEST(test_unstarted_child_let_go);
  RUN_TEST(test_start_and_wait);
  RUN_TEST(test_set_priority);
  RUN_TEST(test_wait_reports_a_fault);
  RUN_TEST(test_start_and_wait_errors);
  RUN_TEST(test_kill_spinning_threads);
  RUN_TEST(test_kill_blocked_in_receive);
  RUN_TEST(test_kill_blocked_in_wait);
  RUN_TEST(test_kill_errors_and_an_exited_task);
  RUN_TEST(test_module_maps_read_only);
  return UNITY_END();
}
