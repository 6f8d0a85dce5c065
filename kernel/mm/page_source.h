// Where the kernel heap gets its pages: an interface so the heap stays portable. The kernel gives
// FramePageSource (frame allocator + direct map, below); host tests give aligned malloc'd memory.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "kernel/mm/frame_allocator.h"
#include "kernel/mm/phys_to_virt.h"

class PageSource {
 public:
  // `count` contiguous 4 KiB pages whose address is a multiple of `align_pages` pages (a power of
  // two), or nullptr. Called with the heap lock held: must not sleep and must not call the heap.
  virtual void* alloc_pages(size_t count, size_t align_pages) = 0;
  // Gives back exactly a run alloc_pages() returned, with the same count.
  virtual void free_pages(void* pages, size_t count) = 0;

 protected:
  ~PageSource() = default;  // never deleted through the interface
};

// Frames from the frame allocator, reached through the kernel's direct map. The direct map keeps
// physical alignment because its base is aligned far beyond any alignment the heap asks for.
class FramePageSource final : public PageSource {
 public:
  constexpr FramePageSource() = default;
  constexpr FramePageSource(FrameAllocator* frames, PhysToVirt to_virt, VirtToPhys to_phys)
      : frames_(frames), to_virt_(to_virt), to_phys_(to_phys) {}

  void* alloc_pages(size_t count, size_t align_pages) override {
    Result<uint64_t> phys = count == 1 && align_pages == 1
                                ? frames_->alloc()
                                : frames_->alloc_contiguous(count, align_pages);
    return phys.is_ok() ? to_virt_(phys.value()) : nullptr;
  }
  void free_pages(void* pages, size_t count) override {
    const Status s = frames_->free_contiguous(to_phys_(pages), count);
    ASSERT(s == Status::kOk);  // the heap only returns what it was given
  }

 private:
  FrameAllocator* frames_ = nullptr;
  PhysToVirt to_virt_ = nullptr;
  VirtToPhys to_phys_ = nullptr;
};
