// The IoBitmap calls: io_bitmap_create makes an empty bitmap behind a new capability,
// io_bitmap_add and io_bitmap_remove open and close an IoPorts capability's ports in it
// (kernel/object/io_bitmap_membership.h has the rules), io_bitmap_attach makes the calling task
// share it. Decode, then invoke: the slot words (kBadHandle past 32 bits), then the capabilities
// (kBadHandle empty, kWrongType, kAccessDenied: kCapWrite on the bitmap to change it, kCapRead to
// attach it, kCapRead and kCapWrite on the IoPorts capability), then their state. A refused call
// changes no port of any task. docs/io-ports.md, "Sharing".
#include "abi/portcullis/rights.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/object/io_bitmap_membership.h"
#include "kernel/object/io_port_revocation.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"

namespace {

// A new bitmap's capability carries every right that means something for it.
constexpr uint32_t kIoBitmapCapRights = kCapRead | kCapWrite | kCapGrant;

template <Status (*kCall)(Task&, uint32_t, uint32_t)>
SyscallReturn on_bitmap_and_ports(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Result<uint32_t> bitmap_slot = decode_slot(args.word[0]);
  if (bitmap_slot.is_error()) return syscall_return(bitmap_slot.status());
  const Result<uint32_t> ports_slot = decode_slot(args.word[1]);
  if (ports_slot.is_error()) return syscall_return(ports_slot.status());
  return syscall_return(kCall(*task, bitmap_slot.value(), ports_slot.value()));
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_create>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Result<uint32_t> target = decode_slot(args.word[0]);
  if (target.is_error()) return syscall_return(target.status());
  Result<RefPtr<IoBitmap>> bitmap = IoBitmap::create();
  if (bitmap.is_error()) return syscall_return(bitmap.status());
  // The capabilities count as one sharer for the object's whole life: a task attached to it then
  // always changes a private copy, never the object the capabilities (and other tasks) name.
  bitmap.value()->add_sharer();
  const Result<uint32_t> slot = task->cap_space().insert(target.value(), CapabilityType::kIoBitmap,
                                                         bitmap.value(), kIoBitmapCapRights);
  if (slot.is_error()) return syscall_return(slot.status());  // the bitmap is freed
  return syscall_return(Status::kOk, slot.value());
}

template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_add>(const SyscallArgs& args) {
  return on_bitmap_and_ports<IoBitmapMembership::add>(args);
}

template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_remove>(const SyscallArgs& args) {
  return on_bitmap_and_ports<IoBitmapMembership::remove>(args);
}

template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_attach>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  Result<CapLookup> lookup =
      task->cap_space().lookup(slot.value(), CapabilityType::kIoBitmap, kCapRead);
  if (lookup.is_error()) return syscall_return(lookup.status());
  // This CPU's counters: stay on it while they count.
  const IrqFlags flags = irq_save_disable();
  Result<IoInvalidation> attached = task->io_ports().attach(
      object_cast<IoBitmap>(lookup.value().object), arch::io_counters_here());
  irq_restore(flags);
  if (attached.is_error()) return syscall_return(attached.status());
  // The task's threads on other CPUs stop using the bitmap it held before this returns.
  apply_io_invalidation(attached.value());
  return syscall_return(Status::kOk);
}
