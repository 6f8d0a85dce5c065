// Pages for libsys's own needs (thread stacks, the heap: libsys/thread.h, libsys/heap.h), taken
// from the program's initial Frames capability (kSlotInitialFrames, kInitialFramesPages frames;
// abi/portcullis/cap_slots.h) and mapped with vm_batch into a window of the program's address
// space that nothing else uses. A stand-in until the memory server serves memory: it then takes
// frames from there instead, behind the same two calls.
//
// Frame i of the capability always sits at kPagePoolBase + i pages, so a run of frames is one
// vm_batch operation to map and one to unmap. Freed pages are unmapped (a stale pointer faults)
// and come back with their old contents, not zeroed. A program that uses the pool must leave the
// initial Frames capability's frames to it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/page.h"
#include "base/result.h"

namespace sys {

inline constexpr uint64_t kPagePoolBase = uint64_t{0x1000} << 32;  // 0x1000'0000'0000 (16 TiB)
inline constexpr size_t kPagePoolMaxPages = 64;                    // one bitmap word

// A run of `guard_pages` + `pages` frames; the top `pages` are mapped read/write at consecutive
// addresses and the guard pages below them stay unmapped (an overflow faults; each costs a frame
// while the run lives). Returns the first mapped page. kInvalidArgument for 0 pages; kNoMemory
// when no free run is that long (or the Frames capability cannot be used); vm_batch's answer if
// it refuses the mapping.
[[nodiscard]] Result<void*> allocate_pages(size_t pages, size_t guard_pages = 0);
// Gives back what allocate_pages returned, with the same counts.
void free_pages(void* first, size_t pages, size_t guard_pages = 0);
// Frames not in use (all of them before the first allocation).
size_t free_page_count();

}  // namespace sys
