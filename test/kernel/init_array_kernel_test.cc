// The kernel runs .init_array itself (nothing else would with -nostdlib): a global with a
// constructor must have been built before kernel_main went on.
#include <stdint.h>

#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

struct ConstructedMarker {
  ConstructedMarker() : value(0x600DF00D) {}
  volatile uint32_t value;
};
ConstructedMarker g_marker;  // zero in .bss until its constructor runs

void test_global_constructors_ran() { TEST_ASSERT_EQUAL_HEX32(0x600DF00D, g_marker.value); }

int run_init_array_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_global_constructors_ran);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_init_array_kernel_tests);
