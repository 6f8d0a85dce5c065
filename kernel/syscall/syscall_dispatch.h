// Syscall dispatch: the SYSCALL entry (kernel/arch/x86_64/syscall_entry.S) calls syscall_dispatch
// with the six argument registers and the number; it picks the handler from a table expanded from
// the one list (abi/portcullis/syscalls.h) and hands back rax and rdx.
//
// Each call's handler is handle_syscall<Syscall::name>. Its decoder checks every argument before
// anything changes (decode, then invoke). The primary template answers kNotSupported: a call is
// implemented by declaring its specialization below and defining it beside the object it works
// on. A number past the list answers kNotSupported too.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "abi/portcullis/syscalls.h"

struct SyscallArgs {
  uint64_t word[kSyscallMaxArgs];  // rdi, rsi, rdx, r10, r8, r9
};

// Returned in rax:rdx by the C ABI (a 16-byte aggregate of two integers), which is what the entry
// passes back to user space as is.
struct SyscallReturn {
  uint64_t status;  // a Status
  uint64_t extra;   // the list's extra result, or 0
};

constexpr SyscallReturn syscall_return(Status status, uint64_t extra = 0) {
  return SyscallReturn{static_cast<uint64_t>(static_cast<uint32_t>(status)), extra};
}

template <Syscall kCall>
SyscallReturn handle_syscall(const SyscallArgs&) {
  return syscall_return(Status::kNotSupported);
}

// The calls implemented so far.
template <>
SyscallReturn handle_syscall<Syscall::debug_write>(const SyscallArgs& args);  // debug_calls.cc
template <>
SyscallReturn handle_syscall<Syscall::null>(const SyscallArgs& args);  // debug_calls.cc
template <>
SyscallReturn handle_syscall<Syscall::thread_exit>(
    const SyscallArgs& args);  // kernel/object/user_thread.cc
// thread_calls.cc: a new thread in the calling task; the calling thread's FS base and yield.
template <>
SyscallReturn handle_syscall<Syscall::thread_create>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::thread_set_fs_base>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::thread_yield>(const SyscallArgs& args);
// clock_calls.cc: the monotonic clock.
template <>
SyscallReturn handle_syscall<Syscall::monotonic_ns>(const SyscallArgs& args);
// cap_calls.cc: the calling task's capability space.
template <>
SyscallReturn handle_syscall<Syscall::cap_copy>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::cap_move>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::cap_delete>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::cap_revoke>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::cap_type>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::cap_identify>(const SyscallArgs& args);
// task_calls.cc: tasks made from Module capabilities, and their start and end.
template <>
SyscallReturn handle_syscall<Syscall::task_spawn>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::task_grant>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::task_start>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::task_wait>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::task_kill>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::task_share_ports>(const SyscallArgs& args);
// vm_calls.cc: vm_batch on an AddressSpace capability with frames from a Frames capability.
template <>
SyscallReturn handle_syscall<Syscall::vm_batch>(const SyscallArgs& args);
// vm_calls.cc: what an AddressSpace capability's page tables map (memsrv's check).
template <>
SyscallReturn handle_syscall<Syscall::vm_lookup>(const SyscallArgs& args);
// io_port_calls.cc: IoPorts capabilities opened and closed in the calling task.
template <>
SyscallReturn handle_syscall<Syscall::io_ports_enable>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::io_ports_disable>(const SyscallArgs& args);
// io_bitmap_calls.cc: IoBitmap capabilities, several tasks' shared ports.
template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_create>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_add>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_remove>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::io_bitmap_attach>(const SyscallArgs& args);
// io_port_access_calls.cc: port I/O by the kernel on an IoPorts capability, enabled or not.
template <>
SyscallReturn handle_syscall<Syscall::io_in>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::io_out>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::io_vector>(const SyscallArgs& args);
// io_counters_calls.cc: the I/O-port counters of one CPU or of all.
template <>
SyscallReturn handle_syscall<Syscall::io_counters>(const SyscallArgs& args);
// vm_counters_calls.cc: an address space's vm_batch counters.
template <>
SyscallReturn handle_syscall<Syscall::vm_counters>(const SyscallArgs& args);
// kernel_stats_calls.cc: the kernel's memory and live objects, for leak checks.
template <>
SyscallReturn handle_syscall<Syscall::kernel_stats>(const SyscallArgs& args);
// fault_inject_calls.cc: failing kernel allocations on purpose, in the calling task's syscalls.
template <>
SyscallReturn handle_syscall<Syscall::fault_inject>(const SyscallArgs& args);
// system_info_calls.cc: the kernel's state, read through a SystemInfo capability.
template <>
SyscallReturn handle_syscall<Syscall::system_info>(const SyscallArgs& args);
// supervisor_calls.cc: where a task's fault messages go.
template <>
SyscallReturn handle_syscall<Syscall::task_set_supervisor>(const SyscallArgs& args);

extern "C" SyscallReturn syscall_dispatch(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                                          uint64_t a4, uint64_t a5, uint64_t number);
// wait_calls.cc: the wait table, keyed by the calling task's address space.
template <>
SyscallReturn handle_syscall<Syscall::wait_while_equal>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::wake_waiters>(const SyscallArgs& args);
// ipc_calls.cc: endpoints named by a slot of the calling task's capability space.
template <>
SyscallReturn handle_syscall<Syscall::ipc_call>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::ipc_call_timed>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::ipc_receive>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::ipc_reply_receive>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::ipc_send>(const SyscallArgs& args);
template <>
SyscallReturn handle_syscall<Syscall::endpoint_create>(const SyscallArgs& args);
