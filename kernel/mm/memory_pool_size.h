// How many frames the boot sets aside for the memory pool (docs/memory-server.md, "The pool"):
// `mem_pool=MiB` on the command line, or by default a quarter of the free frames, at most
// kMemoryPoolDefaultMaxPages. Never more than half the free frames, so the kernel keeps enough for
// tasks, page tables and its heap. Plain C++: the host tests run it too.
#pragma once

#include <stdint.h>

inline constexpr uint64_t kMemoryPoolPagesPerMiB = 256;
// 16 MiB: enough for the memory server's clients today, and small enough that every boot with
// init (Bochs included) loses little.
inline constexpr uint64_t kMemoryPoolDefaultMaxPages = 16 * kMemoryPoolPagesPerMiB;

// `requested_mib`: the command line's value, or nullptr when it names none.
constexpr uint64_t memory_pool_pages(uint64_t free_frames, const uint64_t* requested_mib) {
  const uint64_t ceiling = free_frames / 2;
  if (requested_mib == nullptr) {
    const uint64_t quarter = free_frames / 4;
    return quarter < kMemoryPoolDefaultMaxPages ? quarter : kMemoryPoolDefaultMaxPages;
  }
  // Checked before the multiplication, which could otherwise wrap.
  if (*requested_mib > ceiling / kMemoryPoolPagesPerMiB) return ceiling;
  return *requested_mib * kMemoryPoolPagesPerMiB;
}
