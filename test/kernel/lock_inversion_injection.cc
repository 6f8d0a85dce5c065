// A deliberate lock-order inversion, run only with test_inject=lock_inversion on the kernel command
// line: two test-only classes taken in one order, then in the other. The test suite boots it once
// and requires the checker's panic to name both classes and the functions of both orders
// (kernel/lib/lock_order.h). A release kernel has no checker: it reports that and returns.
#include "kernel/console.h"
#include "kernel/lib/lock_order.h"
#include "kernel/lib/spin_lock.h"
#include "test/kernel/kernel_test.h"

namespace {

SpinLock g_first{LockClass::kTestInversionA};
SpinLock g_second{LockClass::kTestInversionB};

// noinline: each order is its own function, which the panic names.
[[gnu::noinline]] void take_a_then_b() {
  SpinGuard a(g_first);
  SpinGuard b(g_second);
}

[[gnu::noinline]] void take_b_then_a() {
  SpinGuard b(g_second);
  SpinGuard a(g_first);  // the checker panics here
}

}  // namespace

void run_injected_lock_inversion() {
  take_a_then_b();
  take_b_then_a();
  kprintf("test_inject=lock_inversion: no panic (%s)\n",
          PORTCULLIS_LOCK_ORDER ? "the checker missed it" : "no lock-order checker in this build");
}
