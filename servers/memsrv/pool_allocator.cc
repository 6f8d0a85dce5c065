#include "servers/memsrv/pool_allocator.h"

#include "base/assert.h"

void PoolAllocator::init(uint64_t* words, PageUse* uses, uint64_t pages) {
  sys::MutexGuard g(lock_);
  words_ = words;
  uses_ = uses;
  pages_ = pages;
  free_ = pages;
  for (uint64_t i = 0; i < words_for(pages); ++i) words_[i] = 0;
  for (uint64_t i = 0; i < pages; ++i) uses_[i] = PageUse{};
  for (uint64_t& c : charged_) c = 0;
}

bool PoolAllocator::is_free_locked(uint64_t page) const {
  return page < pages_ && (words_[page / 64] & (uint64_t{1} << (page % 64))) == 0;
}

bool PoolAllocator::is_free(uint64_t page) const {
  sys::MutexGuard g(lock_);
  return is_free_locked(page);
}

uint64_t PoolAllocator::free_pages() const {
  sys::MutexGuard g(lock_);
  return free_;
}

uint64_t PoolAllocator::charged(uint32_t payer) const {
  sys::MutexGuard g(lock_);
  return payer < kMaxPayers ? charged_[payer] : 0;
}

PoolAllocator::PageUse PoolAllocator::use(uint64_t page) const {
  sys::MutexGuard g(lock_);
  return page < pages_ ? uses_[page] : PageUse{};
}

void PoolAllocator::set_run(uint64_t first, uint64_t count, bool used) {
  // A word at a time: the bits of [first, +count) in each word they touch.
  for (uint64_t page = first, end = first + count; page < end;) {
    const uint64_t in_word = 64 - page % 64 < end - page ? 64 - page % 64 : end - page;
    const uint64_t bits = (in_word == 64 ? ~uint64_t{0} : (uint64_t{1} << in_word) - 1)
                          << (page % 64);
    words_[page / 64] = used ? words_[page / 64] | bits : words_[page / 64] & ~bits;
    page += in_word;
  }
}

Result<uint64_t> PoolAllocator::take_locked(uint64_t count) {
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
    run = is_free_locked(page) ? run + 1 : 0;
    if (run == count) {
      const uint64_t first = page + 1 - count;
      set_run(first, count, true);
      free_ -= count;
      return first;
    }
  }
  return Status::kNoMemory;
}

Result<uint64_t> PoolAllocator::take(uint64_t count) {
  sys::MutexGuard g(lock_);
  return take_locked(count);
}

Status PoolAllocator::give_back(uint64_t first, uint64_t count) {
  sys::MutexGuard g(lock_);
  if (count == 0 || first >= pages_ || count > pages_ - first) return Status::kOutOfRange;
  for (uint64_t p = first; p < first + count; ++p) {
    if (is_free_locked(p) || uses_[p].mappings != 0) return Status::kBadState;
  }
  set_run(first, count, false);
  free_ += count;
  return Status::kOk;
}

Result<uint64_t> PoolAllocator::take_for(uint32_t payer, uint64_t count, uint64_t quota_pages) {
  sys::MutexGuard g(lock_);
  if (payer >= kMaxPayers || count > quota_pages || charged_[payer] > quota_pages - count) {
    return Status::kNoSpace;
  }
  const uint64_t first = TRY(take_locked(count));
  for (uint64_t p = first; p < first + count; ++p)
    uses_[p] = PageUse{1, static_cast<uint8_t>(payer)};
  charged_[payer] += count;
  return first;
}

Status PoolAllocator::add_mappings(uint64_t first, uint64_t count) {
  sys::MutexGuard g(lock_);
  if (first >= pages_ || count > pages_ - first) return Status::kNotFound;
  for (uint64_t p = first; p < first + count; ++p) {
    if (uses_[p].mappings == 0) return Status::kNotFound;
    if (uses_[p].mappings == kMaxMappings) return Status::kNoSpace;
  }
  for (uint64_t p = first; p < first + count; ++p) ++uses_[p].mappings;
  return Status::kOk;
}

uint64_t PoolAllocator::drop_mappings(uint64_t first, uint64_t count) {
  sys::MutexGuard g(lock_);
  ASSERT(first < pages_ && count <= pages_ - first);
  uint64_t freed = 0;
  // A word of the bitmap at a time: the pages of the run in it that reach no mappings are its bits
  // to clear, all at once (every one of them must have been taken).
  for (uint64_t page = first, end = first + count; page < end;) {
    const uint64_t word = page / 64;
    const uint64_t stop = (word + 1) * 64 < end ? (word + 1) * 64 : end;
    const uint64_t in_word = stop - page;
    const uint64_t run_bits = (in_word == 64 ? ~uint64_t{0} : (uint64_t{1} << in_word) - 1)
                              << (page % 64);
    ASSERT((words_[word] & run_bits) == run_bits);  // client pages are all taken
    uint64_t now_free = 0;
    for (; page < stop; ++page) {
      PageUse& u = uses_[page];
      ASSERT(u.mappings != 0);
      if (--u.mappings != 0) continue;
      --charged_[u.payer];
      u.payer = 0;
      now_free |= uint64_t{1} << (page % 64);
      ++freed;
    }
    words_[word] &= ~now_free;
  }
  free_ += freed;
  return freed;
}
