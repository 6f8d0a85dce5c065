// The SYSCALL path from ring 3 on every CPU model the tests boot: a null call returns to the next
// instruction and thread_exit ends the code (arch::run_user_code returns "exited"); a fault ends it
// with its vector and rip; and a SYSCALL in the last two bytes of the user half, whose return
// address 2^47 is non-canonical, comes back as a #GP of the user code at 2^47 instead of a SYSRET
// (which on Intel CPUs, Bochs's model included, would fault in ring 0 on the user's stack).
#include "abi/portcullis/page.h"
#include "abi/portcullis/program_layout.h"
#include "abi/portcullis/syscalls.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/vm/address_space.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kCodeVa = 0x400000;
constexpr uint64_t kStackVa = 0x800000;

constexpr uint8_t kMovEax = 0xB8;             // mov $imm32, %eax
constexpr uint8_t kSyscall[] = {0x0F, 0x05};  // syscall
constexpr uint8_t kUd2[] = {0x0F, 0x0B};      // ud2
constexpr uint8_t kNop = 0x90;

struct Fixture {
  uint64_t frames = 0;  // code, stack, last page
  RefPtr<AddressSpace> space;
};
Fixture g;

uint8_t* frame_bytes(uint32_t index) {
  return arch::phys_to_virt<uint8_t>(g.frames + index * kPageSize);
}

uint8_t* put_call(uint8_t* at, Syscall call) {
  const auto number = static_cast<uint32_t>(call);
  *at++ = kMovEax;
  __builtin_memcpy(at, &number, 4);
  at += 4;
  *at++ = kSyscall[0];
  *at++ = kSyscall[1];
  return at;
}

arch::UserCodeEnd run(uint64_t rip) {
  const IrqFlags flags = irq_save_disable();
  g.space->activate_here();
  const arch::UserCodeEnd end = arch::run_user_code(rip, kStackVa + kPageSize);
  g.space->deactivate_here();
  irq_restore(flags);
  return end;
}

void test_set_up() {
  Result<uint64_t> frames = kernel_frames().alloc_contiguous(3, 1);
  TEST_ASSERT_TRUE(frames.is_ok());
  g.frames = frames.value();
  __builtin_memset(frame_bytes(0), 0xCC, kPageSize);  // int3 around the code
  __builtin_memset(frame_bytes(1), 0, kPageSize);
  // Code page: [0] null, thread_exit, ud2 (never reached); [0x100] ud2.
  uint8_t* at = put_call(frame_bytes(0), Syscall::null);
  at = put_call(at, Syscall::thread_exit);
  __builtin_memcpy(at, kUd2, 2);
  __builtin_memcpy(frame_bytes(0) + 0x100, kUd2, 2);
  // The user half's last page: the null call, nops, and a SYSCALL in its last two bytes.
  __builtin_memset(frame_bytes(2), kNop, kPageSize);
  put_call(frame_bytes(2), Syscall::null);
  __builtin_memcpy(frame_bytes(2) + kPageSize - 2, kSyscall, 2);

  Result<RefPtr<AddressSpace>> space =
      AddressSpace::create(FrameGrant{{g.frames, 3 * kPageSize}, kVmRead | kVmWrite | kVmExec});
  TEST_ASSERT_TRUE(space.is_ok());
  g.space = space.release_value();
  // The program loader never maps the last page (program_layout.h); this test does, to prove the
  // exit path's own check.
  const VmOp ops[] = {vm_map_op(kCodeVa, g.frames, 1, kVmRead | kVmExec),
                      vm_map_op(kStackVa, g.frames + kPageSize, 1, kVmRead | kVmWrite),
                      vm_map_op(kUserLastPage, g.frames + 2 * kPageSize, 1, kVmRead | kVmExec)};
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g.space->apply(ops, 3).status));
}

void test_null_call_returns_and_thread_exit_ends_the_code() {
  const arch::UserCodeEnd end = run(kCodeVa);
  TEST_ASSERT_TRUE(end.exited);
}

void test_a_fault_ends_the_code_with_its_vector() {
  const arch::UserCodeEnd end = run(kCodeVa + 0x100);
  TEST_ASSERT_FALSE(end.exited);
  TEST_ASSERT_EQUAL_UINT64(6, end.vector);  // #UD
  TEST_ASSERT_EQUAL_HEX64(kCodeVa + 0x100, end.rip);
}

void test_non_canonical_return_is_a_user_gp_not_a_sysret() {
  const arch::UserCodeEnd end = run(kUserLastPage);
  TEST_ASSERT_FALSE(end.exited);
  TEST_ASSERT_EQUAL_UINT64(13, end.vector);
  TEST_ASSERT_EQUAL_HEX64(kUserTop, end.rip);
}

void test_the_kernel_still_serves_calls_afterwards() { TEST_ASSERT_TRUE(run(kCodeVa).exited); }

void test_tear_down() {
  g.space.reset();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(kernel_frames().free_contiguous(g.frames, 3)));
}

int run_syscall_exit_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_set_up);
  RUN_TEST(test_null_call_returns_and_thread_exit_ends_the_code);
  RUN_TEST(test_a_fault_ends_the_code_with_its_vector);
  RUN_TEST(test_non_canonical_return_is_a_user_gp_not_a_sysret);
  RUN_TEST(test_the_kernel_still_serves_calls_afterwards);
  RUN_TEST(test_tear_down);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_syscall_exit_kernel_tests);
