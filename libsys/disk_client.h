// sys::DiskClient: a program's side of the disk server's protocol (libsys/disk_protocol.h), a
// session over the endpoint in a slot the program keeps.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <utility>

#include "base/result.h"
#include "libsys/device_session.h"
#include "libsys/disk_protocol.h"
#include "libsys/ipc_bytes.h"

namespace sys {

struct DiskInfo {
  uint64_t sectors;        // what reads may address
  uint64_t lba48_sectors;  // 0: no LBA48
  uint64_t flags;          // kDiskLba48, kDiskSlave
  uint64_t sector_bytes;
};

class DiskClient {
 public:
  [[nodiscard]] static Result<DiskClient> open(uint32_t endpoint_slot) {
    return DiskClient(TRY(DeviceSession::open(endpoint_slot, {kDiskOpen, kDiskClose})));
  }

  [[nodiscard]] Result<DiskInfo> info() const {
    IpcMessage message;
    TRY(session_.request(kDiskInfo, nullptr, 0, &message));
    if (message.word_count < 4) return Status::kBadState;
    return DiskInfo{message.words[0], message.words[1], message.words[2], message.words[3]};
  }

  // The drive's model, serial number or firmware revision into `out` (NUL-terminated, cut to
  // fit `capacity`), as many calls as it takes.
  [[nodiscard]] Status text(DiskText which, char* out, size_t capacity) const;

  // Sector `lba` into `out`, kDiskSectorBytes / kDiskSliceBytes calls.
  [[nodiscard]] Status read(uint64_t lba, uint8_t (&out)[kDiskSectorBytes]) const;

  [[nodiscard]] Status close() { return session_.close(); }

 private:
  explicit DiskClient(DeviceSession session) : session_(std::move(session)) {}

  DeviceSession session_;
};

}  // namespace sys
