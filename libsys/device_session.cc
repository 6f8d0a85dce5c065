#include "libsys/device_session.h"

#include "libsys/syscall_stubs.h"

namespace sys {

namespace {

// The server's answer: its label carries the Status of the request. kTimedOut only when the server
// did not answer in time (its own kTimedOut comes back as kBusy: device_session.h).
Status call(uint32_t endpoint_slot, IpcMessage* message) {
  const Status s = sys_ipc_call_timed(endpoint_slot, message, kDeviceAnswerTimeoutNs).status;
  if (s != Status::kOk) return s;
  const auto answer = static_cast<Status>(message->label);
  return answer == Status::kTimedOut ? Status::kBusy : answer;
}

}  // namespace

Result<DeviceSession> DeviceSession::open(uint32_t endpoint_slot, Labels labels) {
  IpcMessage message;
  message.label = labels.open;
  TRY(call(endpoint_slot, &message));
  if (message.word_count < 1 || message.words[0] == 0) return Status::kBadState;
  return DeviceSession(endpoint_slot, labels, message.words[0]);
}

Status DeviceSession::request(uint64_t label, const uint64_t* args, size_t arg_count,
                              IpcMessage* message) const {
  if (session_ == 0) return Status::kBadState;
  if (arg_count > kIpcMessageWords - 1) return Status::kInvalidArgument;
  *message = IpcMessage{};
  message->label = label;
  message->words[0] = session_;
  for (size_t i = 0; i < arg_count; ++i) message->words[1 + i] = args[i];
  message->word_count = static_cast<uint8_t>(1 + arg_count);
  const Status s = call(endpoint_slot_, message);
  if (s == Status::kTimedOut) session_ = 0;  // no answer: the server is gone or stuck
  return s;
}

Status DeviceSession::close() {
  if (session_ == 0) return Status::kBadState;
  IpcMessage message;
  message.label = labels_.close;
  message.word_count = 1;
  message.words[0] = session_;
  session_ = 0;
  return call(endpoint_slot_, &message);
}

}  // namespace sys
