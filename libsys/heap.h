// sys::heap: malloc and free for user programs, over pages from libsys/page_pool.h: the memory
// server's when the program is its client (then the heap grows up to the program's quota there),
// else the program's initial Frames capability (32 pages in all, shared with thread stacks).
// Thread-safe (one sleeping lock).
//
// Small blocks (up to kMaxSmallBytes) come from size classes of 16 .. 2048 bytes, each carved out
// of whole pages and kept on a free list per class: a freed block is the next one handed out for
// its class, and pages given to a class stay with it. From the memory server those pages come in
// chunks of several pages (heap.cc says how many), from the initial frames one at a time. Larger
// blocks are whole pages of their own (one memory-server allocation each), unmapped again by
// free. Every block is 16-byte aligned.
#pragma once

#include <stddef.h>

namespace sys::heap {

inline constexpr size_t kAlignment = 16;
inline constexpr size_t kMaxSmallBytes = 2048;

// `bytes` of memory (not zeroed), or nullptr when there is no memory left (also for 0 bytes).
[[nodiscard]] void* allocate(size_t bytes);
// Gives back what allocate returned; nullptr is allowed and ignored.
void free(void* block);

}  // namespace sys::heap
