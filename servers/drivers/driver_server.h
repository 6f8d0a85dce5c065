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

// `message` becomes the answer with `status` in its label and nothing else (the handler then adds
// its words).
inline void begin_answer(IpcMessage* message, Status status) {
  *message = IpcMessage{};
  message->label = static_cast<uint64_t>(status);
}

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

  // Answers the protocol's open (words[0] of the answer: the session) or close request in place
  // and returns true; false for any other request, which the driver answers itself.
  bool answer_open_or_close(IpcMessage* message, uint64_t open_label, uint64_t close_label) {
    if (message->label == open_label) {
      uint64_t id = 0;
      const Status s = open(&id);
      begin_answer(message, s);
      if (s == Status::kOk) {
        message->word_count = 1;
        message->words[0] = id;
      }
      return true;
    }
    if (message->label != close_label) return false;
    Status s = check(*message, 1);
    if (s == Status::kOk) s = close(message->words[0]);
    begin_answer(message, s);
    return true;
  }

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
