// What the kernel_stats syscall copies out: the kernel's memory and its live objects, for leak
// checks (docs/fault-injection.md). Any task may read it. Each figure is read on its own while
// other CPUs keep allocating, so one snapshot is consistent only when nothing else runs; a leak
// check takes one before and one after its work, waits until reaper_backlog is 0 (objects already
// let go of but not yet freed), and compares.
//
// What a leak check compares is what the program runner compares after each boot module
// (kernel/mm/memory_in_use.h): free_frames + heap_pages (the heap keeps one empty slab page per
// size class, so free_frames alone moves when nothing leaked), heap_blocks, and every live object
// count. heap_bytes tells how big a leak is.
#pragma once

#include <stdint.h>

// The kinds of kernel object counted, one counter each: an index into KernelStats::live_objects
// and kKernelObjectKindNames. Values are ABI: add new kinds at the end.
enum class KernelObjectKind : uint32_t {
  kTasks = 0,
  kThreads = 1,  // kernel threads included (the reaper, each CPU's idle thread)
  kAddressSpaces = 2,
  kEndpoints = 3,
  kIoBitmaps = 4,
  kMemoryPools = 5,  // the memory server's pool (0 or 1)
  kCapSpaces = 6,    // one per task
  kCapNodes = 7,     // derivation-tree nodes: one per capability, plus dead nodes kept for revoke
  kCapUses = 8,      // IoPorts capabilities enabled in a task or added to an IoBitmap
};
inline constexpr uint32_t kKernelObjectKindCount = 9;

// The names leak reports print (`stress: leak <name> ...`), by KernelObjectKind value.
inline constexpr const char* kKernelObjectKindNames[kKernelObjectKindCount] = {
    "tasks",        "threads",    "address_spaces", "endpoints", "io_bitmaps",
    "memory_pools", "cap_spaces", "cap_nodes",      "cap_uses",
};

struct KernelStats {
  uint64_t free_frames = 0;  // frames the frame allocator can hand out
  uint64_t heap_pages = 0;   // pages the kernel heap holds (slabs and large runs)
  uint64_t heap_blocks = 0;  // heap blocks allocated and not yet freed
  uint64_t heap_bytes = 0;   // bytes those blocks take (their usable sizes)
  // Objects waiting to be freed without anyone else acting: tasks whose threads have all ended
  // and that the reaper has not let go of yet, and threads that have exited and are not yet off
  // their CPU. A leak check waits until it is 0.
  uint64_t reaper_backlog = 0;
  // Allocations fault_inject made fail, in every task, since boot.
  uint64_t injected_failures = 0;
  int64_t live_objects[kKernelObjectKindCount] = {};
  // Cross-CPU calls (TLB shootdowns, I/O-bitmap revocations) that waited for another CPU, and the
  // time their callers spent waiting with interrupts off, summed over every CPU since boot. On an
  // emulator with more virtual CPUs than host cores, a target that is not running stretches the
  // wait: `./portcullis stress` prints the share of CPU time it takes.
  uint64_t cross_cpu_calls = 0;
  uint64_t cross_cpu_wait_ns = 0;
};
static_assert(sizeof(KernelStats) == (8 + kKernelObjectKindCount) * 8,
              "KernelStats is syscall ABI");

// The memory figure a leak check compares: frames not in use by anything but the heap's cache.
constexpr uint64_t kernel_stats_free_memory_pages(const KernelStats& stats) {
  return stats.free_frames + stats.heap_pages;
}
