// Spins that must end soon, watched in debug kernels (docs/lock-order.md, "Lockups"): a spinlock's
// wait, a cross-CPU call's wait for its targets, a wake's wait for a thread to leave its CPU. Each
// runs with interrupts off, so a deadlock among them is a silent hang: the CPUs involved take no
// timer interrupt, their sleepers never wake, and the rest of the machine runs on around them.
// After lockup_limit_ns() of one spin the watch panics with what it waited for; the panic stops
// every other CPU with an NMI, and each prints where it was and the locks it held
// (kernel/panic.cc), so the report shows both ends of the cycle. A CPU stuck in a loop no watch
// covers is caught by the timer watchdog (kernel/arch/x86_64/lockup_watchdog.h).
//
// Release kernels and host builds: LockupWatch is an empty class whose expired() is a constant
// false, so the spins compile to what they were without it.
#pragma once

#include <stdint.h>

#include "kernel/lib/lock_order.h"  // PORTCULLIS_LOCK_ORDER: on in debug kernels

// Long enough that no legitimate wait comes near it (8 vCPUs on 2 busy host cores have made a
// cross-CPU call wait 27 s), short enough to report before the stress driver's 60 s hang check.
inline constexpr uint64_t kDefaultLockupSeconds = 45;

#if PORTCULLIS_LOCK_ORDER

// The limit, from the kernel command line's `lockup_seconds=N` (tests use a short one; 0 turns
// the watches off, for a boot under a debugger).
void set_lockup_seconds(uint64_t seconds);
uint64_t lockup_limit_ns();
// arch::monotonic_ns, out of line: the lock header must not include the arch interface.
uint64_t lockup_clock_ns();

class LockupWatch {
 public:
  // True once this spin has lasted the limit. Cheap: the clock is read every 4096th look, and the
  // first read starts the watch (a spin that ends quickly never reads it).
  bool expired() {
    if ((++looks_ & 0xFFF) != 0) return false;
    const uint64_t now = lockup_clock_ns();
    if (start_ns_ == 0) {
      start_ns_ = now;
      return false;
    }
    return now - start_ns_ >= lockup_limit_ns();  // UINT64_MAX when off: never
  }
  // How long it has spun, in whole seconds (for the report).
  uint64_t seconds() const {
    return start_ns_ == 0 ? 0 : (lockup_clock_ns() - start_ns_) / 1'000'000'000;
  }

 private:
  uint32_t looks_ = 0;
  uint64_t start_ns_ = 0;
};

#else

inline void set_lockup_seconds(uint64_t) {}

class LockupWatch {
 public:
  constexpr bool expired() { return false; }
  constexpr uint64_t seconds() const { return 0; }
};

#endif
