// sys::DeviceSession: a session with one of the device servers (the rtc, pci and disk protocols,
// libsys/rtc_protocol.h and the others), over an endpoint the program holds in a slot it keeps
// (the session never deletes it). Every request names the session in words[0]; the answer's
// label is the server's Status. The destructor closes the session if close() was not called, so
// a server started with clients=N counts each session once, however its user returns.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/result.h"

namespace sys {

class DeviceSession {
 public:
  struct Labels {
    uint64_t open;
    uint64_t close;
  };

  // Opens a session on the endpoint in `endpoint_slot`: kBadHandle for an empty slot, kWrongType
  // if it holds no endpoint (ipc_call's answers), else the server's.
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
  // it; the answer replaces `message`. The server's Status, or the call's when it failed.
  [[nodiscard]] Status request(uint64_t label, const uint64_t* args, size_t arg_count,
                               IpcMessage* message) const;
  // Ends the session; kBadState if it is closed already.
  [[nodiscard]] Status close();

 private:
  DeviceSession(uint32_t endpoint_slot, Labels labels, uint64_t session)
      : endpoint_slot_(endpoint_slot), labels_(labels), session_(session) {}

  uint32_t endpoint_slot_;
  Labels labels_;
  uint64_t session_;  // 0: closed
};

}  // namespace sys
