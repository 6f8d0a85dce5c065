// The protocol of the serial-port server (servers/drivers/uart16550, docs/drivers.md) on the
// endpoint a client calls: one IPC call per request, answered with the request's Status as the
// reply's label.
//
// A client first opens a session (kSerialOpen; the answer's words[0] is its number) and names it
// in each write and in its close. The server keeps each session's bytes until a line is complete
// and then writes the whole line, so the lines of clients writing at once never interleave (a
// line longer than the server's buffer goes out in pieces; kSerialWriteNow sends a partial line).
// Bytes travel in the message's words, kSerialBytesPerMessage a call; anything larger takes several
// calls (libsys/serial_client.h). The session number is no secret: the endpoint carries no badge
// yet that would tell callers apart, so a client could name another's session.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"

namespace sys {

// Request labels ("SERI" and a number).
inline constexpr uint64_t kSerialOpen = 0x5345'5249'0000'0001;   // answer: words[0] = session
inline constexpr uint64_t kSerialWrite = 0x5345'5249'0000'0002;  // packed bytes (below)
inline constexpr uint64_t kSerialRead = 0x5345'5249'0000'0003;   // words[0]: at most; answer packed
inline constexpr uint64_t kSerialClose = 0x5345'5249'0000'0004;  // words[0] = session: done
// As kSerialWrite, then what the session holds goes out at once, without waiting for a line end:
// a prompt, the echo of a key typed into a line editor (servers/portsh/console.h).
inline constexpr uint64_t kSerialWriteNow = 0x5345'5249'0000'0005;

// Packed bytes: words[0] holds the count (bits 0-7) and the session (bits 16-31); words[1..] the
// bytes, in order, little-endian within each word.
inline constexpr size_t kSerialBytesPerMessage = (kIpcMessageWords - 1) * sizeof(uint64_t);

// Packs up to kSerialBytesPerMessage bytes into `message` (label untouched); how many it took.
inline size_t serial_pack(const char* bytes, size_t count, uint32_t session, IpcMessage* message) {
  const size_t n = count < kSerialBytesPerMessage ? count : kSerialBytesPerMessage;
  for (size_t w = 1; w < kIpcMessageWords; ++w) message->words[w] = 0;
  for (size_t i = 0; i < n; ++i) {
    message->words[1 + i / 8] |= uint64_t{static_cast<uint8_t>(bytes[i])} << (8 * (i % 8));
  }
  message->words[0] = n | uint64_t{session & 0xFFFF} << 16;
  message->word_count = static_cast<uint8_t>(1 + (n + 7) / 8);
  return n;
}

// The bytes of a packed message into `out` (room for kSerialBytesPerMessage) and its session;
// how many bytes, or SIZE_MAX if the message claims more than it carries.
inline size_t serial_unpack(const IpcMessage& message, char* out, uint32_t* session) {
  if (message.word_count < 1) return SIZE_MAX;
  const size_t n = message.words[0] & 0xFF;
  if (n > kSerialBytesPerMessage || 1 + (n + 7) / 8 > message.word_count ||
      (message.words[0] & ~uint64_t{0xFFFF'00FF}) != 0) {
    return SIZE_MAX;
  }
  *session = static_cast<uint32_t>(message.words[0] >> 16);
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<char>(message.words[1 + i / 8] >> (8 * (i % 8)));
  }
  return n;
}

}  // namespace sys
