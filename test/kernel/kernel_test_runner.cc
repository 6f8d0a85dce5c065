// Runs the registered in-kernel suites and routes Unity's output to the console a line at a time,
// so test lines never interleave with other CPUs' log lines.
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

extern "C" const KernelTestSuite kernel_test_suites_start[], kernel_test_suites_end[];

namespace {
char g_line[256];
unsigned g_line_length = 0;
}  // namespace

extern "C" void unity_output_char(int c) {
  if (g_line_length < sizeof(g_line)) g_line[g_line_length++] = static_cast<char>(c);
  if (c == '\n' || g_line_length == sizeof(g_line)) {
    console_write_locked(g_line, g_line_length);
    g_line_length = 0;
  }
}

void setUp() {}
void tearDown() {}

int run_kernel_tests() {
  int failures = 0;
  for (const KernelTestSuite* s = kernel_test_suites_start; s < kernel_test_suites_end; ++s) {
    kprintf("kernel test suite %s\n", s->name);
    const uint64_t start = arch::timer_ticks();
    failures += s->run();
    kprintf("kernel test suite %s: %lu timer ticks (10 ms each)\n", s->name,
            arch::timer_ticks() - start);
  }
  return failures;
}
