// system_info(info_slot, topic, arg, buffer, capacity): copies up to `capacity` entries of one
// topic of the kernel's state to user memory and answers in rdx how many the topic has
// (abi/portcullis/system_info.h, docs/system-info.md). Decode first (slot word, the SystemInfo
// capability with kCapRead, topic, capacity, the user range), then collect into a kernel buffer
// under the topic's locks, then copy out with no lock held.
#include "abi/portcullis/rights.h"
#include "abi/portcullis/system_info.h"
#include "kernel/mm/heap.h"
#include "kernel/object/system_info.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/system_info_words.h"
#include "kernel/syscall/user_memory.h"

template <>
SyscallReturn handle_syscall<Syscall::system_info>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  // The capability only gates the look: the object holds nothing, no reference is kept.
  Result<CapLookup> info =
      task->cap_space().lookup(slot.value(), CapabilityType::kSystemInfo, kCapRead);
  if (info.is_error()) return syscall_return(info.status());
  Result<SystemInfoRequest> request = decode_system_info(args.word);
  if (request.is_error()) return syscall_return(request.status());
  const SystemInfoRequest& r = request.value();
  if (const Status s = check_user_range(r.buffer, r.capacity * r.entry_bytes); s != Status::kOk) {
    return syscall_return(s);
  }
  void* entries = nullptr;
  if (r.capacity > 0) {
    entries = g_kernel_heap.alloc(r.capacity * r.entry_bytes);
    if (entries == nullptr) return syscall_return(Status::kNoMemory);
  }
  Result<uint32_t> total = SystemInfo::collect(r.topic, r.arg, entries, r.capacity);
  Status status = total.status();
  if (total.is_ok()) {
    const uint32_t copied = total.value() < r.capacity ? total.value() : r.capacity;
    status = copy_to_user(r.buffer, entries, copied * r.entry_bytes);
  }
  g_kernel_heap.free(entries);
  return syscall_return(status, status == Status::kOk ? total.value() : 0);
}
