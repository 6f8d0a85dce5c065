// The kernel_stats syscall for leak checks (abi/portcullis/kernel_stats.h,
// docs/fault-injection.md).
#pragma once

#include <stdint.h>

#include "abi/portcullis/kernel_stats.h"
#include "abi/portcullis/status.h"

namespace sys {

// kernel_stats: the kernel's memory, its live objects per kind and the reaper backlog, now.
[[nodiscard]] Status kernel_stats(KernelStats* stats);
// The same, once the reaper backlog is 0 (what a leak check compares): reads again every
// millisecond until then; kTimedOut after `timeout_ns` (stats then holds the last reading).
[[nodiscard]] Status kernel_stats_settled(KernelStats* stats, uint64_t timeout_ns);

}  // namespace sys
