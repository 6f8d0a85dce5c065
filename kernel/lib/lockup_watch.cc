// The lockup limit and clock of debug kernels (kernel/lib/lockup_watch.h).
#include "kernel/lib/lockup_watch.h"

#if PORTCULLIS_LOCK_ORDER

#include <atomic>

#include "kernel/arch/arch.h"

namespace {

constexpr uint64_t kNsPerSecond = 1'000'000'000;
// 0: no limit (lockup_seconds=0, for a boot under a debugger that stops the machine for minutes).
std::atomic<uint64_t> g_limit_ns{kDefaultLockupSeconds * kNsPerSecond};

}  // namespace

void set_lockup_seconds(uint64_t seconds) {
  g_limit_ns.store(
      seconds == 0 || seconds > UINT64_MAX / kNsPerSecond ? UINT64_MAX : seconds * kNsPerSecond,
      std::memory_order_relaxed);
}

uint64_t lockup_limit_ns() { return g_limit_ns.load(std::memory_order_relaxed); }

uint64_t lockup_clock_ns() { return arch::monotonic_ns(); }

#endif  // PORTCULLIS_LOCK_ORDER
