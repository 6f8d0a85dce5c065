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
#pragma once

#include "abi/portcullis/capability_type.h"
#include "kernel/lib/ref_ptr.h"

class KernelObject : public RefCounted<KernelObject> {
 public:
  CapabilityType type() const { return type_; }

 protected:
  explicit KernelObject(CapabilityType type) : type_(type) {}
  virtual ~KernelObject() = default;

 private:
  friend class RefPtr<KernelObject>;

  const CapabilityType type_;
};

// The object as its concrete type, for a call that looked a capability up by type (no RTTI in the
// kernel: the type tag stands in for dynamic_cast). Null for null; the tag must match.
template <typename T>
RefPtr<T> object_cast(const RefPtr<KernelObject>& object) {
  if (object == nullptr) return nullptr;
  ASSERT(object->type() == T::kType);
  return RefPtr<T>::wrap(static_cast<T*>(object.get()));
}
