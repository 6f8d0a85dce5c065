// The syscall list (abi/portcullis/syscalls.h) as both sides expand it: the kernel's table is dense
// and in number order (also a static_assert), names and arities come out of the list unchanged.
#include <string.h>

#include "kernel/syscall/syscall_table.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

static void test_numbers_are_dense_and_in_order() {
  for (uint32_t i = 0; i < kSyscallCount; ++i) TEST_ASSERT_EQUAL_UINT32(i, kSyscallTable[i].number);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(Syscall::thread_yield) + 1, kSyscallCount);
}

static void test_arity_counts_the_named_arguments() {
  TEST_ASSERT_EQUAL_UINT32(0, syscall_arity(""));
  TEST_ASSERT_EQUAL_UINT32(1, syscall_arity("slot"));
  TEST_ASSERT_EQUAL_UINT32(3, syscall_arity("a, b, c"));
  const SyscallEntry& vm_batch = kSyscallTable[static_cast<uint32_t>(Syscall::vm_batch)];
  TEST_ASSERT_EQUAL_STRING("vm_batch", vm_batch.name);
  TEST_ASSERT_EQUAL_UINT32(4, vm_batch.arity);
  TEST_ASSERT_TRUE(vm_batch.has_extra_result);
  const SyscallEntry& thread_exit = kSyscallTable[static_cast<uint32_t>(Syscall::thread_exit)];
  TEST_ASSERT_EQUAL_UINT32(0, thread_exit.arity);
  TEST_ASSERT_FALSE(thread_exit.has_extra_result);
}

static void test_names_are_unique() {
  for (uint32_t i = 0; i < kSyscallCount; ++i) {
    for (uint32_t j = i + 1; j < kSyscallCount; ++j) {
      TEST_ASSERT_TRUE(strcmp(kSyscallTable[i].name, kSyscallTable[j].name) != 0);
    }
  }
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_numbers_are_dense_and_in_order);
  RUN_TEST(test_arity_counts_the_named_arguments);
  RUN_TEST(test_names_are_unique);
  return UNITY_END();
}
