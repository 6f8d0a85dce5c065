// KernelObject: the common base of every object a capability can hold (tasks, threads, address
// spaces, endpoints, IRQs, I/O bitmaps). It carries the object's CapabilityType, fixed at creation,
// and one reference count: each capability that names the object holds a RefPtr<KernelObject>, and
// so does any kernel code using it, so the object is freed when the last of either goes.
//
// A concrete type derives from KernelObject, passes its tag to the constructor, names it as
// `static constexpr CapabilityType kType` (object_cast checks it) and follows the RefPtr pattern
// (kernel/lib/ref_ptr.h): static create(), private destructor, `friend class RefPtr<T>`.
// RefPtr<Concrete> converts to RefPtr<KernelObject>; the destructor here is virtual because the
// last release may come through the base.
//
// The range types (IoPorts, Frames) name a piece of the machine, not an allocated object: their
// capabilities carry {base, count} and need no KernelObject (docs/capabilities.md).
//
// Every KernelObject counts itself, per type, from its constructor to its destructor: the program
// runner compares the counts before and after each program (kernel/program/program_runner.cc), so
// an object that a syscall path forgets to release fails the boot as a leaked frame does.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/capability_type.h"
#include "base/assert.h"
#include "kernel/lib/ref_ptr.h"

// Live objects per CapabilityType value, as one snapshot (each counter is read once; a snapshot
// taken while objects come and go is only consistent when nothing else runs, as between two
// programs).
struct LiveObjectCounts {
  static constexpr size_t kTypes = 16;  // CapabilityType values counted: 0 .. kTypes - 1
  int64_t by_type[kTypes] = {};
  bool operator==(const LiveObjectCounts&) const = default;
};

class KernelObject : public RefCounted<KernelObject> {
 public:
  CapabilityType type() const { return type_; }

  static LiveObjectCounts live_counts() {
    LiveObjectCounts counts;
    for (size_t i = 0; i < LiveObjectCounts::kTypes; ++i) {
      counts.by_type[i] = live_[i].load(std::memory_order_relaxed);
    }
    return counts;
  }

 protected:
  explicit KernelObject(CapabilityType type) : type_(type) {
    ASSERT(static_cast<size_t>(type) < LiveObjectCounts::kTypes);  // raise kTypes with the enum
    live_[static_cast<size_t>(type)].fetch_add(1, std::memory_order_relaxed);
  }
  virtual ~KernelObject() {
    live_[static_cast<size_t>(type_)].fetch_sub(1, std::memory_order_relaxed);
  }

 private:
  friend class RefPtr<KernelObject>;

  const CapabilityType type_;
  static inline std::atomic<int64_t> live_[LiveObjectCounts::kTypes] = {};
};

// The object as its concrete type, for a call that looked a capability up by type (no RTTI in the
// kernel: the type tag stands in for dynamic_cast). Null for null; the tag must match.
template <typename T>
RefPtr<T> object_cast(const RefPtr<KernelObject>& object) {
  if (object == nullptr) return nullptr;
  ASSERT(object->type() == T::kType);
  return RefPtr<T>::wrap(static_cast<T*>(object.get()));
}
