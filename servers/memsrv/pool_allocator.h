// The memory server's frame allocator over the memory pool: one bit per pool page, runs taken
// first fit. A run is what one allocation maps (contiguous frames merge into one vm_batch
// operation); a pool too fragmented for a run answers kNoMemory even with enough pages free.
// Plain C++ over storage the caller gives: the host tests run it too. One worker thread uses it
// (docs/memory-server.md), so it has no lock.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"

class PoolAllocator {
 public:
  static constexpr uint64_t words_for(uint64_t pages) { return (pages + 63) / 64; }

  // `words` holds words_for(pages) words; every page starts free.
  void init(uint64_t* words, uint64_t pages);

  // The first page of `count` free pages in a row, now taken: kInvalidArgument for 0, kNoMemory.
  Result<uint64_t> take(uint64_t count);
  // Gives back [first, +count): kOutOfRange past the pool, kBadState if any of them is free
  // (nothing changes then).
  Status give_back(uint64_t first, uint64_t count);

  uint64_t free_pages() const { return free_; }
  uint64_t total_pages() const { return pages_; }
  bool is_free(uint64_t page) const;

 private:
  void set(uint64_t page, bool used);

  uint64_t* words_ = nullptr;  // bit set: taken
  uint64_t pages_ = 0;
  uint64_t free_ = 0;
};
