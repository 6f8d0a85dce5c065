// task_set_supervisor(task_slot, endpoint_slot): names the endpoint where the kernel sends the
// fault messages of the task's threads (abi/portcullis/fault_message.h, docs/faults.md);
// kCapSlotNone clears it, and a fault then kills the task. Decode, then invoke: the Task capability
// (kBadHandle, kWrongType, kAccessDenied without kCapWrite), then the Endpoint capability (the same
// answers; kCapWrite, since the kernel calls on it for the task); nothing changes unless both pass.
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"

namespace {

Status set_supervisor(Task& caller, const SyscallArgs& args) {
  const uint32_t task_slot = TRY(decode_slot(args.word[0]));
  const uint32_t endpoint_slot = TRY(decode_slot(args.word[1]));
  CapLookup task_cap = TRY(caller.cap_space().lookup(task_slot, CapabilityType::kTask, kCapWrite));
  RefPtr<Endpoint> endpoint;
  if (endpoint_slot != kCapSlotNone) {
    CapLookup endpoint_cap =
        TRY(caller.cap_space().lookup(endpoint_slot, CapabilityType::kEndpoint, kCapWrite));
    endpoint = object_cast<Endpoint>(endpoint_cap.object);
  }
  object_cast<Task>(task_cap.object)->set_supervisor(static_cast<RefPtr<Endpoint>&&>(endpoint));
  return Status::kOk;
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::task_set_supervisor>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  return syscall_return(set_supervisor(*task, args));
}
