// MemoryPool: the frames the boot sets aside for the memory server (docs/memory-server.md, "The
// pool"). One physically contiguous run taken from the frame allocator once, before init starts,
// and never given back: no task owns it, so no task's end frees it.
//
// It is the object of every Frames capability over it (a Frames-typed KernelObject: range
// capabilities may carry one), which is how task_grant tells such a capability from one over a
// task's own frames: memory that is never freed may be mapped by any task for as long as it
// likes, so a capability to it may cross tasks (docs/capabilities.md, "The pool").
#pragma once

#include <stdint.h>

#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/kernel_object.h"

class MemoryPool final : public KernelObject {
 public:
  static constexpr CapabilityType kType = CapabilityType::kFrames;

  // Takes `pages` contiguous frames (kInvalidArgument for 0, kNoMemory) the first time; the
  // pool then exists for the rest of the boot, and later calls return it as it is.
  static Result<RefPtr<MemoryPool>> set_aside(uint64_t pages);

  uint64_t first_frame() const { return first_frame_; }
  uint64_t page_count() const { return page_count_; }

 private:
  friend class RefPtr<MemoryPool>;
  MemoryPool(uint64_t first_frame, uint64_t page_count)
      : KernelObject(kType), first_frame_(first_frame), page_count_(page_count) {}
  ~MemoryPool() override = default;

  const uint64_t first_frame_;
  const uint64_t page_count_;
};

// True for a Frames capability's object when the frames it names are never freed (the pool).
inline bool frames_never_freed(const KernelObject* object) {
  return object != nullptr && object->type() == CapabilityType::kFrames;
}
