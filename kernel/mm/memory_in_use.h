// What the kernel has handed out, as leak checks count it: a program, a test or a stress run must
// give back everything it took, so the figure before and after must be equal. Heap pages count as
// frames in use, since the heap keeps the pages it took.
#pragma once

#include <stddef.h>

#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"

struct MemoryInUse {
  size_t free_frames_and_heap_pages;
  size_t heap_blocks;
  bool operator==(const MemoryInUse&) const = default;
};

inline MemoryInUse memory_in_use() {
  const Heap::Stats heap = g_kernel_heap.stats();
  return MemoryInUse{kernel_frames().free_count() + heap.pages, heap.live_blocks};
}
