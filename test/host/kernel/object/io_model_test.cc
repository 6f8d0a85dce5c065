// The differential model test: random step sequences (fixed seeds) drive the real engine and the
// plain model side by side on 1, 2 and 4 CPUs with K = 1, 2 and 4 TSS slots; after every step the
// simulator checks the invariant on every CPU by evaluating the fake TSS as the CPU does
// (io_sim.h).
#include <stdio.h>

#include <random>
#include <vector>

#include "test/host/kernel/object/io_sim.h"
#include "unity.h"

void setUp() {}
void tearDown() { fail_next_allocations(0); }

namespace {

uint64_t g_total_steps = 0;
uint64_t g_total_checks = 0;
uint64_t g_total_accesses = 0;
uint64_t g_total_ipis = 0;
uint64_t g_total_repairs = 0;

template <uint32_t K>
void run_seeds(uint32_t cpus, uint32_t first_seed, uint32_t runs, size_t bytes_per_run) {
  for (uint32_t seed = first_seed; seed < first_seed + runs; ++seed) {
    std::mt19937 rng(seed);
    std::vector<uint8_t> input(bytes_per_run);
    for (uint8_t& b : input) b = static_cast<uint8_t>(rng());
    io_sim::Simulator<K> sim(cpus);
    const std::string error = sim.run(input.data(), input.size());
    g_total_steps += sim.stats().steps;
    g_total_checks += sim.stats().cpu_checks;
    g_total_accesses += sim.stats().accesses;
    g_total_ipis += sim.stats().ipis;
    g_total_repairs += sim.total_counters().stale_repairs;
    if (!error.empty()) {
      printf("K=%u cpus=%u seed=%u: %s\n", K, cpus, seed, error.c_str());
      TEST_FAIL_MESSAGE("model and engine disagree");
    }
  }
}

void test_model_k1_one_cpu() { run_seeds<1>(1, 1, 20, 1200); }
void test_model_k1_four_cpus() { run_seeds<1>(4, 1000, 30, 1200); }
void test_model_k2_two_cpus() { run_seeds<2>(2, 2000, 30, 1200); }
void test_model_k4_four_cpus() { run_seeds<4>(4, 3000, 40, 1200); }

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_model_k1_one_cpu);
  RUN_TEST(test_model_k1_four_cpus);
  RUN_TEST(test_model_k2_two_cpus);
  RUN_TEST(test_model_k4_four_cpus);
  printf(
      "model test: %llu random steps, %llu per-CPU invariant checks, %llu accesses, %llu "
      "invalidations, %llu stale repairs\n",
      (unsigned long long)g_total_steps, (unsigned long long)g_total_checks,
      (unsigned long long)g_total_accesses, (unsigned long long)g_total_ipis,
      (unsigned long long)g_total_repairs);
  return UNITY_END();
}
