// vm_counters(address_space_slot, counters): copies a VmCountersSnapshot
// (abi/portcullis/vm_counters_snapshot.h) of the address space's vm_batch counters to user memory,
// for whoever holds an AddressSpace capability to it, with any rights: counting is not changing
// (a program reads its own through kSlotSelfAddressSpace; memsrv could read its clients').
//   kBadHandle    a slot word above 2^32 - 1, an empty or stale slot
//   kWrongType    the slot holds no AddressSpace capability
//   then the user range and copy answers of kernel/syscall/user_memory.h for `counters`
#include "abi/portcullis/vm_counters_snapshot.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"
#include "kernel/vm/address_space.h"

template <>
SyscallReturn handle_syscall<Syscall::vm_counters>(const SyscallArgs& args) {
  const uint64_t out = args.word[1];
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  const Result<CapLookup> target =
      task->cap_space().lookup(slot.value(), CapabilityType::kAddressSpace, 0);
  if (target.is_error()) return syscall_return(target.status());
  if (const Status s = check_user_range(out, sizeof(VmCountersSnapshot)); s != Status::kOk) {
    return syscall_return(s);
  }
  const VmBatchCounters c = object_cast<AddressSpace>(target.value().object)->counters_snapshot();
  const VmCountersSnapshot snapshot{
      c.batches,        c.rejected, c.ops_before_merge, c.ops_after_merge, c.pte_writes,
      c.tables_created, c.invlpg,   c.full_flushes,     c.shootdowns,      c.shootdown_cpus};
  return syscall_return(copy_to_user(out, &snapshot, sizeof(snapshot)));
}
