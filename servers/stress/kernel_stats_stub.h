// STAND-IN until helper kstats's kernel_stats (syscall 43, abi/portcullis/kernel_stats.h,
// sys::kernel_stats) is merged: the contract's shape, answering kNotSupported. Deleted at that
// merge; leak_accounting.cc is the only user.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"

inline constexpr uint32_t kKernelObjectKindCount = 1;
inline constexpr const char* kKernelObjectKindNames[kKernelObjectKindCount] = {"objects"};

struct KernelStats {
  uint64_t free_frames = 0;
  uint64_t heap_bytes = 0;
  uint64_t heap_blocks = 0;
  uint64_t heap_pages = 0;
  uint64_t objects[kKernelObjectKindCount] = {};
  uint64_t reaper_backlog = 0;
};

namespace sys {
inline Status kernel_stats(KernelStats*) { return Status::kNotSupported; }
}  // namespace sys
