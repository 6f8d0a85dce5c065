// The protocol of the serial-port server (servers/drivers/uart16550, docs/drivers.md) on the
// endpoint a client calls: one IPC call per request, answered with the request's Status as the
// reply's label. Bytes travel in the message's words (kSerialBytesPerMessage a call); anything
// larger takes several calls (libsys/serial_client.h does that).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"

namespace sys {

// Request labels ("SERI" and a number).
inline constexpr uint64_t kSerialWrite = 0x5345'5249'0000'0001;  // words[0]: count, then bytes
inline constexpr uint64_t kSerialRead =
    0x5345'5249'0000'0002;  // words[0]: at most; answer as write
inline constexpr uint64_t kSerialClose = 0x5345'5249'0000'0003;  // the client is done

// words[0] holds the count; words[1..] the bytes, in order, little-endian within each word.
inline constexpr size_t kSerialBytesPerMessage = (kIpcMessageWords - 1) * sizeof(uint64_t);

// Packs up to kSerialBytesPerMessage bytes into `message` (label untouched); how many it took.
inline size_t serial_pack(const char* bytes, size_t count, IpcMessage* message) {
  const size_t n = count < kSerialBytesPerMessage ? count : kSerialBytesPerMessage;
  for (size_t w = 1; w < kIpcMessageWords; ++w) message->words[w] = 0;
  for (size_t i = 0; i < n; ++i) {
    message->words[1 + i / 8] |= uint64_t{static_cast<uint8_t>(bytes[i])} << (8 * (i % 8));
  }
  message->words[0] = n;
  message->word_count = static_cast<uint8_t>(1 + (n + 7) / 8);
  return n;
}

// The bytes of a packed message into `out` (room for kSerialBytesPerMessage); how many, or
// SIZE_MAX if the message claims more than it can carry.
inline size_t serial_unpack(const IpcMessage& message, char* out) {
  if (message.word_count < 1 || message.words[0] > kSerialBytesPerMessage ||
      1 + (message.words[0] + 7) / 8 > message.word_count) {
    return SIZE_MAX;
  }
  const size_t n = message.words[0];
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<char>(message.words[1 + i / 8] >> (8 * (i % 8)));
  }
  return n;
}

}  // namespace sys
