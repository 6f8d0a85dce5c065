// Bytes carried in an IPC message's words (abi/portcullis/ipc_message.h): in order, little-endian
// within each word, the way the device protocols pack text and slices of a sector
// (libsys/disk_protocol.h). A message has room for kIpcMessageWords * 8 bytes at most.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace sys {

// `count` bytes into `words` (room for `word_count`, every one of them written: the bytes, then
// zeros); bytes past word_count * 8 are not taken.
inline void pack_bytes(const uint8_t* bytes, size_t count, uint64_t* words, size_t word_count) {
  for (size_t w = 0; w < word_count; ++w) words[w] = 0;
  if (count > word_count * 8) count = word_count * 8;
  for (size_t i = 0; i < count; ++i) words[i / 8] |= uint64_t{bytes[i]} << (8 * (i % 8));
}

// The first `count` bytes the words carry, into `out`.
inline void unpack_bytes(const uint64_t* words, size_t count, uint8_t* out) {
  for (size_t i = 0; i < count; ++i) out[i] = static_cast<uint8_t>(words[i / 8] >> (8 * (i % 8)));
}

}  // namespace sys
