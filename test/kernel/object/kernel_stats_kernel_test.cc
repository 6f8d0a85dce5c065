// In-kernel tests of the kernel_stats snapshot (kernel/object/kernel_stats.h): each kind counts its
// objects from creation to the last reference, the memory figures move with the heap, and the
// snapshot agrees with what the program runner compares (kernel/mm/memory_in_use.h).
#include "abi/portcullis/kernel_stats.h"
#include "kernel/mm/heap.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/kernel_stats.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

int64_t live(const KernelStats& stats, KernelObjectKind kind) {
  return stats.live_objects[static_cast<uint32_t>(kind)];
}

void test_kinds_have_names() {
  for (uint32_t kind = 0; kind < kKernelObjectKindCount; ++kind) {
    TEST_ASSERT_NOT_NULL(kKernelObjectKindNames[kind]);
    TEST_ASSERT_TRUE(kKernelObjectKindNames[kind][0] != '\0');
  }
  TEST_ASSERT_EQUAL_STRING("cap_uses", kKernelObjectKindNames[kKernelObjectKindCount - 1]);
}

void test_an_endpoint_counts_until_its_last_reference() {
  const KernelStats before = kernel_stats_now();
  RefPtr<Endpoint> endpoint = Endpoint::create().release_value();
  const KernelStats during = kernel_stats_now();
  TEST_ASSERT_EQUAL_INT64(live(before, KernelObjectKind::kEndpoints) + 1,
                          live(during, KernelObjectKind::kEndpoints));
  TEST_ASSERT_TRUE(during.heap_blocks > before.heap_blocks);
  TEST_ASSERT_TRUE(during.heap_bytes >= before.heap_bytes + sizeof(Endpoint));
  endpoint.reset();
  const KernelStats after = kernel_stats_now();
  TEST_ASSERT_EQUAL_INT64(live(before, KernelObjectKind::kEndpoints),
                          live(after, KernelObjectKind::kEndpoints));
  TEST_ASSERT_EQUAL_UINT64(before.heap_blocks, after.heap_blocks);
  TEST_ASSERT_EQUAL_UINT64(before.heap_bytes, after.heap_bytes);
  TEST_ASSERT_EQUAL_UINT64(kernel_stats_free_memory_pages(before),
                           kernel_stats_free_memory_pages(after));
}

void test_a_capability_space_and_its_nodes_count() {
  const KernelStats before = kernel_stats_now();
  RefPtr<CapSpace> space = CapSpace::create(8).release_value();
  RefPtr<Endpoint> endpoint = Endpoint::create().release_value();
  TEST_ASSERT_TRUE(space->insert(0, CapabilityType::kEndpoint, endpoint, 0).is_ok());
  TEST_ASSERT_TRUE(space->copy(0, *space, 1, 0).is_ok());
  const KernelStats during = kernel_stats_now();
  TEST_ASSERT_EQUAL_INT64(live(before, KernelObjectKind::kCapSpaces) + 1,
                          live(during, KernelObjectKind::kCapSpaces));
  TEST_ASSERT_EQUAL_INT64(live(before, KernelObjectKind::kCapNodes) + 2,
                          live(during, KernelObjectKind::kCapNodes));
  endpoint.reset();
  space.reset();
  const KernelStats after = kernel_stats_now();
  for (uint32_t kind = 0; kind < kKernelObjectKindCount; ++kind) {
    TEST_ASSERT_EQUAL_INT64_MESSAGE(before.live_objects[kind], after.live_objects[kind],
                                    kKernelObjectKindNames[kind]);
  }
}

void test_memory_figures_are_the_runners() {
  const KernelStats stats = kernel_stats_now();
  const MemoryInUse in_use = memory_in_use();
  // Nothing else allocates while the in-kernel tests run on this CPU alone.
  TEST_ASSERT_EQUAL_UINT64(in_use.free_frames_and_heap_pages,
                           kernel_stats_free_memory_pages(stats));
  TEST_ASSERT_EQUAL_UINT64(in_use.heap_blocks, stats.heap_blocks);
}

int run_kernel_stats_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_kinds_have_names);
  RUN_TEST(test_an_endpoint_counts_until_its_last_reference);
  RUN_TEST(test_a_capability_space_and_its_nodes_count);
  RUN_TEST(test_memory_figures_are_the_runners);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_kernel_stats_kernel_tests);
