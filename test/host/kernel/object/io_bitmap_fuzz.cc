// libFuzzer target: the model test's step language (io_sim.h) from fuzzer bytes. The first byte
// picks the CPU count (1-4) and K (1, 2 or 4 TSS slots); the rest are steps. Any disagreement
// between the engine and the model, any broken invariant (ASSERT), or any sanitizer report is a
// crash.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "test/host/kernel/object/io_sim.h"

namespace {

uint64_t g_steps = 0;
uint64_t g_inputs = 0;

// libFuzzer ends a timed run with exit(): report how much the model was exercised.
[[gnu::destructor]] void report() {
  fprintf(stderr, "io_bitmap_fuzz: %llu inputs, %llu model steps\n", (unsigned long long)g_inputs,
          (unsigned long long)g_steps);
}

template <uint32_t K>
void run(uint32_t cpus, const uint8_t* data, size_t size) {
  io_sim::Simulator<K> sim(cpus);
  const std::string error = sim.run(data, size);
  fail_next_allocations(0);
  g_steps += sim.stats().steps;
  ++g_inputs;
  if (!error.empty()) {
    fprintf(stderr, "K=%u cpus=%u: %s\n", K, cpus, error.c_str());
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 1024) return 0;  // ~250 steps: keeps executions fast
  const uint32_t cpus = 1 + data[0] % 4;
  switch ((data[0] / 4) % 3) {
    case 0:
      run<1>(cpus, data + 1, size - 1);
      break;
    case 1:
      run<2>(cpus, data + 1, size - 1);
      break;
    case 2:
      run<4>(cpus, data + 1, size - 1);
      break;
  }
  return 0;
}
