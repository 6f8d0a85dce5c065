// In-kernel tests of whose allocations fault_inject makes fail (kernel/syscall/
// syscall_allocation_faults.h): the running thread's lent setting reaches the real kernel heap
// and frame allocator through their hooks, nothing else does, an interrupt's pause takes it away
// and gives it back, and the dispatch lends nothing to a kernel thread.
#include "kernel/arch/arch.h"
#include "kernel/mm/allocation_faults.h"
#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/object/thread.h"
#include "kernel/syscall/syscall_allocation_faults.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

void arm(AllocationFaults& faults, uint64_t kinds, uint64_t after, uint64_t count) {
  uint64_t injected = 0;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk),
                        static_cast<int>(faults.set(kinds, after, count, &injected)));
}

// Frees what it got; true when the heap answered.
bool heap_answers() {
  void* p = g_kernel_heap.alloc(48);
  g_kernel_heap.free(p);
  return p != nullptr;
}

bool frames_answer() {
  Result<uint64_t> frame = kernel_frames().alloc();
  if (frame.is_error()) return false;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk),
                        static_cast<int>(kernel_frames().free(frame.value())));
  return true;
}

void test_a_lent_setting_fails_the_real_allocators() {
  Thread* self = arch::current_thread();
  AllocationFaults faults;
  arm(faults, kFaultInjectKinds, 1, 2);
  self->set_allocation_faults(&faults);
  TEST_ASSERT_TRUE(heap_answers());    // skipped
  TEST_ASSERT_FALSE(heap_answers());   // failed
  TEST_ASSERT_FALSE(frames_answer());  // failed: the setting stops here
  TEST_ASSERT_TRUE(heap_answers());
  TEST_ASSERT_TRUE(frames_answer());
  self->set_allocation_faults(nullptr);
}

void test_an_armed_setting_not_lent_fails_nothing() {
  AllocationFaults faults;
  arm(faults, kFaultInjectKinds, 0, 1);
  TEST_ASSERT_TRUE(AllocationFaults::any_armed());
  TEST_ASSERT_TRUE(heap_answers());
  TEST_ASSERT_TRUE(frames_answer());
  TEST_ASSERT_TRUE(faults.armed());  // nothing drew from it
}

void test_an_interrupts_pause_takes_the_setting_away_and_back() {
  Thread* self = arch::current_thread();
  AllocationFaults faults;
  arm(faults, kFaultInjectHeap, 0, 1);
  self->set_allocation_faults(&faults);
  {
    const AllocationFaultsPause pause;
    TEST_ASSERT_NULL(self->allocation_faults());
    TEST_ASSERT_TRUE(heap_answers());
    {
      const AllocationFaultsPause nested;  // an interrupt of the interrupt: nothing to take
      TEST_ASSERT_TRUE(heap_answers());
    }
    TEST_ASSERT_NULL(self->allocation_faults());
  }
  TEST_ASSERT_EQUAL_PTR(&faults, self->allocation_faults());
  TEST_ASSERT_FALSE(heap_answers());
  self->set_allocation_faults(nullptr);
}

AllocationFaults* g_seen = nullptr;
SyscallReturn record_setting(const SyscallArgs&) {
  g_seen = arch::current_thread()->allocation_faults();
  return syscall_return(Status::kOk);
}

void test_the_dispatch_lends_nothing_to_a_kernel_thread() {
  AllocationFaults faults;
  arm(faults, kFaultInjectHeap, 0, 1);
  g_seen = &faults;
  const SyscallArgs args{};
  run_syscall_with_allocation_faults(&record_setting, args);
  TEST_ASSERT_NULL(g_seen);
  TEST_ASSERT_TRUE(faults.armed());
}

int run_syscall_allocation_faults_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_a_lent_setting_fails_the_real_allocators);
  RUN_TEST(test_an_armed_setting_not_lent_fails_nothing);
  RUN_TEST(test_an_interrupts_pause_takes_the_setting_away_and_back);
  RUN_TEST(test_the_dispatch_lends_nothing_to_a_kernel_thread);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_syscall_allocation_faults_kernel_tests);
