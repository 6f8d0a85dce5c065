// What the kernel has handed out, as leak checks count it: a program, a test or a stress run must
// give back everything it took, so the figure before and after must be equal. Heap pages count as
// frames in use, since the heap keeps the pages it took. The kernel_stats syscall copies the raw
// figures out (abi/portcullis/kernel_stats.h) and user-space leak checks compare the same sums.
#pragma once

#include <stddef.h>

#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"

// The raw figures, each read once.
struct KernelMemoryFigures {
  size_t free_frames;
  size_t heap_pages;
  size_t heap_blocks;
  size_t heap_bytes;
};

inline KernelMemoryFigures kernel_memory_figures() {
  const Heap::Stats heap = g_kernel_heap.stats();
  return KernelMemoryFigures{kernel_frames().free_count(), heap.pages, heap.live_blocks,
                             heap.live_bytes};
}

struct MemoryInUse {
  size_t free_frames_and_heap_pages;
  size_t heap_blocks;
  bool operator==(const MemoryInUse&) const = default;
};

inline MemoryInUse memory_in_use(const KernelMemoryFigures& figures) {
  return MemoryInUse{figures.free_frames + figures.heap_pages, figures.heap_blocks};
}
inline MemoryInUse memory_in_use() { return memory_in_use(kernel_memory_figures()); }
