// The short IPC calls: ipc_call_short and ipc_reply_receive_short carry a message in the argument
// registers (docs/ipc.md, "Short messages") and answer with one there: no IpcMessage in user
// memory, nothing to copy in or out, nothing to decode but the slot. The common call/reply of a
// server protocol fits (a label and four words); capabilities and anything larger take ipc_call.
//
// Registers, both calls: rdi the Endpoint slot, rsi the label, rdx, r10, r8, r9 the four words.
// On kOk the answer's label is in rsi and its words in rdx, r10, r8, r9; ipc_reply_receive_short
// also puts the received message's word count in rdi (a sender using ipc_call may send fewer than
// four; the words it did not send read 0).
#include "abi/portcullis/rights.h"
#include "kernel/arch/arch.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/object/user_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"

namespace {

IpcShortMessage short_message_of(const SyscallArgs& args) {
  IpcShortMessage m;
  m.label = args.word[1];
  for (uint32_t i = 0; i < kIpcMessageWords; ++i) m.words[i] = args.word[2 + i];
  return m;
}

// The answer in the argument registers; word 0 travels as the extra result (rdx).
SyscallReturn answer_with(const IpcShortMessage& m) {
  arch::set_syscall_argument_word(1, m.label);
  arch::set_syscall_argument_word(3, m.words[1]);
  arch::set_syscall_argument_word(4, m.words[2]);
  arch::set_syscall_argument_word(5, m.words[3]);
  return syscall_return(Status::kOk, m.words[0]);
}

Result<RefPtr<Endpoint>> endpoint_of(Task& task, uint64_t slot_word, uint32_t right) {
  const uint32_t slot = TRY(decode_slot(slot_word));
  CapLookup cap = TRY(task.cap_space().lookup(slot, CapabilityType::kEndpoint, right));
  return object_cast<Endpoint>(cap.object);
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::ipc_call_short>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<RefPtr<Endpoint>> endpoint = endpoint_of(*task, args.word[0], kCapWrite);
  if (endpoint.is_error()) return syscall_return(endpoint.status());
  IpcShortMessage m = short_message_of(args);
  const Status status = endpoint.value()->call_short(m);
  user_thread_check_killed();
  return status == Status::kOk ? answer_with(m) : syscall_return(status);
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_reply_receive_short>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<RefPtr<Endpoint>> endpoint = endpoint_of(*task, args.word[0], kCapRead);
  if (endpoint.is_error()) return syscall_return(endpoint.status());
  IpcShortMessage m = short_message_of(args);
  const Status status = endpoint.value()->reply_receive_short(sched::current()->reply_token(), m);
  user_thread_check_killed();
  if (status != Status::kOk) return syscall_return(status);
  arch::set_syscall_argument_word(0, m.word_count);
  return answer_with(m);
}
