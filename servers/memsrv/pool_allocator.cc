#include "servers/memsrv/pool_allocator.h"

void PoolAllocator::init(uint64_t* words, uint64_t pages) {
  words_ = words;
  pages_ = pages;
  free_ = pages;
  for (uint64_t i = 0; i < words_for(pages); ++i) words_[i] = 0;
}

bool PoolAllocator::is_free(uint64_t page) const {
  return page < pages_ && (words_[page / 64] & (uint64_t{1} << (page % 64))) == 0;
}

void PoolAllocator::set(uint64_t page, bool used) {
  const uint64_t bit = uint64_t{1} << (page % 64);
  words_[page / 64] = used ? words_[page / 64] | bit : words_[page / 64] & ~bit;
}

Result<uint64_t> PoolAllocator::take(uint64_t count) {
  if (count == 0) return Status::kInvalidArgument;
  if (count > free_) return Status::kNoMemory;
  uint64_t run = 0;
  for (uint64_t page = 0; page < pages_; ++page) {
    // Skip whole taken words quickly: most of a busy pool is.
    if (page % 64 == 0 && words_[page / 64] == ~uint64_t{0}) {
      run = 0;
      page += 63;
      continue;
    }
    run = is_free(page) ? run + 1 : 0;
    if (run == count) {
      const uint64_t first = page + 1 - count;
      for (uint64_t p = first; p <= page; ++p) set(p, true);
      free_ -= count;
      return first;
    }
  }
  return Status::kNoMemory;
}

Status PoolAllocator::give_back(uint64_t first, uint64_t count) {
  if (count == 0 || first >= pages_ || count > pages_ - first) return Status::kOutOfRange;
  for (uint64_t p = first; p < first + count; ++p) {
    if (is_free(p)) return Status::kBadState;
  }
  for (uint64_t p = first; p < first + count; ++p) set(p, false);
  free_ += count;
  return Status::kOk;
}
