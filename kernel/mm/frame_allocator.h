// Physical 4 KiB frame allocator: one bitmap over the frames between the lowest and the highest
// usable address. Its storage is carved out of usable memory by init() itself (and reserved), and
// reached through the PhysToVirt the caller gives (the kernel's direct map).
//
// Usage (kernel main; see boot_memory.h for the helper that builds the range lists from
// multiboot2):
//   static FrameAllocator frames;             // constexpr-constructible: no .init_array needed
//   Status s = frames.init(usable, n_usable, reserved, n_reserved, direct_map_to_virt);
//   Result<uint64_t> phys = frames.alloc();                    // kNoMemory when exhausted
//   Result<uint64_t> run = frames.alloc_contiguous(16, 16);    // 64 KiB, 64 KiB aligned
//   ASSERT(frames.free(phys.value()) == Status::kOk);
// Errors on free are Status values, not panics, so tests can prove them; a kernel caller that holds
// a frame it got from alloc() treats any error as a bug (ASSERT it).
// SMP-safe: every public call takes the allocator's SpinLock (interrupts off while held). Lock
// order: the heap lock may be held when calling in here, never the reverse.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/range.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/mm/phys_to_virt.h"

class FrameAllocator {
 public:
  constexpr FrameAllocator() = default;
  FrameAllocator(const FrameAllocator&) = delete;
  FrameAllocator& operator=(const FrameAllocator&) = delete;

  // `usable`: RAM that may be handed out, trimmed inward to whole frames (and may overlap).
  // `reserved`: ranges never handed out, rounded outward to whole frames (may lie anywhere).
  // Errors: kBadState (called twice), kInvalidArgument (null to_virt, or it returns nullptr for the
  // bitmap), kNoMemory (no usable frame, or no free run large enough for the bitmap).
  [[nodiscard]] Status init(const Range<uint64_t>* usable, size_t usable_count,
                            const Range<uint64_t>* reserved, size_t reserved_count,
                            PhysToVirt to_virt);

  // One frame; kNoMemory if none is free.
  Result<uint64_t> alloc();
  // `count` physically contiguous frames whose first frame number is a multiple of `align_frames`
  // (a power of two). kInvalidArgument for count 0 or a bad alignment, kNoMemory if no such run.
  Result<uint64_t> alloc_contiguous(size_t count, size_t align_frames);

  // Gives back one frame / a run. Errors leave everything unchanged:
  //   kUnaligned (phys not frame-aligned), kOutOfRange (a frame this allocator does not manage:
  //   reserved, a hole, or outside its span), kBadState (a frame that is already free: double
  //   free).
  [[nodiscard]] Status free(uint64_t phys);
  [[nodiscard]] Status free_contiguous(uint64_t phys, size_t count);

  size_t free_count() const;
  size_t total_count() const;  // frames it manages: usable minus reserved minus its own bitmap
  bool is_free(uint64_t phys) const;  // for tests and assertions; false for unmanaged frames
  Range<uint64_t> bitmap_range() const { return bitmap_range_; }  // where init() put its storage

  // ASSERTs the bookkeeping: free_count matches the bitmaps, unmanaged frames are never free.
  void check_invariants() const;

  // Asked before each alloc and alloc_contiguous (after the argument checks): true makes it answer
  // kNoMemory as if no frame were free (fault injection: kernel/mm/allocation_faults.h). Set once
  // at boot, before other CPUs run; nullptr (the default) asks nothing.
  using FailureHook = bool (*)();
  void set_failure_hook(FailureHook hook) { failure_hook_ = hook; }

 private:
  Status check_frees(uint64_t first_frame, size_t count) const REQUIRES(lock_);
  bool used(uint64_t index) const REQUIRES(lock_);
  bool managed(uint64_t index) const REQUIRES(lock_);

  mutable SpinLock lock_;
  // Frame index i is physical frame base_frame_ + i, for i < frame_count_.
  uint64_t base_frame_ GUARDED_BY(lock_) = 0;
  uint64_t frame_count_ GUARDED_BY(lock_) = 0;
  uint64_t words_ GUARDED_BY(lock_) = 0;  // 64-bit words per bitmap
  // Bit set = frame not available: allocated, reserved, a hole, or padding past frame_count_.
  uint64_t* used_ GUARDED_BY(lock_) = nullptr;
  // Bit set = frame belongs to the pool (usable, not reserved). Fixed after init().
  // Invariant: !managed => used. free_ == |managed & !used|.
  uint64_t* managed_ GUARDED_BY(lock_) = nullptr;
  uint64_t free_ GUARDED_BY(lock_) = 0;
  uint64_t total_ GUARDED_BY(lock_) = 0;
  uint64_t next_word_ GUARDED_BY(lock_) = 0;  // next-fit hint for alloc()
  bool ready_ GUARDED_BY(lock_) = false;
  Range<uint64_t> bitmap_range_{};  // written once by init()
  FailureHook failure_hook_ = nullptr;
};
