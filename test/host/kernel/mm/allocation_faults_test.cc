// Host tests of fault_inject's setting (kernel/mm/allocation_faults.h) and of the failure hooks the
// heap and the frame allocator ask: which allocations fail, when the setting stops, the counts,
// what a bad argument leaves, and that a failed allocation changes nothing in either allocator.
#include <stdlib.h>

#include "kernel/mm/allocation_faults.h"
#include "kernel/mm/frame_allocator.h"
#include "kernel/mm/heap.h"
#include "test/host/kernel/mm/fake_phys.h"
#include "test/host/kernel/mm/host_page_source.h"
#include "unity.h"

namespace {

constexpr uint64_t kMiB = 1 << 20;

uint64_t set(AllocationFaults& faults, uint64_t kinds, uint64_t after, uint64_t count) {
  uint64_t injected = ~uint64_t{0};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk),
                        static_cast<int>(faults.set(kinds, after, count, &injected)));
  return injected;
}

void test_off_by_default() {
  AllocationFaults faults;
  TEST_ASSERT_FALSE(faults.armed());
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectFrames));
  TEST_ASSERT_FALSE(AllocationFaults::any_armed());
}

void test_skips_after_then_fails_count_then_stops() {
  AllocationFaults faults;
  const uint64_t total_before = AllocationFaults::total_injected();
  TEST_ASSERT_EQUAL_UINT64(0, set(faults, kFaultInjectHeap, 2, 2));
  TEST_ASSERT_TRUE(faults.armed());
  TEST_ASSERT_TRUE(AllocationFaults::any_armed());
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_TRUE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_TRUE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_FALSE(faults.armed());  // stopped by itself
  TEST_ASSERT_FALSE(AllocationFaults::any_armed());
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_EQUAL_UINT64(total_before + 2, AllocationFaults::total_injected());
  TEST_ASSERT_EQUAL_UINT64(2, set(faults, 0, 0, 0));  // the query: what the last setting did
  TEST_ASSERT_EQUAL_UINT64(0, set(faults, 0, 0, 0));
}

void test_other_kinds_neither_fail_nor_count() {
  AllocationFaults faults;
  set(faults, kFaultInjectFrames, 1, 1);
  for (int i = 0; i < 5; ++i) TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectFrames));  // the one skipped
  TEST_ASSERT_TRUE(faults.should_fail(kFaultInjectFrames));
  set(faults, kFaultInjectKinds, 1, 1);  // both kinds count towards one sequence
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectFrames));
  TEST_ASSERT_TRUE(faults.should_fail(kFaultInjectHeap));
}

void test_a_new_setting_replaces_the_old() {
  AllocationFaults faults;
  set(faults, kFaultInjectHeap, 0, 3);
  TEST_ASSERT_TRUE(faults.should_fail(kFaultInjectHeap));
  TEST_ASSERT_EQUAL_UINT64(1, set(faults, kFaultInjectHeap, 0, 1));
  TEST_ASSERT_TRUE(AllocationFaults::any_armed());
  TEST_ASSERT_EQUAL_UINT64(0, set(faults, 0, 0, 0));  // turned off before it injected
  TEST_ASSERT_FALSE(AllocationFaults::any_armed());
}

void test_bad_arguments_change_nothing() {
  AllocationFaults faults;
  set(faults, kFaultInjectHeap, 1, 1);
  uint64_t injected = 77;
  const auto refused = [&](uint64_t kinds, uint64_t after, uint64_t count) {
    TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                          static_cast<int>(faults.set(kinds, after, count, &injected)));
  };
  refused(4, 0, 1);
  refused(~uint64_t{0}, 0, 1);
  refused(kFaultInjectHeap, 0, 0);
  refused(0, 1, 0);
  refused(0, 0, 1);
  TEST_ASSERT_EQUAL_UINT64(77, injected);
  TEST_ASSERT_FALSE(faults.should_fail(kFaultInjectHeap));  // still the old setting
  TEST_ASSERT_TRUE(faults.should_fail(kFaultInjectHeap));
}

