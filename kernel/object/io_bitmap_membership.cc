#include "kernel/object/io_bitmap_membership.h"

#include <new>

#include "abi/portcullis/rights.h"
#include "kernel/object/io_port_revocation.h"
#include "kernel/object/task.h"

namespace {

struct AddContext {
  IoBitmap* bitmap;
  uint64_t grant_id;
};

// Under the capability-tree lock: open the capability's ports in the bitmap, in place, for every
// sharer. Adds rights only, so no CPU needs to act (a stale copy repairs itself on the #GP).
Status open_ports(void* context, const CapInfo& info) {
  const auto* c = static_cast<const AddContext*>(context);
  const PortRange ports{static_cast<uint32_t>(info.range.base),
                        static_cast<uint32_t>(info.range.size)};
  return c->bitmap->add_grant(c->grant_id, ports);
}

Result<RefPtr<IoBitmap>> bitmap_of(const CapSpace& caps, uint32_t slot) {
  const CapLookup bitmap = TRY(caps.lookup(slot, CapabilityType::kIoBitmap, kCapWrite));
  return object_cast<IoBitmap>(bitmap.object);
}

}  // namespace

IoBitmapMembership::IoBitmapMembership(RefPtr<IoBitmap> bitmap, uint64_t grant_id)
    : bitmap_(static_cast<RefPtr<IoBitmap>&&>(bitmap)), grant_id_(grant_id) {}

Status IoBitmapMembership::add(Task& task, uint32_t bitmap_slot, uint32_t io_ports_slot) {
  Result<RefPtr<IoBitmap>> bitmap = bitmap_of(task.cap_space(), bitmap_slot);
  if (bitmap.is_error()) return bitmap.status();
  const uint64_t grant_id = IoBitmap::new_grant_id();
  AddContext context{bitmap.value().get(), grant_id};
  auto* use = new (std::nothrow) IoBitmapMembership(bitmap.value(), grant_id);
  if (use == nullptr) return Status::kNoMemory;
  const Status s = task.cap_space().attach_use(io_ports_slot, CapabilityType::kIoPorts,
                                               kCapRead | kCapWrite, use, open_ports, &context);
  if (s != Status::kOk) delete use;
  return s;
}

Status IoBitmapMembership::remove(Task& task, uint32_t bitmap_slot, uint32_t io_ports_slot) {
  Result<RefPtr<IoBitmap>> bitmap = bitmap_of(task.cap_space(), bitmap_slot);
  if (bitmap.is_error()) return bitmap.status();
  const auto added_here = [](void* bitmap, CapUse* use) {
    return use->bound_to() == bitmap ? Status::kOk : Status::kBadState;
  };
  Result<CapUse*> detached =
      task.cap_space().detach_use(io_ports_slot, CapabilityType::kIoPorts, added_here,
                                  static_cast<KernelObject*>(bitmap.value().get()));
  if (detached.is_error()) return detached.status();
  // Closed outside the tree lock: the wait for other CPUs must not happen under a spinlock they
  // may be spinning on.
  static_cast<IoBitmapMembership*>(detached.value())->capability_gone();
  return Status::kOk;
}

void IoBitmapMembership::capability_gone() {
  // In the bitmap and in every copy a sharer made of it since (a task that changed its ports):
  // they hold the grant too, and it must not outlive the capability.
  close_io_grant_everywhere(grant_id_);
  delete this;
}
