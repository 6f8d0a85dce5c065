// Pages for libsys's own needs (thread stacks, the heap: libsys/thread.h, libsys/heap.h), from one
// of two sources, chosen at the first call and kept for the program's life:
//
// - The memory server (docs/memory-server.md), when the program is its client: init put an
//   Endpoint in kSlotMemoryServer (`memory` on the program's manifest line, docs/init.md). A run
//   without guard pages is one allocation that memsrv places in its arena (mem::kAnywhere); a run
//   with guard pages (a stack) is one allocation at an address libsys picks in its stack window
//   (kStackWindowBase), at the top of a span of whole window slots that nothing else uses, so the
//   pages below it (at least the guard pages) stay unmapped. free gives the allocation back.
// - Otherwise (init, memsrv itself, programs of a boot without memsrv) the program's initial
//   Frames capability (kSlotInitialFrames, kInitialFramesPages frames), mapped with vm_batch into
//   kPagePoolBase: frame i always sits at kPagePoolBase + i pages, so a run of frames is one
//   vm_batch operation to map and one to unmap; each guard page costs a frame while the run lives.
//   A program that uses this source must leave the initial Frames capability's frames to it.
//
// Either way freed pages are unmapped (a stale pointer faults). memsrv's pages come zeroed; the
// initial frames come back with their old contents.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/page.h"
#include "base/result.h"

namespace sys {

inline constexpr uint64_t kPagePoolBase = uint64_t{0x1000} << 32;  // 0x1000'0000'0000 (16 TiB)
inline constexpr size_t kPagePoolMaxPages = 64;                    // one bitmap word

// The stack window (memory-server source only): kStackWindowSlots slots of kStackWindowSlotPages
// pages, one bit each; a stack takes the fewest whole slots that hold it and its guard pages.
// Away from program images, the initial stack, kPagePoolBase and memsrv's arena
// (abi/portcullis/program_layout.h, libsys/mem_protocol.h).
inline constexpr uint64_t kStackWindowBase = uint64_t{0x5000} << 32;  // 0x5000'0000'0000
inline constexpr size_t kStackWindowSlotPages = 256;                  // 1 MiB
inline constexpr size_t kStackWindowSlots = 64;                       // one bitmap word

// True when the pages come from the memory server (the first call decides).
bool pages_from_memory_server();

// `pages` read/write pages at consecutive addresses, with `guard_pages` unmapped pages below them
// (an overflow faults). Returns the first mapped page. kInvalidArgument for 0 pages. From the
// initial frames: kNoMemory when no free run of pages + guard_pages frames is that long (or the
// Frames capability cannot be used); vm_batch's answer if it refuses the mapping. From memsrv:
// its answers (kNoMemory: the pool has no run that long; kNoSpace: over the program's quota or
// its table of allocations), kNoMemory when the stack window has no span that long, or ipc_call's.
[[nodiscard]] Result<void*> allocate_pages(size_t pages, size_t guard_pages = 0);
// Gives back what allocate_pages returned, with the same counts.
void free_pages(void* first, size_t pages, size_t guard_pages = 0);
// Initial frames not in use (all of them before the first allocation; 0 when the pages come from
// the memory server, which leaves the initial frames alone).
size_t free_page_count();

}  // namespace sys
