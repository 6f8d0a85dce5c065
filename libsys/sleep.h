// Sleeping for a while: a timed wait on a word nobody wakes (libsys/wait_wake.h), repeated for the
// rest of the time after a spurious wake.
#pragma once

#include <stdint.h>
#include <atomic>

#include "libsys/wait_wake.h"

namespace sys {

inline void sleep_ns(uint64_t ns) {
  if (ns == 0) return;
  std::atomic<uint32_t> never_woken{0};
  const uint64_t end = monotonic_ns() + ns;
  for (uint64_t now = monotonic_ns(); now < end; now = monotonic_ns()) {
    (void)wait_while_equal(never_woken, 0, end - now);
  }
}

}  // namespace sys
