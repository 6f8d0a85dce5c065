// The short IPC calls: ipc_call_short and ipc_reply_receive_short carry a message in the argument
// registers (docs/ipc.md, "Short messages") and answer with one there: no IpcMessage in user
// memory, nothing to copy in or out, nothing to decode but the slot. The common call/reply of a
// server protocol fits (a label and four words); capabilities and anything larger take ipc_call.
//
// Registers, both calls: rdi the Endpoint slot, rsi the label, rdx, r10, r8, r9 the four words.
// On kOk the answer's label is in rsi and its words in rdx, r10, r8, r9; ipc_reply_receive_short
// also puts the received message's word count in rdi (a sender using ipc_call may send fewer than
// four; the words it did not send read 0).
//
// Badges: a short call carries its capability's badge like a long one (a long receiver sees it in
// IpcMessage.badge), but no register is left to hand it to a short receiver: a server that tells
// clients apart by badge receives with ipc_receive / ipc_reply_receive (docs/ipc.md).
#include <utility>

#include "abi/portcullis/rights.h"
#include "kernel/arch/arch.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/object/user_thread.h"
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

// The Endpoint in the caller's slot `slot_word` with `right`: decode_slot's and
// CapSpace::lookup's answers.
Status endpoint_of(Task& task, uint64_t slot_word, uint32_t right, RefPtr<Endpoint>* endpoint,
                   uint64_t* badge = nullptr) {
  if (slot_word > UINT32_MAX) return Status::kBadHandle;  // as decode_slot
  Status status = Status::kOk;
  KernelObject* object = task.cap_space().acquire_object(
      static_cast<uint32_t>(slot_word), CapabilityType::kEndpoint, right, &status, badge);
  if (object == nullptr) return status;
  *endpoint = RefPtr<Endpoint>::adopt(static_cast<Endpoint*>(object));
  return Status::kOk;
}

// Each call in two parts: the IPC, whose locals (the endpoint's reference) are gone when it
// returns, then the answer, or the end of a thread whose task was killed while it waited (a kill
// ends a wait early with an error; a kOk came from the peer). user_thread_check_killed does not
// return, so nothing may be left to release on the stack at that point.
Status call_short(const SyscallArgs& args, IpcShortMessage& m) {
  Task* task = current_task();
  if (task == nullptr) return Status::kBadState;
  RefPtr<Endpoint> endpoint;
  uint64_t badge = 0;
  TRY(endpoint_of(*task, args.word[0], kCapWrite, &endpoint, &badge));
  m = short_message_of(args);
  return endpoint->call_short(m, badge);
}

Status reply_receive_short(const SyscallArgs& args, IpcShortMessage& m) {
  Task* task = current_task();
  if (task == nullptr) return Status::kBadState;
  RefPtr<Endpoint> endpoint;
  TRY(endpoint_of(*task, args.word[0], kCapRead, &endpoint));
  m = short_message_of(args);
  return endpoint->reply_receive_short(arch::current_thread()->reply_token(), m);
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::ipc_call_short>(const SyscallArgs& args) {
  IpcShortMessage m;
  const Status status = call_short(args, m);
  if (status == Status::kOk) return answer_with(m);
  user_thread_check_killed();
  return syscall_return(status);
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_reply_receive_short>(const SyscallArgs& args) {
  IpcShortMessage m;
  const Status status = reply_receive_short(args, m);
  if (status != Status::kOk) {
    user_thread_check_killed();
    return syscall_return(status);
  }
  arch::set_syscall_argument_word(0, m.word_count);
  return answer_with(m);
}
