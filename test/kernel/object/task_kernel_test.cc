// Task: a task holding capabilities to itself and its address space is freed, with everything it
// owns, once exit() has emptied its space and the last outside reference goes; capabilities in
// another space keep an object alive past the task's exit; current_task() is the seam the syscalls
// read; object_cast gives back the concrete type.
#include "abi/portcullis/rights.h"
#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/task.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

RefPtr<Task> task_with_caps_to_itself() {
  Result<RefPtr<AddressSpace>> space = AddressSpace::create(FrameGrant{});
  TEST_ASSERT_TRUE(space.is_ok());
  Result<RefPtr<Task>> task = Task::create(space.release_value(), 8);
  TEST_ASSERT_TRUE(task.is_ok());
  RefPtr<Task> t = task.release_value();
  CapSpace& caps = t->cap_space();
  TEST_ASSERT_TRUE(caps.insert(0, CapabilityType::kTask, t, kCapRead).is_ok());
  TEST_ASSERT_TRUE(
      caps.insert(1, CapabilityType::kAddressSpace, t->address_space_ref(), kCapWrite | kCapGrant)
          .is_ok());
  TEST_ASSERT_TRUE(caps.copy(0, caps, 2, kCapRead).is_ok());
  return t;
}

void test_exit_breaks_the_cycle_and_frees_everything() {
  const MemoryInUse before = memory_in_use();
  {
    RefPtr<Task> task = task_with_caps_to_itself();
    TEST_ASSERT_EQUAL_INT32(3, task->ref_count());                  // ours and two capabilities
    TEST_ASSERT_EQUAL_INT32(2, task->address_space().ref_count());  // the task's and a capability
    task->exit();
    TEST_ASSERT_EQUAL_INT32(1, task->ref_count());
    TEST_ASSERT_EQUAL_INT32(1, task->address_space().ref_count());
    TEST_ASSERT_EQUAL_UINT32(0, task->cap_space().occupied_count());
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

void test_a_capability_elsewhere_outlives_the_exit() {
  const MemoryInUse before = memory_in_use();
  {
    Result<RefPtr<CapSpace>> other = CapSpace::create(4);
    TEST_ASSERT_TRUE(other.is_ok());
    {
      RefPtr<Task> task = task_with_caps_to_itself();
      TEST_ASSERT_TRUE(task->cap_space().copy(1, *other.value(), 0, kCapWrite).is_ok());
      task->exit();
    }
    // The task is gone; the address space lives on in the other space's capability, whose parent
    // is now a dead node.
    const CapSlotSnapshot kept = other.value()->snapshot(0);
    TEST_ASSERT_TRUE(kept.info.type == CapabilityType::kAddressSpace);
    TEST_ASSERT_EQUAL_INT32(1, kept.object_refs);
    TEST_ASSERT_NOT_NULL(kept.parent);
    other.value()->check_invariants();
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

void test_current_task_and_object_cast() {
  RefPtr<Task> task = task_with_caps_to_itself();
  TEST_ASSERT_NULL(current_task());  // kernel code of no task
  set_current_task(task.get());
  TEST_ASSERT_EQUAL_PTR(task.get(), current_task());
  set_current_task(nullptr);
  Result<CapLookup> found = task->cap_space().lookup(1, CapabilityType::kAddressSpace, kCapWrite);
  TEST_ASSERT_TRUE(found.is_ok());
  const RefPtr<AddressSpace> space = object_cast<AddressSpace>(found.value().object);
  TEST_ASSERT_EQUAL_PTR(&task->address_space(), space.get());
  TEST_ASSERT_NULL(object_cast<Task>(RefPtr<KernelObject>()).get());
  task->exit();
}

int run_task_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_exit_breaks_the_cycle_and_frees_everything);
  RUN_TEST(test_a_capability_elsewhere_outlives_the_exit);
  RUN_TEST(test_current_task_and_object_cast);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_task_kernel_tests);
