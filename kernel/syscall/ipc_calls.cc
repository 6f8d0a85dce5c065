// ipc_call, ipc_receive and ipc_reply_receive on an Endpoint capability of the calling task.
// Decode, then invoke, in the order of the other capability calls: the slot word, the capability
// (kBadHandle, kWrongType, kAccessDenied without kCapWrite to call or kCapRead to receive), the
// message pointer (the user-pointer answers; kNotFound if a page of it is not mapped writable),
// the message's fields (kInvalidArgument: counts above the limits, reserved fields not 0), the
// timeout (kInvalidArgument), and the capabilities it carries (kBadHandle, kAccessDenied without
// kCapGrant).
//
// ipc_call invokes Endpoint::call. The receiving side needs the server's ReplyToken to outlive
// the syscall, which needs a user thread to keep it in: until user threads exist ipc_receive and
// ipc_reply_receive decode every argument and then answer kNotSupported.
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/timeout_word.h"
#include "kernel/syscall/user_memory.h"

namespace {

struct DecodedIpc {
  RefPtr<Endpoint> endpoint;
  IpcMessage message;
};

Result<DecodedIpc> decode_ipc(Task& task, const SyscallArgs& args, uint32_t right) {
  const uint32_t slot = TRY(decode_slot(args.word[0]));
  CapLookup cap = TRY(task.cap_space().lookup(slot, CapabilityType::kEndpoint, right));
  DecodedIpc d;
  d.endpoint = object_cast<Endpoint>(cap.object);
  const uint64_t user_message = args.word[1];
  TRY(check_user_range(user_message, sizeof(IpcMessage)));
  TRY(copy_from_user(&d.message, user_message, sizeof(IpcMessage)));
  // The answer is written back here: the page must take it before anything happens.
  TRY(copy_to_user(user_message, &d.message, sizeof(IpcMessage)));
  const IpcMessage& m = d.message;
  if (m.word_count > kIpcMessageWords || m.cap_count > kIpcMessageCaps || m.reserved0 != 0 ||
      m.reserved1 != 0) {
    return Status::kInvalidArgument;
  }
  return d;
}

IpcPayload payload_of(const IpcMessage& m) {
  IpcPayload p;
  p.label = m.label;
  p.word_count = m.word_count;
  p.cap_count = m.cap_count;
  for (uint32_t i = 0; i < m.word_count; ++i) p.words[i] = m.words[i];
  for (uint32_t i = 0; i < m.cap_count; ++i) p.caps[i] = m.caps[i];
  return p;
}

IpcMessage message_of(const IpcPayload& p) {
  IpcMessage m;
  m.label = p.label;
  m.word_count = static_cast<uint8_t>(p.word_count);
  m.cap_count = static_cast<uint8_t>(p.cap_count);
  for (uint32_t i = 0; i < p.word_count; ++i) m.words[i] = p.words[i];
  for (uint32_t i = 0; i < p.cap_count; ++i) m.caps[i] = p.caps[i];
  return m;
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::ipc_call>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<DecodedIpc> decoded = decode_ipc(*task, args, kCapWrite);
  if (decoded.is_error()) return syscall_return(decoded.status());
  IpcPayload payload = payload_of(decoded.value().message);
  if (const Status s = check_ipc_payload(payload, &task->cap_space()); s != Status::kOk)
    return syscall_return(s);
  // Invoke: blocks until the reply (or the endpoint's death, kBadState).
  if (const Status s = decoded.value().endpoint->call(payload, &task->cap_space());
      s != Status::kOk) {
    return syscall_return(s);
  }
  const IpcMessage reply = message_of(payload);
  return syscall_return(copy_to_user(args.word[1], &reply, sizeof reply));
}

namespace {

SyscallReturn decode_receive(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<DecodedIpc> decoded = decode_ipc(*task, args, kCapRead);
  if (decoded.is_error()) return syscall_return(decoded.status());
  const Result<uint64_t> ticks = decode_timeout_ns(args.word[2]);
  if (ticks.is_error()) return syscall_return(ticks.status());
  return syscall_return(Status::kNotSupported);
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::ipc_receive>(const SyscallArgs& args) {
  return decode_receive(args);
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_reply_receive>(const SyscallArgs& args) {
  return decode_receive(args);
}
