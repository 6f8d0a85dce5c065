// The host backend of libsys/startup_memory.h: the C library's aligned allocation.
#include "libsys/startup_memory.h"

#include <stdlib.h>

void* allocate_startup_memory(size_t bytes, size_t alignment) {
  // aligned_alloc wants a size that is a multiple of the alignment.
  const size_t rounded = (bytes + alignment - 1) & ~(alignment - 1);
  return aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
}

void free_startup_memory(void* memory) { free(memory); }
