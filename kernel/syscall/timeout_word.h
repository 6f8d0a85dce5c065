// A timeout argument in nanoseconds, decoded into timer ticks (the 100 Hz timer of
// kernel/sched/scheduler.h). Plain C++: the host tests run it too.
//   UINT64_MAX               no limit (kForeverTicks)
//   0                        do not wait
//   1 .. kMaxTimeoutNs       rounded up to whole ticks, never down to "do not wait"
//   anything else            kInvalidArgument (a bad timeout: almost surely a wrapped computation)
// Whole ticks alone can still end a wait up to one tick early (the first tick may come at once):
// wait_while_equal re-checks its deadline on arch::monotonic_ns and waits again for the rest
// (kernel/syscall/wait_calls.cc).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"

inline constexpr uint64_t kTimerTickNs = 10'000'000;
inline constexpr uint64_t kMaxTimeoutNs = uint64_t{1} << 62;
inline constexpr uint64_t kForeverTicks = UINT64_MAX;

inline Result<uint64_t> decode_timeout_ns(uint64_t ns) {
  if (ns == UINT64_MAX) return kForeverTicks;
  if (ns > kMaxTimeoutNs) return Status::kInvalidArgument;
  return (ns + kTimerTickNs - 1) / kTimerTickNs;
}
