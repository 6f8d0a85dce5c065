// Physical frame allocator. Two bitmaps of equal size: `used_` answers "can this frame be handed
// out" for alloc(), `managed_` lets free() tell a double free (managed, already free) from a
// foreign address (not managed at all) without keeping the range lists around.
#include "kernel/mm/frame_allocator.h"

namespace {

constexpr uint64_t kAllOnes = ~uint64_t{0};

// [first, end) frame numbers fully inside r (trimmed inward). Empty when first >= end.
void inner_frames(const Range<uint64_t>& r, uint64_t* first, uint64_t* end) {
  const uint64_t last = r.last();
  *first = (r.base >> kPageShift) + ((r.base & (kPageSize - 1)) != 0 ? 1 : 0);
  *end = (last >> kPageShift) + ((last & (kPageSize - 1)) == kPageSize - 1 ? 1 : 0);
}

// [first, end) frame numbers touched by r (rounded outward).
void outer_frames(const Range<uint64_t>& r, uint64_t* first, uint64_t* end) {
  *first = r.base >> kPageShift;
  *end = (r.last() >> kPageShift) + 1;
}

void set_bits(uint64_t* bits, uint64_t first, uint64_t count, bool value) {
  uint64_t i = first;
  const uint64_t end = first + count;
  while (i < end) {
    if (i % 64 == 0 && end - i >= 64) {
      bits[i / 64] = value ? kAllOnes : 0;
      i += 64;
      continue;
    }
    const uint64_t mask = uint64_t{1} << (i % 64);
    if (value)
      bits[i / 64] |= mask;
    else
      bits[i / 64] &= ~mask;
    ++i;
  }
}

bool test_bit(const uint64_t* bits, uint64_t i) { return (bits[i / 64] >> (i % 64)) & 1; }

// Clips frame range [first, end) to [lo, hi); false if nothing is left.
bool clip(uint64_t* first, uint64_t* end, uint64_t lo, uint64_t hi) {
  if (*first < lo) *first = lo;
  if (*end > hi) *end = hi;
  return *first < *end;
}

// First run of `count` frames inside a usable range and outside every reserved one, or 0 frames
// found (returns false). Used once, before the bitmap exists.
bool find_free_run(const Range<uint64_t>* usable, size_t usable_count,
                   const Range<uint64_t>* reserved, size_t reserved_count, uint64_t count,
                   uint64_t* out_first) {
  for (size_t u = 0; u < usable_count; ++u) {
    if (usable[u].empty()) continue;
    uint64_t start, end;
    inner_frames(usable[u], &start, &end);
    while (start < end && end - start >= count) {
      bool moved = false;
      for (size_t r = 0; r < reserved_count; ++r) {
        if (reserved[r].empty()) continue;
        uint64_t rf, re;
        outer_frames(reserved[r], &rf, &re);
        if (rf < start + count && start < re) {
          start = re;
          moved = true;
        }
      }
      if (!moved) {
        *out_first = start;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool FrameAllocator::used(uint64_t index) const { return test_bit(used_, index); }
bool FrameAllocator::managed(uint64_t index) const { return test_bit(managed_, index); }

Status FrameAllocator::init(const Range<uint64_t>* usable, size_t usable_count,
                            const Range<uint64_t>* reserved, size_t reserved_count,
                            PhysToVirt to_virt) {
  SpinGuard guard(lock_);
  if (ready_) return Status::kBadState;
  if (to_virt == nullptr) return Status::kInvalidArgument;

  uint64_t lo = kAllOnes, hi = 0;
  for (size_t u = 0; u < usable_count; ++u) {
    if (usable[u].empty()) continue;
    uint64_t first, end;
    inner_frames(usable[u], &first, &end);
    if (first >= end) continue;
    if (first < lo) lo = first;
    if (end > hi) hi = end;
  }
  if (lo >= hi) return Status::kNoMemory;

  const uint64_t frames = hi - lo;
  const uint64_t words = (frames + 63) / 64;
  const uint64_t storage_bytes = 2 * words * sizeof(uint64_t);
  const uint64_t storage_frames = (storage_bytes + kPageSize - 1) / kPageSize;
  uint64_t storage_first;
  if (!find_free_run(usable, usable_count, reserved, reserved_count, storage_frames,
                     &storage_first))
    return Status::kNoMemory;
  void* storage = to_virt(storage_first << kPageShift);
  if (storage == nullptr) return Status::kInvalidArgument;

  base_frame_ = lo;
  frame_count_ = frames;
  words_ = words;
  used_ = static_cast<uint64_t*>(storage);
  managed_ = used_ + words;
  __builtin_memset(used_, 0xff, words * sizeof(uint64_t));
  __builtin_memset(managed_, 0, words * sizeof(uint64_t));

  for (size_t u = 0; u < usable_count; ++u) {
    if (usable[u].empty()) continue;
    uint64_t first, end;
    inner_frames(usable[u], &first, &end);
    if (!clip(&first, &end, lo, hi)) continue;
    set_bits(managed_, first - lo, end - first, true);
  }
  for (size_t r = 0; r < reserved_count; ++r) {
    if (reserved[r].empty()) continue;
    uint64_t first, end;
    outer_frames(reserved[r], &first, &end);
    if (!clip(&first, &end, lo, hi)) continue;
    set_bits(managed_, first - lo, end - first, false);
  }
  set_bits(managed_, storage_first - lo, storage_frames, false);

  uint64_t free_frames = 0;
  for (uint64_t w = 0; w < words; ++w) {
    used_[w] = ~managed_[w];
    free_frames += static_cast<uint64_t>(__builtin_popcountll(managed_[w]));
  }
  free_ = free_frames;
  total_ = free_frames;
  next_word_ = 0;
  bitmap_range_ = Range<uint64_t>{storage_first << kPageShift, storage_frames << kPageShift};
  ready_ = true;
  return Status::kOk;
}

Result<uint64_t> FrameAllocator::alloc() {
  if (failure_hook_ != nullptr && failure_hook_()) return Status::kNoMemory;
  SpinGuard guard(lock_);
  if (free_ == 0) return Status::kNoMemory;
  for (uint64_t n = 0; n < words_; ++n) {
    const uint64_t w = (next_word_ + n) % words_;
    if (used_[w] == kAllOnes) continue;
    const uint64_t bit = static_cast<uint64_t>(__builtin_ctzll(~used_[w]));
    used_[w] |= uint64_t{1} << bit;
    --free_;
    next_word_ = w;
    return (base_frame_ + w * 64 + bit) << kPageShift;
  }
  ASSERT(false);  // free_ > 0 but no clear bit: the bitmaps are corrupt
  return Status::kNoMemory;
}

Result<uint64_t> FrameAllocator::alloc_contiguous(size_t count, size_t align_frames) {
  if (count == 0 || align_frames == 0 || (align_frames & (align_frames - 1)) != 0)
    return Status::kInvalidArgument;
  if (failure_hook_ != nullptr && failure_hook_()) return Status::kNoMemory;
  SpinGuard guard(lock_);
  if (count > free_) return Status::kNoMemory;
  const uint64_t hi = base_frame_ + frame_count_;
  // Candidates are absolute frame numbers, so the alignment holds for the physical address.
  uint64_t start = (base_frame_ + align_frames - 1) & ~uint64_t{align_frames - 1};
  while (start < hi && hi - start >= count) {
    // Check from the top of the candidate run: a used frame at offset k lets the next candidate
    // start past it.
    uint64_t k = count;
    while (k > 0 && !used(start - base_frame_ + k - 1)) --k;
    if (k == 0) {
      set_bits(used_, start - base_frame_, count, true);
      free_ -= count;
      return start << kPageShift;
    }
    const uint64_t past = start + k;
    start = (past + align_frames - 1) & ~uint64_t{align_frames - 1};
  }
  return Status::kNoMemory;
}

Status FrameAllocator::check_frees(uint64_t first_frame, size_t count) const {
  if (!ready_ || first_frame < base_frame_ || first_frame - base_frame_ >= frame_count_ ||
      count > frame_count_ - (first_frame - base_frame_))
    return Status::kOutOfRange;
  // Foreign frames first: a run that is partly not ours is the worse bug and says so.
  const uint64_t first = first_frame - base_frame_;
  for (uint64_t i = first; i < first + count; ++i)
    if (!managed(i)) return Status::kOutOfRange;
  for (uint64_t i = first; i < first + count; ++i)
    if (!used(i)) return Status::kBadState;
  return Status::kOk;
}

Status FrameAllocator::free(uint64_t phys) { return free_contiguous(phys, 1); }

Status FrameAllocator::free_contiguous(uint64_t phys, size_t count) {
  if (phys % kPageSize != 0) return Status::kUnaligned;
  if (count == 0) return Status::kInvalidArgument;
  SpinGuard guard(lock_);
  const uint64_t first = phys >> kPageShift;
  TRY(check_frees(first, count));
  set_bits(used_, first - base_frame_, count, false);
  free_ += count;
  return Status::kOk;
}

size_t FrameAllocator::free_count() const {
  SpinGuard guard(lock_);
  return free_;
}

size_t FrameAllocator::total_count() const {
  SpinGuard guard(lock_);
  return total_;
}

bool FrameAllocator::is_free(uint64_t phys) const {
  SpinGuard guard(lock_);
  const uint64_t frame = phys >> kPageShift;
  if (!ready_ || frame < base_frame_ || frame - base_frame_ >= frame_count_) return false;
  return managed(frame - base_frame_) && !used(frame - base_frame_);
}

void FrameAllocator::check_invariants() const {
  SpinGuard guard(lock_);
  if (!ready_) return;
  uint64_t free_frames = 0;
  for (uint64_t w = 0; w < words_; ++w) {
    ASSERT((~managed_[w] & ~used_[w]) == 0);  // !managed => used
    free_frames += static_cast<uint64_t>(__builtin_popcountll(managed_[w] & ~used_[w]));
  }
  ASSERT(free_frames == free_);
  ASSERT(free_ <= total_);
}
