// sys::Cap: one capability slot of the calling program's space, owned. The destructor deletes the
// capability (cap_delete), so a slot cannot leak on an early return; a Cap moves, never copies
// (two owners would delete twice). The helpers wrap the capability calls of docs/syscalls.md and
// give back their Status; a derived capability comes back as a Cap of its own.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/status.h"
#include "base/result.h"

namespace sys {

class Cap {
 public:
  Cap() = default;  // owns nothing
  // Takes over `slot`, which the caller filled (a syscall's target slot) and gives up.
  explicit Cap(uint32_t slot) : slot_(slot) {}
  ~Cap() { reset(); }
  Cap(Cap&& other) : slot_(other.release()) {}
  Cap& operator=(Cap&& other);
  Cap(const Cap&) = delete;
  Cap& operator=(const Cap&) = delete;

  bool valid() const { return slot_ != kNoSlot; }
  uint32_t slot() const { return slot_; }
  // Gives the slot up without deleting it; the Cap then owns nothing.
  uint32_t release();
  // Deletes the capability now (nothing if the Cap owns none); the Cap then owns nothing.
  // cap_delete's answer (kBadHandle: the slot was emptied behind the Cap's back).
  Status reset();

  // cap_type; kBadHandle for a slot emptied behind the Cap's back (a revoke of an ancestor).
  [[nodiscard]] Result<CapabilityType> type() const;
  [[nodiscard]] Result<CapIdentity> identify() const;
  // cap_copy into the lowest free slot: the same object with `rights` (within this one's), a
  // child in the derivation tree.
  [[nodiscard]] Result<Cap> copy(uint32_t rights) const;
  // cap_copy with kCapCopyNarrow: an IoPorts or Frames capability over {base, count} (port or
  // frame numbers) inside this one's range, with `rights`.
  [[nodiscard]] Result<Cap> mint(uint32_t rights, uint64_t base, uint64_t count) const;
  // cap_revoke: deletes everything derived from this capability, keeps it; how many went.
  [[nodiscard]] Result<uint64_t> revoke() const;

 private:
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFu;  // kCapSlotAny: never a filled slot
  uint32_t slot_ = kNoSlot;
};

}  // namespace sys
