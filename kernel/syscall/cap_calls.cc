// The capability calls: cap_copy, cap_move, cap_delete, cap_revoke, cap_type and cap_identify, on
// the calling task's capability space. Each decodes its argument words first (a slot word past
// 32 bits is kBadHandle, unknown rights or flag bits kInvalidArgument), then makes one CapSpace
// call, which checks the capabilities themselves before it changes anything
// (docs/capabilities.md), so a refused call changes nothing.
#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

static_assert(kCapSlotAny == CapSpace::kAnySlot, "one 'any slot' value for user space and kernel");

template <>
SyscallReturn handle_syscall<Syscall::cap_copy>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<CapCopyRequest> request = decode_cap_copy(args.word);
  if (request.is_error()) return syscall_return(request.status());
  const CapCopyRequest& r = request.value();
  CapSpace& space = task->cap_space();
  Result<uint32_t> slot =
      r.narrow  ? space.mint(r.slot, space, r.target_slot, r.rights, r.base, r.count)
      : r.badge ? space.mint_badge(r.slot, space, r.target_slot, r.rights, r.base)
                : space.copy(r.slot, space, r.target_slot, r.rights);
  if (slot.is_error()) return syscall_return(slot.status());
  return syscall_return(Status::kOk, slot.value());
}

template <>
SyscallReturn handle_syscall<Syscall::cap_move>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<uint32_t> slot = decode_slot(args.word[0]);
  Result<uint32_t> target = decode_slot(args.word[1]);
  if (slot.is_error()) return syscall_return(slot.status());
  if (target.is_error()) return syscall_return(target.status());
  CapSpace& space = task->cap_space();
  Result<uint32_t> moved = space.move(slot.value(), space, target.value());
  if (moved.is_error()) return syscall_return(moved.status());
  return syscall_return(Status::kOk, moved.value());
}

template <>
SyscallReturn handle_syscall<Syscall::cap_delete>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  return syscall_return(task->cap_space().remove(slot.value()));
}

template <>
SyscallReturn handle_syscall<Syscall::cap_revoke>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  Result<RevokeStats> stats = task->cap_space().revoke(slot.value());
  if (stats.is_error()) return syscall_return(stats.status());
  return syscall_return(Status::kOk, stats.value().removed);
}

template <>
SyscallReturn handle_syscall<Syscall::cap_type>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  Result<CapInfo> info = task->cap_space().identify(slot.value());
  if (info.is_error()) return syscall_return(info.status());
  return syscall_return(Status::kOk, static_cast<uint64_t>(info.value().type));
}

template <>
SyscallReturn handle_syscall<Syscall::cap_identify>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const uint64_t out = args.word[1];
  // Decode: the slot word, the pointer's range, then the slot itself; the copy out comes last.
  Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  if (const Status s = check_user_range(out, sizeof(CapIdentity)); s != Status::kOk) {
    return syscall_return(s);
  }
  Result<CapInfo> info = task->cap_space().identify(slot.value());
  if (info.is_error()) return syscall_return(info.status());
  CapIdentity identity = identity_of(info.value());
  if (info.value().type == CapabilityType::kTask) {
    // A Task's kernel-wide id is how fault messages and the kernel log name it, so a supervisor
    // can tell which of the tasks it started a fault message is about. `count`: the id of the
    // IoBitmap object its ports are in (0: none), so sharing is visible (docs/io-ports.md).
    Result<CapLookup> lookup = task->cap_space().lookup(slot.value(), CapabilityType::kTask, 0);
    if (lookup.is_ok()) {
      RefPtr<Task> named = object_cast<Task>(lookup.value().object);
      identity.base = named->id();
      const RefPtr<IoBitmap> ports = named->io_ports().bitmap();
      identity.count = ports ? ports->id() : 0;
    }
  }
  if (info.value().type == CapabilityType::kIoBitmap) {
    // The object's id (as a Task capability's `count` names it) and how many holders share it:
    // one for its capabilities, one per task attached to it.
    Result<CapLookup> lookup = task->cap_space().lookup(slot.value(), CapabilityType::kIoBitmap, 0);
    if (lookup.is_ok()) {
      const RefPtr<IoBitmap> bitmap = object_cast<IoBitmap>(lookup.value().object);
      identity.base = bitmap->id();
      identity.count = bitmap->sharer_count();
    }
  }
  return syscall_return(copy_to_user(out, &identity, sizeof identity));
}
