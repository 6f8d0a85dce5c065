#include "libsys/serial_client.h"

#include <utility>

#include "libsys/serial_protocol.h"

namespace sys {

namespace {

// The server's answer: its label carries the Status of the request.
Status answer_status(Status call, const IpcMessage& answer) {
  if (call != Status::kOk) return call;
  return static_cast<Status>(answer.label);
}

}  // namespace

Result<SerialClient> SerialClient::open(Endpoint endpoint) {
  IpcMessage message;
  message.label = kSerialOpen;
  if (const Status s = answer_status(endpoint.call(message), message); s != Status::kOk) return s;
  if (message.word_count < 1 || message.words[0] == 0 || message.words[0] > 0xFFFF) {
    return Status::kInvalidArgument;
  }
  return SerialClient(std::move(endpoint), static_cast<uint32_t>(message.words[0]));
}

Status SerialClient::send(uint64_t label, const char* text, size_t length) const {
  if (session_ == 0) return Status::kBadState;
  // kSerialWriteNow flushes once, with the last piece: every piece before it goes as a write.
  do {
    IpcMessage message;
    const size_t n = serial_pack(text, length, session_, &message);
    message.label = n == length ? label : kSerialWrite;
    if (const Status s = answer_status(endpoint_.call(message), message); s != Status::kOk) {
      return s;
    }
    text += n;
    length -= n;
  } while (length > 0);
  return Status::kOk;
}

Status SerialClient::write(const char* text, size_t length) const {
  if (length == 0) return session_ == 0 ? Status::kBadState : Status::kOk;
  return send(kSerialWrite, text, length);
}

Status SerialClient::write_now(const char* text, size_t length) const {
  return send(kSerialWriteNow, text, length);
}

Status SerialClient::print(const char* text) const {
  size_t length = 0;
  while (text[length] != '\0') ++length;
  return write(text, length);
}

Result<size_t> SerialClient::read(char* buffer, size_t capacity) const {
  IpcMessage message;
  message.label = kSerialRead;
  message.word_count = 1;
  message.words[0] = capacity < kSerialBytesPerMessage ? capacity : kSerialBytesPerMessage;
  if (const Status s = answer_status(endpoint_.call(message), message); s != Status::kOk) return s;
  char bytes[kSerialBytesPerMessage];
  uint32_t session;
  const size_t n = serial_unpack(message, bytes, &session);
  if (n == SIZE_MAX || n > capacity) return Status::kInvalidArgument;
  for (size_t i = 0; i < n; ++i) buffer[i] = bytes[i];
  return n;
}

Status SerialClient::close() {
  if (session_ == 0) return Status::kBadState;
  IpcMessage message;
  message.label = kSerialClose;
  message.word_count = 1;
  message.words[0] = session_;
  session_ = 0;
  return answer_status(endpoint_.call(message), message);
}

}  // namespace sys
