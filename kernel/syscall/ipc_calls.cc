// The IPC calls on an Endpoint capability of the calling task: endpoint_create, ipc_call,
// ipc_call_timed, ipc_send, ipc_receive and ipc_reply_receive. Decode, then invoke, in the order
// of the other capability calls: the slot word, the capability (kBadHandle, kWrongType,
// kAccessDenied without kCapWrite to call or send, kCapRead to receive), the message pointer (the
// user-pointer answers; kNotFound if a page of it is not mapped writable), the message's fields
// (kInvalidArgument: counts above the limits, reserved fields not 0; not for ipc_receive, whose
// message is only written), the timeout (kInvalidArgument; for ipc_call_timed also 0), the
// capabilities it carries (kBadHandle, kAccessDenied without kCapGrant), and for
// ipc_reply_receive a call to answer (kBadState).
//
// The receiving thread keeps the call it answers in its Thread (seL4's implicit reply): one at a
// time, so a receive drops an unanswered call (its caller fails with kBadState), and so does the
// thread's exit. Capabilities that arrive, with a request or a reply, land in the lowest free
// slots of the receiver's space, and the message's caps[] names them.
//
// A blocked call is killable: when the task is killed (Task::kill), the wait ends and the thread
// exits here, on its way back (user_thread_check_killed), without returning to ring 3.
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "kernel/arch/arch.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/object/user_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/timeout_word.h"
#include "kernel/syscall/user_memory.h"

static_assert(kForeverTicks == kIpcWaitForever, "one 'no timeout' value for decoder and endpoint");

