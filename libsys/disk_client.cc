#include "libsys/disk_client.h"

namespace sys {

Status DiskClient::text(DiskText which, char* out, size_t capacity) const {
  if (capacity == 0) return Status::kInvalidArgument;
  size_t used = 0;
  for (uint64_t offset = 0;; offset += kDiskTextBytesPerMessage) {
    IpcMessage message;
    const uint64_t args[] = {static_cast<uint64_t>(which), offset};
    TRY(session_.request(kDiskText, args, 2, &message));
    if (message.word_count < kIpcMessageWords) return Status::kBadState;
    const uint64_t length = message.words[0];
    if (offset >= length) break;
    uint8_t bytes[kDiskTextBytesPerMessage];
    unpack_bytes(message.words + 1, sizeof bytes, bytes);
    for (uint64_t i = 0; i < sizeof bytes && offset + i < length && used + 1 < capacity; ++i) {
      out[used++] = static_cast<char>(bytes[i]);
    }
    if (offset + kDiskTextBytesPerMessage >= length) break;
  }
  out[used] = '\0';
  return Status::kOk;
}

Status DiskClient::read(uint64_t lba, uint8_t (&out)[kDiskSectorBytes]) const {
  for (uint32_t offset = 0; offset < kDiskSectorBytes; offset += kDiskSliceBytes) {
    IpcMessage message;
    const uint64_t args[] = {lba, offset};
    TRY(session_.request(kDiskRead, args, 2, &message));
    if (message.word_count < kIpcMessageWords) return Status::kBadState;
    unpack_bytes(message.words, kDiskSliceBytes, out + offset);
  }
  return Status::kOk;
}

}  // namespace sys
