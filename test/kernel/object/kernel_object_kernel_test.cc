// In-kernel tests of the live-object counts (kernel/object/kernel_object.h) that the program
// runner compares before and after each program: an object counts under its own type from its
// creation until its last reference goes, and a reference still held shows as a difference.
#include "kernel/object/endpoint.h"
#include "kernel/object/kernel_object.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

int64_t live(CapabilityType type) {
  return KernelObject::live_counts().by_type[static_cast<size_t>(type)];
}

void test_an_object_counts_from_creation_to_its_last_reference() {
  const LiveObjectCounts before = KernelObject::live_counts();
  Result<RefPtr<Endpoint>> created = Endpoint::create();
  TEST_ASSERT_TRUE(created.is_ok());
  RefPtr<Endpoint> endpoint = created.release_value();
  TEST_ASSERT_EQUAL_INT64(before.by_type[static_cast<size_t>(CapabilityType::kEndpoint)] + 1,
                          live(CapabilityType::kEndpoint));
  TEST_ASSERT_FALSE(before == KernelObject::live_counts());  // what the runner would report
  RefPtr<KernelObject> second = endpoint;                    // a reference through the base
  endpoint.reset();
  TEST_ASSERT_FALSE(before == KernelObject::live_counts());
  second.reset();  // the last reference: the count is back
  TEST_ASSERT_TRUE(before == KernelObject::live_counts());
}

int run_kernel_object_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_an_object_counts_from_creation_to_its_last_reference);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_kernel_object_kernel_tests);
