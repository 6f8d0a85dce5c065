#include "libsys/serial_client.h"

#include "libsys/serial_protocol.h"

namespace sys {

namespace {

// The server's answer: its label carries the Status of the request.
Status answer_status(Status call, const IpcMessage& answer) {
  if (call != Status::kOk) return call;
  return static_cast<Status>(answer.label);
}

}  // namespace

Status SerialClient::write(const char* text, size_t length) const {
  while (length > 0) {
    IpcMessage message;
    message.label = kSerialWrite;
    const size_t n = serial_pack(text, length, &message);
    if (const Status s = answer_status(endpoint_.call(message), message); s != Status::kOk) {
      return s;
    }
    text += n;
    length -= n;
  }
  return Status::kOk;
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
  const size_t n = serial_unpack(message, bytes);
  if (n == SIZE_MAX || n > capacity) return Status::kInvalidArgument;
  for (size_t i = 0; i < n; ++i) buffer[i] = bytes[i];
  return n;
}

Status SerialClient::close() const {
  IpcMessage message;
  message.label = kSerialClose;
  return answer_status(endpoint_.call(message), message);
}

}  // namespace sys
