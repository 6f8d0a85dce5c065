// The memory server's frame allocator over the memory pool: one bit per pool page, runs taken
// first fit, and for each page its use by clients: how many client mappings it has and which client
// pays for it (the one that allocated it). A run is what one allocation maps (contiguous frames
// merge into one vm_batch operation); a pool too fragmented for a run answers kNoMemory even with
// enough pages free.
//
// Two kinds of taken pages: memsrv's own (take/give_back: its tables, never mapped by a client)
// and clients' (take_for/add_mappings/drop_mappings): a client page goes back to the pool when its
// last mapping goes, and only then leaves its payer's charge, so a shared page keeps costing the
// client that allocated it until nobody maps it any more (docs/memory-server.md, "Sharing").
//
// Plain C++ over storage the caller gives (the host tests run it too), safe to call from several
// threads: one mutex around everything, a leaf in memsrv's lock order (nothing else is taken
// under it).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "libsys/mutex.h"

class PoolAllocator {
 public:
  static constexpr uint32_t kMaxPayers = 256;    // ClientIds that can pay (PageUse::payer)
  static constexpr uint32_t kMaxMappings = 255;  // per page (PageUse::mappings)
  struct PageUse {
    uint8_t mappings = 0;  // client mappings of the page; 0 for a free page or one of memsrv's
    uint8_t payer = 0;     // the ClientId charged for it, while mappings > 0
  };
  static constexpr uint64_t words_for(uint64_t pages) { return (pages + 63) / 64; }
  // The storage init needs for `pages`, in bytes: the bitmap, then the uses.
  static constexpr uint64_t bytes_for(uint64_t pages) {
    return words_for(pages) * sizeof(uint64_t) + pages * sizeof(PageUse);
  }

  // `words` holds words_for(pages) words and `uses` `pages` entries; every page starts free.
  void init(uint64_t* words, PageUse* uses, uint64_t pages) EXCLUDES(lock_);

  // memsrv's own pages. take: the first page of `count` free pages in a row, now taken:
  // kInvalidArgument for 0, kNoMemory. give_back: [first, +count) free again: kOutOfRange past the
  // pool, kBadState if any of them is free or a client's (nothing changes then).
  Result<uint64_t> take(uint64_t count) EXCLUDES(lock_);
  Status give_back(uint64_t first, uint64_t count) EXCLUDES(lock_);

  // A client's run of `count` pages, each with one mapping, charged to `payer`: kNoSpace when that
  // would take the payer's charge past `quota_pages` (or `payer` >= kMaxPayers), else take's
  // answers.
  Result<uint64_t> take_for(uint32_t payer, uint64_t count, uint64_t quota_pages) EXCLUDES(lock_);
  // One more mapping of each client page in [first, +count): kNotFound if one is not a client
  // page, kNoSpace if one has kMaxMappings already (nothing changes then).
  Status add_mappings(uint64_t first, uint64_t count) EXCLUDES(lock_);
  // One mapping fewer of each (they must be client pages: asserted); a page that reaches none is
  // free again and off its payer's charge. Returns how many pages went back.
  uint64_t drop_mappings(uint64_t first, uint64_t count) EXCLUDES(lock_);

  uint64_t charged(uint32_t payer) const EXCLUDES(lock_);
  PageUse use(uint64_t page) const EXCLUDES(lock_);
  uint64_t free_pages() const EXCLUDES(lock_);
  uint64_t total_pages() const { return pages_; }
  bool is_free(uint64_t page) const EXCLUDES(lock_);

 private:
  bool is_free_locked(uint64_t page) const REQUIRES(lock_);
  void set_run(uint64_t first, uint64_t count, bool used) REQUIRES(lock_);
  Result<uint64_t> take_locked(uint64_t count) REQUIRES(lock_);

  mutable sys::Mutex lock_;
  uint64_t* words_ GUARDED_BY(lock_) = nullptr;  // bit set: taken
  PageUse* uses_ GUARDED_BY(lock_) = nullptr;
  uint64_t pages_ = 0;  // set once by init, before any other call
  uint64_t free_ GUARDED_BY(lock_) = 0;
  uint64_t charged_[kMaxPayers] GUARDED_BY(lock_) = {};
};
