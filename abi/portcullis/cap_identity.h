// What cap_identify writes to user memory, and the flags of cap_copy.
#pragma once

#include <stdint.h>

// A capability's type, rights and parameters. base/count: the range of an IoPorts (port numbers)
// or Frames (physical frame numbers: multiply by kPageSize for addresses) capability, the
// physical bytes of a Module capability; for a Task capability `base` is the task's kernel-wide id
// (the one fault messages and the kernel log name it by, abi/portcullis/fault_message.h) and
// `count` the id of the I/O bitmap object its ports are in (0: it has none); for an IoBitmap
// capability `base` is the object's id and `count` how many hold it (one for its capabilities,
// one per task that shares it: docs/io-ports.md, "Sharing"); for an Endpoint capability `base`
// is its badge (0: none); 0 for every other type.
struct CapIdentity {
  uint32_t type = 0;    // a CapabilityType
  uint32_t rights = 0;  // CapabilityRights
  uint64_t base = 0;
  uint64_t count = 0;
  constexpr bool operator==(const CapIdentity&) const = default;
};
static_assert(sizeof(CapIdentity) == 24, "CapIdentity is syscall ABI: its layout must not drift");

// cap_copy's flags. Without either flag the copy keeps its source's range and badge, and `base`
// and `count` must be 0. With kCapCopyNarrow, the copy covers {base, count} inside the source's
// range (IoPorts, Frames and Module only). With kCapCopyBadge (an Endpoint capability without a
// badge only), the copy carries the badge `base` (not 0; `count` must be 0): every message sent
// with it arrives with that badge (docs/capabilities.md, "Badges"). Not both flags at once.
enum CapCopyFlags : uint32_t {
  kCapCopyNarrow = 1u << 0,
  kCapCopyBadge = 1u << 1,
};
inline constexpr uint32_t kCapCopyFlagsMask = kCapCopyNarrow | kCapCopyBadge;
