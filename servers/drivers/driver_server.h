// What the drivers that serve their device share (cmos_rtc, pci and ata_pio with `serve`,
// docs/drivers.md): the table of sessions their protocols open and close (libsys/rtc_protocol.h
// and the others), and the loop that receives a request, answers it and exits once `clients`
// sessions have closed. A request never stops a driver: whatever arrives is answered with a
// Status, capabilities sent along are deleted, and a message sent without a call (nothing to
// answer) is dropped.
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"

class DriverSessions {
 public:
  static constexpr uint32_t kMaxSessions = 8;

  // A free session's number (1 to kMaxSessions) in *id; kNoSpace if every one is open.
  Status open(uint64_t* id) {
    for (uint32_t i = 0; i < kMaxSessions; ++i) {
      if (!open_[i]) {
        open_[i] = true;
        *id = i + 1;
        return Status::kOk;
      }
    }
    return Status::kNoSpace;
  }

  bool is_open(uint64_t id) const { return id >= 1 && id <= kMaxSessions && open_[id - 1]; }

  // kBadHandle if `id` names no open session.
  Status close(uint64_t id) {
    if (!is_open(id)) return Status::kBadHandle;
    open_[id - 1] = false;
    ++closed_;
    return Status::kOk;
  }

  uint32_t closed() const { return closed_; }

  // The request's session check, the same in every protocol: words[0] names an open session
  // (kInvalidArgument if the message carries fewer than `words` words, kBadHandle if not).
  Status check(const IpcMessage& request, uint32_t words) const {
    if (request.word_count < words || words < 1) return Status::kInvalidArgument;
    return is_open(request.words[0]) ? Status::kOk : Status::kBadHandle;
  }

 private:
  bool open_[kMaxSessions] = {};
  uint32_t closed_ = 0;
};

// `message` becomes the answer with `status` in its label and nothing else (the handler then adds
// its words).
inline void begin_answer(IpcMessage* message, Status status) {
  *message = IpcMessage{};
  message->label = static_cast<uint64_t>(status);
}
