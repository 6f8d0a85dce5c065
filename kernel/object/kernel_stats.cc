#include "kernel/object/kernel_stats.h"

#include "abi/portcullis/capability_type.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/mm/allocation_faults.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/derivation_tree.h"
#include "kernel/object/kernel_object.h"
#include "kernel/object/task_reaper.h"
#include "kernel/sched/scheduler.h"

namespace {

// The capability type whose KernelObjects each object kind counts (kEmpty: counted elsewhere).
constexpr CapabilityType kObjectType[kKernelObjectKindCount] = {
    CapabilityType::kTask,          // tasks
    CapabilityType::kThread,        // threads
    CapabilityType::kAddressSpace,  // address_spaces
    CapabilityType::kEndpoint,      // endpoints
    CapabilityType::kIoBitmap,      // io_bitmaps
    CapabilityType::kFrames,        // memory_pools: the only Frames-typed object
    CapabilityType::kEmpty,         // cap_spaces
    CapabilityType::kEmpty,         // cap_nodes
    CapabilityType::kEmpty,         // cap_uses
};

int64_t& live(KernelStats& stats, KernelObjectKind kind) {
  return stats.live_objects[static_cast<uint32_t>(kind)];
}

}  // namespace

KernelStats kernel_stats_now() {
  KernelStats stats;
  const KernelMemoryFigures memory = kernel_memory_figures();
  stats.free_frames = memory.free_frames;
  stats.heap_pages = memory.heap_pages;
  stats.heap_blocks = memory.heap_blocks;
  stats.heap_bytes = memory.heap_bytes;
  stats.reaper_backlog = TaskReaper::backlog() + sched::exiting_count();
  stats.injected_failures = AllocationFaults::total_injected();
  const LiveObjectCounts objects = KernelObject::live_counts();
  for (uint32_t kind = 0; kind < kKernelObjectKindCount; ++kind) {
    if (kObjectType[kind] == CapabilityType::kEmpty) continue;
    stats.live_objects[kind] = objects.by_type[static_cast<size_t>(kObjectType[kind])];
  }
  live(stats, KernelObjectKind::kCapSpaces) = CapSpace::live_count();
  live(stats, KernelObjectKind::kCapNodes) = cap_node_count();
  live(stats, KernelObjectKind::kCapUses) = CapUse::live_count();
  const CrossCpuCallTotals calls = cross_cpu_call_totals();
  stats.cross_cpu_calls = calls.calls;
  stats.cross_cpu_wait_ns = calls.wait_ns;
  return stats;
}
