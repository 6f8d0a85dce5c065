// The system call list: the one place a syscall's number, name, arguments and extra result are
// written. The kernel's dispatch table (kernel/syscall/syscall_table.h) and libsys's stubs
// (libsys/syscall_stubs.h) are both expanded from it, and docs/syscalls.md's table is generated
// from it (test/harness/syscall_doc.py; the test command checks that the two agree).
//
// Calling convention (x86-64 SYSCALL): the number in rax; arguments in rdi, rsi, rdx, r10, r8, r9
// (r10 instead of rcx, which SYSCALL overwrites), at most 6; the Status in rax, and one extra
// result word in rdx where the list names one. rcx and r11 are clobbered, every other register
// survives. The short IPC calls (ipc_call_short, ipc_reply_receive_short) are the exception: their
// answer is a whole message in the argument registers (docs/ipc.md, "Short messages").
//
// X(number, name, "argument, ...", "extra result in rdx or empty"). Numbers are dense and never
// reused: a call that goes away keeps its number, retired. The list is what the first user-space
// milestone needs (capabilities, I/O ports, vm_batch, IPC, threads, wait/wake); a call whose
// kernel object does not exist yet answers kNotSupported (docs/syscalls.md says which).
#pragma once

#include <stdint.h>

#define PORTCULLIS_SYSCALLS(X)                                                                     \
  X(0, debug_write, "text, length", "")                                                            \
  X(1, cap_copy, "slot, target_slot, rights, flags, base, count", "slot")                          \
  X(2, cap_delete, "slot", "")                                                                     \
  X(3, cap_revoke, "slot", "removed")                                                              \
  X(4, cap_type, "slot", "type")                                                                   \
  X(5, io_ports_enable, "io_ports_slot", "")                                                       \
  X(6, io_ports_disable, "io_ports_slot", "")                                                      \
  X(7, vm_batch, "address_space_slot, frames_slot, ops, count", "bad_index")                       \
  X(8, ipc_call, "endpoint_slot, message", "")                                                     \
  X(9, ipc_reply_receive, "endpoint_slot, message, timeout_ns", "")                                \
  X(10, ipc_receive, "endpoint_slot, message, timeout_ns", "")                                     \
  X(11, thread_create, "address_space_slot, entry, stack_top, target_slot, priority, cpu", "slot") \
  X(12, thread_exit, "", "")                                                                       \
  X(13, wait_while_equal, "word, expected, timeout_ns", "")                                        \
  X(14, wake_waiters, "word, count", "woken")                                                      \
  X(15, monotonic_ns, "", "nanoseconds")                                                           \
  X(16, null, "", "")                                                                              \
  X(17, cap_identify, "slot, identity", "")                                                        \
  X(18, cap_move, "slot, target_slot", "slot")                                                     \
  X(19, task_set_supervisor, "task_slot, endpoint_slot", "")                                       \
  X(20, task_spawn, "module_slot, line, line_length, target_slot", "")                             \
  X(21, task_grant, "task_slot, slot, target_slot, rights", "")                                    \
  X(22, task_start, "task_slot", "")                                                               \
  X(23, task_wait, "task_slot", "end")                                                             \
  X(24, endpoint_create, "target_slot", "slot")                                                    \
  X(25, ipc_send, "endpoint_slot, message", "")                                                    \
  X(26, thread_set_fs_base, "base", "")                                                            \
  X(27, thread_yield, "", "")                                                                      \
  X(28, ipc_call_short, "endpoint_slot, label, word0, word1, word2, word3", "word0")               \
  X(29, ipc_reply_receive_short, "endpoint_slot, label, word0, word1, word2, word3", "word0")      \
  X(30, task_share_ports, "task_slot", "")                                                         \
  X(31, io_bitmap_create, "target_slot", "slot")                                                   \
  X(32, io_bitmap_add, "io_bitmap_slot, io_ports_slot", "")                                        \
  X(33, io_bitmap_remove, "io_bitmap_slot, io_ports_slot", "")                                     \
  X(34, io_bitmap_attach, "io_bitmap_slot", "")                                                    \
  X(35, io_in, "io_ports_slot, port, width", "value")                                              \
  X(36, io_out, "io_ports_slot, port, width, value", "")                                           \
  X(37, io_vector, "io_ports_slot, ops, count", "bad_index")                                       \
  X(38, io_counters, "cpu, counters", "cpus")                                                      \
  X(39, task_address_space, "task_slot, target_slot", "slot")                                      \
  X(40, vm_lookup, "address_space_slot, va, count, entries", "")                                   \
  X(41, vm_counters, "address_space_slot, counters", "")                                           \
  X(42, task_set_priority, "task_slot, priority", "")                                              \
  X(43, kernel_stats, "stats", "")                                                                 \
  X(44, fault_inject, "kinds, after, count", "injected")                                           \
  X(45, task_kill, "task_slot", "")                                                                \
  X(46, system_info, "info_slot, topic, arg, buffer, capacity", "total")                           \
  X(47, ipc_call_timed, "endpoint_slot, message, timeout_ns", "")

enum class Syscall : uint32_t {
#define PORTCULLIS_SYSCALL_ENUM(number, name, args, extra) name = number,
  PORTCULLIS_SYSCALLS(PORTCULLIS_SYSCALL_ENUM)
#undef PORTCULLIS_SYSCALL_ENUM
};

// One more than the highest number.
inline constexpr uint32_t kSyscallCount = 0
#define PORTCULLIS_SYSCALL_COUNT(number, name, args, extra) +1
    PORTCULLIS_SYSCALLS(PORTCULLIS_SYSCALL_COUNT)
#undef PORTCULLIS_SYSCALL_COUNT
    ;

inline constexpr uint32_t kSyscallMaxArgs = 6;

// How many arguments an argument list names ("" is none): the arity comes from the names, so the
// two cannot disagree.
constexpr uint32_t syscall_arity(const char* args) {
  if (args[0] == '\0') return 0;
  uint32_t n = 1;
  for (const char* c = args; *c != '\0'; ++c) n += *c == ',' ? 1 : 0;
  return n;
}