void test_an_armed_setting_that_goes_stops_counting() {
  {
    AllocationFaults faults;
    set(faults, kFaultInjectFrames, 100, 1);
    TEST_ASSERT_TRUE(AllocationFaults::any_armed());
  }
  TEST_ASSERT_FALSE(AllocationFaults::any_armed());
}

AllocationFaults* g_hooked = nullptr;
bool heap_hook() { return g_hooked->should_fail(kFaultInjectHeap); }
bool frames_hook() { return g_hooked->should_fail(kFaultInjectFrames); }

void test_the_heap_fails_through_its_hook_and_changes_nothing() {
  HostPageSource source;
  Heap heap;
  heap.init(&source);
  AllocationFaults faults;
  g_hooked = &faults;
  heap.set_failure_hook(&heap_hook);
  void* kept = heap.alloc(100);
  TEST_ASSERT_NOT_NULL(kept);
  const Heap::Stats before = heap.stats();
  TEST_ASSERT_EQUAL_UINT64(128, before.live_bytes);
  set(faults, kFaultInjectHeap, 0, 2);
  TEST_ASSERT_NULL(heap.alloc(16));
  TEST_ASSERT_NULL(heap.alloc(64 * 1024));
  const Heap::Stats after = heap.stats();
  TEST_ASSERT_EQUAL_UINT64(before.pages, after.pages);
  TEST_ASSERT_EQUAL_UINT64(before.live_blocks, after.live_blocks);
  TEST_ASSERT_EQUAL_UINT64(before.live_bytes, after.live_bytes);
  void* large = heap.alloc(64 * 1024);  // the setting has stopped
  TEST_ASSERT_NOT_NULL(large);
  TEST_ASSERT_TRUE(heap.stats().live_bytes >= before.live_bytes + 64 * 1024);
  heap.free(large);
  heap.free(kept);
  TEST_ASSERT_EQUAL_UINT64(0, heap.stats().live_bytes);
  heap.check_invariants();
}

void test_the_frame_allocator_fails_through_its_hook_and_changes_nothing() {
  FakePhys::map(0, 16 * kMiB);
  FrameAllocator frames;
  const Range<uint64_t> usable[] = {{kMiB, 8 * kMiB}};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk),
                        static_cast<int>(frames.init(usable, 1, nullptr, 0, FakePhys::to_virt)));
  AllocationFaults faults;
  g_hooked = &faults;
  frames.set_failure_hook(&frames_hook);
  const size_t free_before = frames.free_count();
  set(faults, kFaultInjectFrames, 1, 2);
  Result<uint64_t> first = frames.alloc();
  TEST_ASSERT_TRUE(first.is_ok());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(frames.alloc().status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(frames.alloc_contiguous(4, 4).status()));
  TEST_ASSERT_EQUAL_UINT64(free_before - 1, frames.free_count());
  // Argument errors come first and do not use up the setting.
  set(faults, kFaultInjectFrames, 0, 1);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(frames.alloc_contiguous(0, 1).status()));
  TEST_ASSERT_TRUE(faults.armed());
  TEST_ASSERT_EQUAL_UINT64(0, set(faults, 0, 0, 0));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk),
                        static_cast<int>(frames.free(first.value())));
  TEST_ASSERT_EQUAL_UINT64(free_before, frames.free_count());
  frames.check_invariants();
  FakePhys::unmap();
}

}  // namespace

void setUp() {}
void tearDown() {}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_off_by_default);
  RUN_TEST(test_skips_after_then_fails_count_then_stops);
  RUN_TEST(test_other_kinds_neither_fail_nor_count);
  RUN_TEST(test_a_new_setting_replaces_the_old);
  RUN_TEST(test_bad_arguments_change_nothing);
  RUN_TEST(test_an_armed_setting_that_goes_stops_counting);
  RUN_TEST(test_the_heap_fails_through_its_hook_and_changes_nothing);
  RUN_TEST(test_the_frame_allocator_fails_through_its_hook_and_changes_nothing);
  return UNITY_END();
}
