// fault_inject's kinds (docs/fault-injection.md): which of the calling task's kernel allocations
// the call makes fail. Values are ABI.
#pragma once

#include <stdint.h>

// The kernel heap: objects, capability nodes, kernel stacks.
inline constexpr uint64_t kFaultInjectHeap = 1u << 0;
// The frame allocator: page tables, program images, and the heap's own pages (a heap allocation
// that needs a new page fails too, as it would when frames run out).
inline constexpr uint64_t kFaultInjectFrames = 1u << 1;
inline constexpr uint64_t kFaultInjectKinds = kFaultInjectHeap | kFaultInjectFrames;
