// The argument words of the capability calls and vm_batch, decoded: the checks that need no
// capability space (a slot word is 32 bits, rights and flags name only known bits, a copy without
// kCapCopyNarrow carries no range), and the conversions between what a capability holds and what
// user space and the mapping code see. Plain C++: the host tests run it too.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/status.h"
#include "abi/portcullis/vm_op.h"
#include "base/range.h"
#include "base/result.h"
#include "kernel/object/derivation_tree.h"

// A slot argument: its low 32 bits name the slot, so anything above is no slot (kBadHandle).
// kCapSlotAny and kCapSlotNone pass as they are; the calls that accept them say so.
inline Result<uint32_t> decode_slot(uint64_t word) {
  if (word > UINT32_MAX) return Status::kBadHandle;
  return static_cast<uint32_t>(word);
}

inline Result<uint32_t> decode_rights(uint64_t word) {
  if ((word & ~uint64_t{kCapRightsMask}) != 0) return Status::kInvalidArgument;
  return static_cast<uint32_t>(word);
}

// cap_copy(slot, target_slot, rights, flags, base, count).
struct CapCopyRequest {
  uint32_t slot = 0;
  uint32_t target_slot = 0;
  uint32_t rights = 0;
  bool narrow = false;
  bool badge = false;  // kCapCopyBadge: `base` is the badge
  uint64_t base = 0;
  uint64_t count = 0;
};

// The words in order: slot and target_slot (kBadHandle), rights and flags (kInvalidArgument: both
// flags at once), a range without kCapCopyNarrow, a badge of 0 or a count with kCapCopyBadge
// (kInvalidArgument). A narrowed range itself is checked by
// CapSpace::mint, after the capabilities.
inline Result<CapCopyRequest> decode_cap_copy(const uint64_t (&word)[6]) {
  CapCopyRequest r;
  r.slot = TRY(decode_slot(word[0]));
  r.target_slot = TRY(decode_slot(word[1]));
  r.rights = TRY(decode_rights(word[2]));
  const uint64_t flags = word[3];
  if ((flags & ~uint64_t{kCapCopyFlagsMask}) != 0) return Status::kInvalidArgument;
  r.narrow = (flags & kCapCopyNarrow) != 0;
  r.badge = (flags & kCapCopyBadge) != 0;
  r.base = word[4];
  r.count = word[5];
  if (r.narrow && r.badge) return Status::kInvalidArgument;
  if (r.badge && (r.base == 0 || r.count != 0)) return Status::kInvalidArgument;
  if (!r.narrow && !r.badge && (r.base != 0 || r.count != 0)) return Status::kInvalidArgument;
  return r;
}

constexpr CapIdentity identity_of(const CapInfo& info) {
  if (info.type == CapabilityType::kEndpoint) {
    return CapIdentity{static_cast<uint32_t>(info.type), info.rights, info.badge, 0};
  }
  return CapIdentity{static_cast<uint32_t>(info.type), info.rights, info.range.base,
                     info.range.size};
}

// The mapping rights a Frames capability's rights allow (kCapRead -> kVmRead, and so on).
constexpr uint8_t vm_rights_of(uint32_t cap_rights) {
  uint8_t rights = 0;
  if ((cap_rights & kCapRead) != 0) rights |= kVmRead;
  if ((cap_rights & kCapWrite) != 0) rights |= kVmWrite;
  if ((cap_rights & kCapExecute) != 0) rights |= kVmExec;
  return rights;
}

// A Frames capability's frame-number range as physical bytes (frame numbers stay below 2^40, so
// this cannot wrap).
constexpr Range<uint64_t> frame_bytes_of(const CapRange& frames) {
  return Range<uint64_t>{frames.base << kPageShift, frames.size << kPageShift};
}

// vm_batch_apply answers kAccessDenied for an operation whose frames the caller may not map, be
// it because they lie outside the Frames capability or because the rights are wider than it
// allows. The syscall tells the two apart for the operation it names: a map of frames not all
// inside the capability's range is kOutOfRange. Only a map whose virtual range is in the user half
// is reconsidered (the kernel half is kAccessDenied by an earlier check of the same operation).
constexpr Status vm_batch_refined_status(Status status, const VmOp& op,
                                         const Range<uint64_t>& frame_bytes) {
  if (status != Status::kAccessDenied || op.kind != VmOpKind::kMap || op.page_count == 0) {
    return status;
  }
  if (op.va + op.bytes() < op.va || op.va + op.bytes() > kUserTop) return status;
  if (op.frame + op.bytes() < op.frame) return status;
  const Range<uint64_t> asked{op.frame, op.bytes()};
  return frame_bytes.contains(asked) ? status : Status::kOutOfRange;
}
