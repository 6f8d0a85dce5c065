// In-kernel test suites. Each file of tests ends with KERNEL_TEST_SUITE(run_fn), where run_fn runs
// a whole Unity session (UNITY_BEGIN ... UNITY_END) and returns its failure count. The kernel runs
// every registered suite when its command line says test=kernel.
#pragma once

// 16-byte aligned, as boot/linker.ld.S aligns the section start: entries are read as an array.
struct alignas(16) KernelTestSuite {
  const char* name;
  int (*run)();
};

#define KERNEL_TEST_SUITE(fn)                                                                   \
  [[gnu::used,                                                                                  \
    gnu::section(".kernel_test_suites")]] static const KernelTestSuite kernel_test_suite_##fn { \
#fn, fn                                                                                     \
  }

// Runs every suite; returns the total number of failures.
int run_kernel_tests();

// The deliberately failing suite (test/kernel/injected_failure.cc); not registered.
int run_injected_failure();

// A deliberate lock-order inversion (test/kernel/lock_inversion_injection.cc): panics in debug
// kernels, returns in release kernels.
void run_injected_lock_inversion();

// Deliberate lockups (test/kernel/lockup_injection.cc): the second CPU spins with interrupts off,
// holding a spinlock the boot CPU then waits for, or holding nothing. Panics in debug kernels
// with two CPUs or more; returns otherwise.
void run_injected_lockup(bool hold_a_lock);
