// The receive loop of the drivers that serve their device (docs/drivers.md): receive a request,
// let the driver turn it into its answer, reply and receive the next, until `clients` sessions
// have closed (0: until the system stops). Nothing a client sends ends it: capabilities that came
// along are deleted before the driver looks at the message (a client cannot fill the driver's
// space), and a message sent with ipc_send has no caller to answer, so the reply fails with
// kBadState and the loop receives again.
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "libsys/endpoint.h"
#include "libsys/syscall_stubs.h"
#include "servers/drivers/driver_server.h"

// `handle(IpcMessage*)` answers a request in place.
template <typename Handler>
Status serve_requests(const sys::Endpoint& endpoint, const DriverSessions& sessions,
                      uint32_t clients, Handler handle) {
  IpcMessage message;
  Status received = endpoint.receive(message);
  for (;;) {
    if (received != Status::kOk) return received;
    for (uint32_t i = 0; i < message.cap_count && i < kIpcMessageCaps; ++i) {
      (void)sys_cap_delete(message.caps[i]);
    }
    handle(&message);
    if (clients != 0 && sessions.closed() >= clients) {
      // The last answer: nothing is left to receive (timeout 0 answers kTimedOut).
      (void)endpoint.reply_receive(message, 0);
      return Status::kOk;
    }
    received = endpoint.reply_receive(message);
    // No call to answer (the message was sent, not called): receive the next one.
    if (received == Status::kBadState) received = endpoint.receive(message);
  }
}
