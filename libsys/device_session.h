// sys::DeviceSession: a session with one of the device servers (the rtc, pci and disk protocols,
// libsys/rtc_protocol.h and the others), over an endpoint the program holds in a slot it keeps
// (the session never deletes it). Every request names the session in words[0]; the answer's
// label is the server's Status. The destructor closes the session if close() was not called, so
// a server started with clients=N counts each session once, however its user returns.
//
// Every call has a deadline (ipc_call_timed, kDeviceAnswerTimeoutNs): a server that was killed or
// is stuck makes the call return kTimedOut instead of waiting for ever (init keeps a copy of every
// named endpoint, so a dead server's endpoint stays open and a plain call would never end). So
// that kTimedOut always means "no answer", a server's own kTimedOut answer (a device that never
// became ready) comes back as kBusy. A request that got no answer ends the session without a
// close (the server is gone or stuck; a close would only wait again).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/result.h"

namespace sys {

// How long a device server has to answer one call: guest time, far above any answer's (a disk
// read is milliseconds).
inline constexpr uint64_t kDeviceAnswerTimeoutNs = 5'000'000'000;

class DeviceSession {
 public:
  struct Labels {
    uint64_t open;
    uint64_t close;
  };

  // Opens a session on the endpoint in `endpoint_slot`: kBadHandle for an empty slot, kWrongType
  // if it holds no endpoint (ipc_call's answers), kTimedOut if the server did not answer within
  // kDeviceAnswerTimeoutNs, else the server's.
  [[nodiscard]] static Result<DeviceSession> open(uint32_t endpoint_slot, Labels labels);
  ~DeviceSession() { (void)close(); }
  DeviceSession(DeviceSession&& other)
      : endpoint_slot_(other.endpoint_slot_), labels_(other.labels_), session_(other.session_) {
    other.session_ = 0;
  }
  DeviceSession& operator=(DeviceSession&&) = delete;
  DeviceSession(const DeviceSession&) = delete;
  DeviceSession& operator=(const DeviceSession&) = delete;

  // Calls `label` with the session in words[0] and `args` (at most kIpcMessageWords - 1) after
  // it; the answer replaces `message`. The server's Status, or the call's when it failed
  // (kTimedOut: no answer in time, and the session is over).
  [[nodiscard]] Status request(uint64_t label, const uint64_t* args, size_t arg_count,
                               IpcMessage* message) const;
  // Ends the session; kBadState if it is closed already.
  [[nodiscard]] Status close();

 private:
  DeviceSession(uint32_t endpoint_slot, Labels labels, uint64_t session)
      : endpoint_slot_(endpoint_slot), labels_(labels), session_(session) {}

  uint32_t endpoint_slot_;
  Labels labels_;
  // 0: closed. Mutable: a request (const, like the clients' queries) that gets no answer ends it.
  mutable uint64_t session_;
};

}  // namespace sys