namespace {

enum class MessageUse : uint8_t {
  kRead,       // the message is read (and written back on return)
  kWriteOnly,  // ipc_receive: only written
};

struct DecodedIpc {
  RefPtr<Endpoint> endpoint;
  uint64_t badge = 0;  // the capability's: what a request sent through it carries
  IpcMessage message;
};

Result<DecodedIpc> decode_ipc(Task& task, const SyscallArgs& args, uint32_t right, MessageUse use) {
  const uint32_t slot = TRY(decode_slot(args.word[0]));
  CapLookup cap = TRY(task.cap_space().lookup(slot, CapabilityType::kEndpoint, right));
  DecodedIpc d;
  d.endpoint = object_cast<Endpoint>(cap.object);
  d.badge = cap.info.badge;
  const uint64_t user_message = args.word[1];
  TRY(check_user_range(user_message, sizeof(IpcMessage)));
  TRY(copy_from_user(&d.message, user_message, sizeof(IpcMessage)));
  // The answer is written back here: the page(s) must take it before anything happens. Writing
  // back the first and the last byte probes both pages the 64 bytes may touch.
  const auto* bytes = reinterpret_cast<const uint8_t*>(&d.message);
  TRY(copy_to_user(user_message, bytes, 1));
  TRY(copy_to_user(user_message + sizeof(IpcMessage) - 1, bytes + sizeof(IpcMessage) - 1, 1));
  if (use == MessageUse::kWriteOnly) return d;
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

// A message to receive into: every capability it may bring goes to the lowest free slot.
IpcPayload receive_payload() {
  IpcPayload p;
  p.cap_count = kIpcMessageCaps;
  for (uint32_t i = 0; i < kIpcMessageCaps; ++i) p.caps[i] = CapSpace::kAnySlot;
  return p;
}

// The badge is the kernel's (the sender's capability's), never the sender's word.
IpcMessage message_of(const IpcPayload& p) {
  IpcMessage m;
  m.label = p.label;
  m.badge = p.badge;
  m.word_count = static_cast<uint8_t>(p.word_count);
  m.cap_count = static_cast<uint8_t>(p.cap_count);
  for (uint32_t i = 0; i < p.word_count; ++i) m.words[i] = p.words[i];
  for (uint32_t i = 0; i < p.cap_count; ++i) m.caps[i] = p.caps[i];
  return m;
}

Status write_message(uint64_t user_message, const IpcPayload& p) {
  const IpcMessage m = message_of(p);
  return copy_to_user(user_message, &m, sizeof m);
}

Status ipc_call(Task& task, const SyscallArgs& args) {
  DecodedIpc d = TRY(decode_ipc(task, args, kCapWrite, MessageUse::kRead));
  IpcPayload payload = payload_of(d.message);
  payload.badge = d.badge;
  TRY(check_ipc_payload(payload, &task.cap_space()));
  // Invoke: blocks until the reply (or the endpoint's death, kBadState).
  TRY(d.endpoint->call(payload, &task.cap_space()));
  return write_message(args.word[1], payload);
}

// ipc_call with a deadline for the whole call (Endpoint::call_until): kTimedOut once timeout_ns
// has passed on the monotonic clock without an answer, the call left as a killed caller leaves it.
// 0 is refused (a call that may not wait is never answered: the server must run to answer);
// UINT64_MAX is no limit, ipc_call itself.
Status ipc_call_timed(Task& task, const SyscallArgs& args) {
  DecodedIpc d = TRY(decode_ipc(task, args, kCapWrite, MessageUse::kRead));
  const uint64_t timeout_ns = args.word[2];
  if (timeout_ns == 0) return Status::kInvalidArgument;
  const uint64_t ticks = TRY(decode_timeout_ns(timeout_ns));
  IpcPayload payload = payload_of(d.message);
  payload.badge = d.badge;
  TRY(check_ipc_payload(payload, &task.cap_space()));
  if (ticks == kForeverTicks) {
    TRY(d.endpoint->call(payload, &task.cap_space()));
  } else {
    // timeout_ns <= 2^62 (decoded above): the sum cannot wrap.
    const uint64_t deadline_ns = arch::monotonic_ns() + timeout_ns;
    TRY(d.endpoint->call_until(payload, &task.cap_space(), deadline_ns));
  }
  return write_message(args.word[1], payload);
}

Status ipc_send(Task& task, const SyscallArgs& args) {
  DecodedIpc d = TRY(decode_ipc(task, args, kCapWrite, MessageUse::kRead));
  IpcPayload payload = payload_of(d.message);
  payload.badge = d.badge;
  TRY(check_ipc_payload(payload, &task.cap_space()));
  return d.endpoint->send(payload, &task.cap_space());
}

// ipc_receive (answer == false) and ipc_reply_receive.
Status ipc_receive(Task& task, const SyscallArgs& args, bool answer) {
  DecodedIpc d =
      TRY(decode_ipc(task, args, kCapRead, answer ? MessageUse::kRead : MessageUse::kWriteOnly));
  const uint64_t ticks = TRY(decode_timeout_ns(args.word[2]));
  ReplyToken& token = sched::current()->reply_token();
  IpcPayload request = receive_payload();
  if (answer) {
    const IpcPayload reply = payload_of(d.message);
    TRY(check_ipc_payload(reply, &task.cap_space()));
    TRY(d.endpoint->reply_receive(token, reply, request, &task.cap_space(), ticks));
  } else {
    TRY(d.endpoint->receive(request, &task.cap_space(), ticks, token));
  }
  return write_message(args.word[1], request);
}

// Runs a call's body, then ends the thread if its task was killed meanwhile (a killable wait
// returned early for that): the body's locals are gone by then.
template <typename Body>
SyscallReturn run_ipc(Body body) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Status status = body(*task);
  user_thread_check_killed();
  return syscall_return(status);
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::endpoint_create>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const Result<uint32_t> target = decode_slot(args.word[0]);
  if (target.is_error()) return syscall_return(target.status());
  Result<RefPtr<Endpoint>> endpoint = Endpoint::create();
  if (endpoint.is_error()) return syscall_return(endpoint.status());
  // Every right an endpoint has: receive, call and send, and passing it on.
  const Result<uint32_t> slot =
      task->cap_space().insert(target.value(), CapabilityType::kEndpoint, endpoint.value(),
                               kCapRead | kCapWrite | kCapGrant);
  if (slot.is_error()) return syscall_return(slot.status());  // the endpoint is freed
  return syscall_return(Status::kOk, slot.value());
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_call>(const SyscallArgs& args) {
  return run_ipc([&](Task& task) { return ipc_call(task, args); });
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_call_timed>(const SyscallArgs& args) {
  return run_ipc([&](Task& task) { return ipc_call_timed(task, args); });
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_send>(const SyscallArgs& args) {
  return run_ipc([&](Task& task) { return ipc_send(task, args); });
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_receive>(const SyscallArgs& args) {
  return run_ipc([&](Task& task) { return ipc_receive(task, args, /*answer=*/false); });
}

template <>
SyscallReturn handle_syscall<Syscall::ipc_reply_receive>(const SyscallArgs& args) {
  return run_ipc([&](Task& task) { return ipc_receive(task, args, /*answer=*/true); });
}
