// The monotonic clock (kernel/arch/x86_64/tsc_clock.h): its unit is the nanosecond as the PIT
// counts it (a busy wait of 20 ms on PIT channel 2 reads as at least that much, and not absurdly
// more), and no CPU reads a value below one another CPU read before.
#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/lapic.h"
#include "kernel/cross_cpu_call.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kMs = 1'000'000;

void test_clock_counts_pit_time_in_nanoseconds() {
  const uint64_t start = arch::monotonic_ns();
  pit_delay_us(20'000);
  const uint64_t elapsed = arch::monotonic_ns() - start;
  // Calibration reads the PIT's 10 ms window to within a few PIT counts (838 ns each); 19 ms leaves
  // room for that. The upper bound only catches a wrong scale: a loaded host may stall the guest.
  TEST_ASSERT_GREATER_OR_EQUAL_UINT64(19 * kMs, elapsed);
  TEST_ASSERT_LESS_THAN_UINT64(5000 * kMs, elapsed);
}

struct Reading {
  uint64_t before;
  std::atomic<uint32_t> behind{0};
};

void read_after(void* arg) {
  auto* r = static_cast<Reading*>(arg);
  if (arch::monotonic_ns() < r->before) r->behind.fetch_add(1);
}

void test_no_cpu_reads_the_clock_behind_an_earlier_reading() {
  static Reading reading;
  for (int round = 0; round < 50; ++round) {
    reading.before = arch::monotonic_ns();
    cross_cpu_call(arch::online_cpus(), read_after, &reading);
  }
  TEST_ASSERT_EQUAL_UINT32(0, reading.behind.load());
}

}  // namespace

int run_tsc_clock_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_clock_counts_pit_time_in_nanoseconds);
  RUN_TEST(test_no_cpu_reads_the_clock_behind_an_earlier_reading);
  return UNITY_END();
}
KERNEL_TEST_SUITE(run_tsc_clock_kernel_tests);
