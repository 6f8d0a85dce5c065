// sys::RtcClient: a program's side of the real-time clock server's protocol
// (libsys/rtc_protocol.h), a session over the endpoint in a slot the program keeps.
#pragma once

#include <stdint.h>
#include <utility>

#include "base/result.h"
#include "libsys/device_session.h"
#include "libsys/rtc_protocol.h"

namespace sys {

class RtcClient {
 public:
  [[nodiscard]] static Result<RtcClient> open(uint32_t endpoint_slot) {
    return RtcClient(TRY(DeviceSession::open(endpoint_slot, {kRtcOpen, kRtcClose})));
  }

  // The clock's date and time; kBadState also for an answer that holds none.
  [[nodiscard]] Result<DateTime> read() const {
    IpcMessage message;
    TRY(session_.request(kRtcRead, nullptr, 0, &message));
    DateTime time;
    if (message.word_count < 2 || !rtc_unpack_time(message.words[0], &time)) {
      return Status::kBadState;
    }
    return time;
  }

  [[nodiscard]] Status close() { return session_.close(); }

 private:
  explicit RtcClient(DeviceSession session) : session_(std::move(session)) {}

  DeviceSession session_;
};

}  // namespace sys
