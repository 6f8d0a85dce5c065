// The short IPC calls' stubs: the message travels in registers both ways (rsi the label; rdx,
// r10, r8, r9 the words; rdi the received word count), which the generic stubs of
// libsys/syscall_stubs.h cannot express (they return rax and rdx only). docs/ipc.md, "Short
// messages", has the rules; sys::Endpoint (libsys/endpoint.h) wraps these.
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "abi/portcullis/syscalls.h"

namespace syscall_detail {

// On kOk the answer replaces `message`; on an error `message` is unchanged.
inline Status invoke_short_ipc(Syscall number, uint32_t endpoint_slot, IpcShortMessage& message) {
  uint64_t rax = static_cast<uint64_t>(number);
  uint64_t rdi = endpoint_slot;
  uint64_t rsi = message.label;
  register uint64_t rdx asm("rdx") = message.words[0];
  register uint64_t r10 asm("r10") = message.words[1];
  register uint64_t r8 asm("r8") = message.words[2];
  register uint64_t r9 asm("r9") = message.words[3];
  asm volatile("syscall"
               : "+a"(rax), "+D"(rdi), "+S"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8), "+r"(r9)
               :
               : "rcx", "r11", "memory");
  const auto status = static_cast<Status>(rax);
  if (status != Status::kOk) return status;
  message.label = rsi;
  message.words[0] = rdx;
  message.words[1] = r10;
  message.words[2] = r8;
  message.words[3] = r9;
  // ipc_call_short leaves rdi as it was (the slot); only a receive reports a count there.
  message.word_count =
      number == Syscall::ipc_reply_receive_short ? static_cast<uint32_t>(rdi) : kIpcMessageWords;
  return status;
}

}  // namespace syscall_detail

// Calls the Endpoint with `message` (label and four words) and waits for the answer, which
// replaces it.
inline Status sys_ipc_call_short_message(uint32_t endpoint_slot, IpcShortMessage& message) {
  return syscall_detail::invoke_short_ipc(Syscall::ipc_call_short, endpoint_slot, message);
}

// Answers the thread's pending call with `message` (if it holds one), then waits without a time
// limit for the next message, which replaces it.
inline Status sys_ipc_reply_receive_short_message(uint32_t endpoint_slot,
                                                  IpcShortMessage& message) {
  return syscall_detail::invoke_short_ipc(Syscall::ipc_reply_receive_short, endpoint_slot, message);
}
