// sys::Endpoint: an IPC endpoint the program holds (its capability owned by a sys::Cap, deleted
// with it) and the IPC calls on it, each one syscall that returns the kernel's Status
// (docs/ipc.md has the rules: the reply rule, where capabilities land; docs/syscalls.md every
// answer). Timeouts are in nanoseconds; kWaitForever (libsys/wait_wake.h) waits without limit.
#pragma once

#include <stdint.h>
#include <utility>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/cap.h"
#include "libsys/short_ipc.h"
#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"

namespace sys {

class Endpoint {
 public:
  // endpoint_create into the lowest free slot: receive, call/send and grant rights.
  [[nodiscard]] static Result<Endpoint> create();
  // Takes over a capability the program received (ipc, task_grant); nothing is checked here: a
  // slot of another type answers kWrongType on the first call.
  explicit Endpoint(Cap cap) : cap_(std::move(cap)) {}

  uint32_t slot() const { return cap_.slot(); }
  const Cap& cap() const { return cap_; }

  // Sends `message` and waits for the answer, which replaces it.
  [[nodiscard]] Status call(IpcMessage& message) const {
    return sys_ipc_call(cap_.slot(), &message).status;
  }
  // call() with a deadline for the whole call, queued or served: kTimedOut once `timeout_ns` has
  // passed without an answer (the server's late answer then goes nowhere); 0 is refused
  // (kInvalidArgument), kWaitForever waits as call().
  [[nodiscard]] Status call(IpcMessage& message, uint64_t timeout_ns) const {
    return sys_ipc_call_timed(cap_.slot(), &message, timeout_ns).status;
  }
  // Delivers `message` only if a receiver waits (kNotFound at once otherwise); no answer.
  [[nodiscard]] Status send(const IpcMessage& message) const {
    return sys_ipc_send(cap_.slot(), &message).status;
  }
  // Drops the call this thread holds, then waits up to `timeout_ns` for a message into `message`;
  // a call received is the thread's to answer with reply_receive.
  [[nodiscard]] Status receive(IpcMessage& message, uint64_t timeout_ns = kWaitForever) const {
    return sys_ipc_receive(cap_.slot(), &message, timeout_ns).status;
  }
  // Answers the held call with `message`, then receives into it as receive().
  [[nodiscard]] Status reply_receive(IpcMessage& message,
                                     uint64_t timeout_ns = kWaitForever) const {
    return sys_ipc_reply_receive(cap_.slot(), &message, timeout_ns).status;
  }
  // The short forms (docs/ipc.md, "Short messages"): the label and four words in registers, no
  // capabilities. call_short waits for the answer, which replaces `message`; reply_receive_short
  // answers the held call (if any) and waits without a time limit for the next message.
  [[nodiscard]] Status call_short(IpcShortMessage& message) const {
    return sys_ipc_call_short_message(cap_.slot(), message);
  }
  [[nodiscard]] Status reply_receive_short(IpcShortMessage& message) const {
    return sys_ipc_reply_receive_short_message(cap_.slot(), message);
  }

 private:
  Cap cap_;
};

inline Result<Endpoint> Endpoint::create() {
  const SyscallResult r = sys_endpoint_create(kCapSlotAny);
  if (r.status != Status::kOk) return r.status;
  return Endpoint(Cap(static_cast<uint32_t>(r.extra)));
}

}  // namespace sys
