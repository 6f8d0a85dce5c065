// Kernel heap. Requests up to 2 KiB (after rounding size up to the alignment) come from
// power-of-two slabs (16 B .. 2 KiB), each slab one 4 KiB page with a 64-byte header at its start
// and slots aligned to their own size. Larger requests get a run of pages with a header in front.
// Pages come from a PageSource (page_source.h).
//
// Usage:
//   static FramePageSource source(&frames, direct_map_to_virt, direct_map_to_phys);
//   g_kernel_heap.init(&source);                        // then operator new works (kernel_new.cc)
//   void* p = g_kernel_heap.alloc(200);                 // 16-byte aligned; nullptr when out of
//   memory void* q = g_kernel_heap.alloc(8192, 4096);          // any power-of-two alignment
//   g_kernel_heap.free(p);                              // nullptr is fine
// Guarantees: every block is aligned to max(16, align); alloc(0) returns a unique block.
// free() of a pointer the heap did not hand out, or a double free, is a kernel bug: it ASSERTs
// (slabs detect both exactly; a large block is checked through its header's magic).
// SMP-safe: one SpinLock (interrupts off while held). The PageSource is called with it held, so the
// lock order is heap -> frame allocator.
// Cost of the simple in-page header: a 1 KiB slab page holds 3 slots and a 2 KiB one 1 slot.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/thread_annotations.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/mm/page_source.h"

class Heap {
 public:
  static constexpr size_t kMinAlign = 16;
  static constexpr size_t kClassCount = 8;  // 16, 32, ..., 2048
  static constexpr size_t kMaxSlabSize = 2048;

  struct Stats {
    size_t pages;  // pages held from the PageSource (slabs + large runs)
    size_t slab_pages;
    size_t live_blocks;  // allocated and not yet freed
    size_t live_bytes;   // the usable sizes of those blocks
  };

  constexpr Heap() = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  void init(PageSource* pages);  // once, before the first alloc
  bool ready() const { return pages_ != nullptr; }

  // nullptr when the PageSource is out of pages, `align` is not a power of two, or size is absurd.
  void* alloc(size_t size, size_t align = kMinAlign);
  void free(void* block);
  // Bytes the block may really use (>= the size asked for).
  size_t usable_size(const void* block) const;

  Stats stats() const;
  void check_invariants() const;  // ASSERTs every slab header and the counters

 private:
  struct SlabPage;
  struct LargeHeader;

  void* alloc_small(size_t class_index) REQUIRES(lock_);
  void* alloc_large(size_t size, size_t align) REQUIRES(lock_);
  void free_small(SlabPage* page, void* block) REQUIRES(lock_);
  void free_large(LargeHeader* header, void* block) REQUIRES(lock_);
  void unlink(SlabPage* page) REQUIRES(lock_);
  void push(SlabPage* page) REQUIRES(lock_);

  mutable SpinLock lock_;
  PageSource* pages_ = nullptr;  // set once by init()
  // Per size class: slab pages with at least one free slot (doubly linked). Full pages are on no
  // list; they return to it when a slot frees. At most one EMPTY page per class stays cached here.
  SlabPage* partial_[kClassCount] GUARDED_BY(lock_) = {};
  size_t page_count_ GUARDED_BY(lock_) = 0;
  size_t slab_page_count_ GUARDED_BY(lock_) = 0;
  size_t live_blocks_ GUARDED_BY(lock_) = 0;
  size_t live_bytes_ GUARDED_BY(lock_) = 0;
};

// The kernel's heap, used by operator new/delete (kernel_new.cc, kernel-only, defines it).
// Constant-initialised; kernel main calls g_kernel_heap.init() before anything allocates.
extern Heap g_kernel_heap;
