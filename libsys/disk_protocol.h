// The protocol of the disk server (servers/drivers/ata_pio in `serve` mode, docs/drivers.md) on
// the endpoint init keeps as 'disk': one IPC call per request, answered with the request's Status
// as the reply's label. A client opens a session (words[0] of the answer is its number), names it
// in words[0] of every request and closes it; a server started with clients=N exits once N
// sessions have closed. A sector (512 bytes) is larger than a message (32 bytes of words), so it
// travels in slices: 16 calls. Clients use sys::DiskClient (libsys/disk_client.h).
//
// Answers of every request: kInvalidArgument (fewer words than the request needs),
// kBadHandle (no open session of that number), kNotSupported (a label not listed here), kNoSpace
// (open: every session is taken), kNotFound (info, text, read: the driver found no ATA disk);
// a read the drive fails answers the driver's error (kTimedOut, which sys::DeviceSession passes on
// as kBusy; kBadState).
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"

namespace sys {

// Request labels ("DISK" and a number).
inline constexpr uint64_t kDiskOpen = 0x4449'534B'0000'0001;  // answer: words[0] = session
// words[0] = session. Answer: words[0] = sectors a read may address, words[1] = the LBA48 sector
// count (0: no LBA48), words[2] = flags (below), words[3] = bytes per sector.
inline constexpr uint64_t kDiskInfo = 0x4449'534B'0000'0002;
// words[0] = session, words[1] = DiskText, words[2] = offset. Answer: words[0] = the text's
// length, words[1..3] = its bytes from the offset (kDiskTextBytesPerMessage at most, zeros after
// its end). kInvalidArgument: no such text; kOutOfRange: offset past its end.
inline constexpr uint64_t kDiskText = 0x4449'534B'0000'0003;
// words[0] = session, words[1] = LBA, words[2] = offset in the sector (a multiple of
// kDiskSliceBytes). Answer: words[0..3] = the sector's bytes from the offset. The slice at offset
// 0 reads the sector from the disk; the others come from that read when it was of the same LBA
// (a client reads a sector from offset 0 up), from a new one otherwise. kOutOfRange: LBA past
// the disk's end or offset 512 or more; kUnaligned: offset not a multiple of kDiskSliceBytes.
inline constexpr uint64_t kDiskRead = 0x4449'534B'0000'0004;
inline constexpr uint64_t kDiskClose = 0x4449'534B'0000'0005;  // words[0] = session

// kDiskInfo's flags.
inline constexpr uint64_t kDiskLba48 = 1u
                                       << 0;  // the drive does 48-bit LBA (the driver reads LBA28)
inline constexpr uint64_t kDiskSlave = 1u << 1;  // the drive is its channel's slave, not master

enum class DiskText : uint8_t { kModel = 0, kSerial = 1, kFirmware = 2 };

inline constexpr uint32_t kDiskSectorBytes = 512;
inline constexpr uint32_t kDiskSliceBytes = kIpcMessageWords * 8;  // 32: a read's slice
inline constexpr uint32_t kDiskTextBytesPerMessage = (kIpcMessageWords - 1) * 8;  // 24

}  // namespace sys
