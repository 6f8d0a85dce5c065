// io_ports_enable(io_ports_slot) and io_ports_disable(io_ports_slot): open or close, in the calling
// task, the ports an IoPorts capability of its own space covers (kernel/object/
// io_ports_enablement.h has the rules). Decode, then invoke: the slot word (kBadHandle past 32
// bits), then the capability (kBadHandle empty, kWrongType, kAccessDenied without both kCapRead
// and kCapWrite to enable), then its state (kAlreadyExists enabled already; kBadState not enabled,
// to disable). A refused call changes no port of any task. When disable returns, no CPU can
// complete an access to a port the task no longer holds.
#include "kernel/object/io_ports_enablement.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"

namespace {

template <Status (*kCall)(Task&, uint32_t)>
SyscallReturn on_own_io_ports(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  return syscall_return(kCall(*task, slot.value()));
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::io_ports_enable>(const SyscallArgs& args) {
  return on_own_io_ports<IoPortsEnablement::enable>(args);
}

template <>
SyscallReturn handle_syscall<Syscall::io_ports_disable>(const SyscallArgs& args) {
  return on_own_io_ports<IoPortsEnablement::disable>(args);
}
