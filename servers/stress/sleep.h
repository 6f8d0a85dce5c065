// Sleeping for a while in a workload thread: a timed wait on a word nobody wakes.
#pragma once

#include <stdint.h>
#include <atomic>

#include "libsys/wait_wake.h"

namespace stress {

inline void sleep_ns(uint64_t ns) {
  if (ns == 0) return;
  std::atomic<uint32_t> never_woken{0};
  const uint64_t end = monotonic_ns() + ns;
  // A spurious wake returns early: sleep again for the rest.
  for (uint64_t now = monotonic_ns(); now < end; now = monotonic_ns()) {
    (void)wait_while_equal(never_woken, 0, end - now);
  }
}

}  // namespace stress
