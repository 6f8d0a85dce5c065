// IoBitmapMembership: an IoPorts capability added to an IoBitmap object (io_bitmap_add). It is the
// grant in that bitmap that opens the capability's ports for every task sharing it, bound to the
// capability as its CapUse, so whatever ends the capability closes the ports in the bitmap, in
// every copy made from it since, and on every CPU where one of them is live, before the call that
// ended it returns: io_bitmap_remove, a delete, a revoke of any ancestor (in any task), the end of
// the space that holds it. Rules (docs/io-ports.md, "Sharing"):
//   - adding needs the IoPorts capability with kCapRead and kCapWrite (as enabling does) and the
//     IoBitmap capability with kCapWrite;
//   - a capability has one use: enabled or added to one bitmap (kAlreadyExists otherwise; a copy
//     of it can be used elsewhere), and it cannot leave its space while added (kBusy);
//   - the bitmap's ports are the union of its grants (overlaps are fine), up to
//     IoBitmap::kMaxGrants (kNoSpace).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/derivation_tree.h"
#include "kernel/object/io_bitmap.h"

class Task;

class IoBitmapMembership final : public CapUse {
 public:
  // The calls on the calling task's slots. add: the IoBitmap slot's lookup answers (kBadHandle,
  // kWrongType, kAccessDenied), then CapSpace::attach_use's on the IoPorts slot, kNoSpace,
  // kNoMemory. remove: the IoBitmap slot's, then CapSpace::detach_use's on the IoPorts slot
  // (kBadState: not added to this bitmap).
  static Status add(Task& task, uint32_t bitmap_slot, uint32_t io_ports_slot);
  static Status remove(Task& task, uint32_t bitmap_slot, uint32_t io_ports_slot);

  void capability_gone() override;
  const KernelObject* bound_to() const override { return bitmap_.get(); }

 private:
  IoBitmapMembership(RefPtr<IoBitmap> bitmap, uint64_t grant_id);
  ~IoBitmapMembership() = default;

  const RefPtr<IoBitmap> bitmap_;
  const uint64_t grant_id_;
};
