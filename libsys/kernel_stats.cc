#include "libsys/kernel_stats.h"

#include <atomic>

#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"

namespace sys {

Status kernel_stats(KernelStats* stats) { return sys_kernel_stats(stats).status; }

Status kernel_stats_settled(KernelStats* stats, uint64_t timeout_ns) {
  constexpr uint64_t kPollNs = 1000000;
  const uint64_t deadline = monotonic_ns() + timeout_ns;
  for (;;) {
    if (const Status s = kernel_stats(stats); s != Status::kOk) return s;
    if (stats->reaper_backlog == 0) return Status::kOk;
    if (monotonic_ns() >= deadline) return Status::kTimedOut;
    // A timed sleep on a word nobody wakes: the reaper and the other CPUs get the time.
    const std::atomic<uint32_t> never{0};
    (void)wait_while_equal(never, 0, kPollNs);
  }
}

}  // namespace sys
