// User-memory copies against real page tables, in ring 0 with a user address space loaded (as in a
// syscall): mapped bytes arrive, and an unmapped page, a read-only page written, a range crossing
// into an unmapped page, the kernel half, the null page and a wrapping length each come back as
// their Status; the page faults the unmapped pages raise are taken by the exception fixup, so the
// kernel carries on.
#include "abi/portcullis/page.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/syscall/user_memory.h"
#include "kernel/vm/address_space.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kWritable = 0x400000;  // frame 0, read/write
constexpr uint64_t kReadOnly = 0x401000;  // frame 1, read-only
constexpr uint64_t kUnmapped = 0x402000;

struct Fixture {
  uint64_t frames = 0;
  RefPtr<AddressSpace> space;
  IrqFlags flags = 0;
};
Fixture g;

int code(Status s) { return static_cast<int>(s); }

uint8_t* frame_bytes(uint32_t index) {
  return arch::phys_to_virt<uint8_t>(g.frames + index * kPageSize);
}

void test_set_up() {
  Result<uint64_t> frames = kernel_frames().alloc_contiguous(2, 1);
  TEST_ASSERT_TRUE(frames.is_ok());
  g.frames = frames.value();
  __builtin_memset(frame_bytes(0), 0, 2 * kPageSize);
  __builtin_memcpy(frame_bytes(0), "hello", 6);
  __builtin_memset(frame_bytes(1), 'x', kPageSize);  // no NUL anywhere on the read-only page
  Result<RefPtr<AddressSpace>> space =
      AddressSpace::create(FrameGrant{{g.frames, 2 * kPageSize}, kVmRead | kVmWrite});
  TEST_ASSERT_TRUE(space.is_ok());
  g.space = space.release_value();
  const VmOp ops[] = {vm_map_op(kWritable, g.frames, 1, kVmRead | kVmWrite),
                      vm_map_op(kReadOnly, g.frames + kPageSize, 1, kVmRead)};
  TEST_ASSERT_EQUAL_INT(0, code(g.space->apply(ops, 2).status));
  g.flags = irq_save_disable();
  g.space->activate_here();
}

void test_mapped_bytes_are_copied_both_ways() {
  char buffer[8] = {};
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), code(copy_from_user(buffer, kWritable, 6)));
  TEST_ASSERT_EQUAL_STRING("hello", buffer);
  TEST_ASSERT_EQUAL_INT(code(Status::kOk), code(copy_to_user(kWritable + 0x100, "abc", 3)));
  TEST_ASSERT_EQUAL_MEMORY("abc", frame_bytes(0) + 0x100, 3);
}

void test_unmapped_page_is_not_found_and_the_kernel_carries_on() {
  char buffer[16];
  TEST_ASSERT_EQUAL_INT(code(Status::kNotFound), code(copy_from_user(buffer, kUnmapped, 8)));
  TEST_ASSERT_EQUAL_INT(code(Status::kNotFound), code(copy_to_user(kUnmapped + 8, "abc", 3)));
  // Starts mapped, runs into the unmapped page.
  TEST_ASSERT_EQUAL_INT(code(Status::kNotFound),
                        code(copy_from_user(buffer, kUnmapped - 8, sizeof buffer)));
}

void test_read_only_page_is_not_written() {
  TEST_ASSERT_EQUAL_INT(code(Status::kNotFound), code(copy_to_user(kReadOnly + 16, "abc", 3)));
  TEST_ASSERT_EQUAL_UINT8('x', frame_bytes(1)[16]);
}

void test_ranges_are_refused_before_any_access() {
  char buffer[8];
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied),
                        code(copy_from_user(buffer, 0xFFFFFFFF80000000, 8)));
  TEST_ASSERT_EQUAL_INT(code(Status::kAccessDenied), code(copy_to_user(kUserTop - 4, buffer, 8)));
  TEST_ASSERT_EQUAL_INT(code(Status::kInvalidArgument), code(copy_from_user(buffer, 8, 8)));
  TEST_ASSERT_EQUAL_INT(code(Status::kOverflow),
                        code(copy_from_user(buffer, kWritable, UINT64_MAX)));
}

void test_strings_stop_at_their_end() {
  char text[32];
  Result<size_t> n = copy_string_from_user(text, sizeof text, kWritable);
  TEST_ASSERT_TRUE(n.is_ok());
  TEST_ASSERT_EQUAL_UINT64(5, n.value());
  TEST_ASSERT_EQUAL_STRING("hello", text);
  // No NUL within the capacity.
  TEST_ASSERT_EQUAL_INT(code(Status::kOutOfRange),
                        code(copy_string_from_user(text, sizeof text, kReadOnly).status()));
  // No NUL before the unmapped page: the read runs into it.
  char long_text[64];
  TEST_ASSERT_EQUAL_INT(
      code(Status::kNotFound),
      code(copy_string_from_user(long_text, sizeof long_text, kUnmapped - 16).status()));
}

void test_tear_down() {
  g.space->deactivate_here();
  irq_restore(g.flags);
  g.space.reset();
  TEST_ASSERT_EQUAL_INT(0, code(kernel_frames().free_contiguous(g.frames, 2)));
}

int run_user_memory_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_set_up);
  RUN_TEST(test_mapped_bytes_are_copied_both_ways);
  RUN_TEST(test_unmapped_page_is_not_found_and_the_kernel_carries_on);
  RUN_TEST(test_read_only_page_is_not_written);
  RUN_TEST(test_ranges_are_refused_before_any_access);
  RUN_TEST(test_strings_stop_at_their_end);
  RUN_TEST(test_tear_down);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_user_memory_kernel_tests);
