#include "libsys/cap.h"

#include "abi/portcullis/cap_slots.h"
#include "libsys/syscall_stubs.h"

namespace sys {

static_assert(kCapSlotAny == 0xFFFFFFFFu, "Cap's empty marker is a value no filled slot has");

Cap& Cap::operator=(Cap&& other) {
  if (this != &other) {
    (void)reset();
    slot_ = other.release();
  }
  return *this;
}

uint32_t Cap::release() {
  const uint32_t slot = slot_;
  slot_ = kNoSlot;
  return slot;
}

Status Cap::reset() {
  if (!valid()) return Status::kOk;
  return sys_cap_delete(release()).status;
}

Result<CapabilityType> Cap::type() const {
  const SyscallResult r = sys_cap_type(slot_);
  if (r.status != Status::kOk) return r.status;
  return static_cast<CapabilityType>(r.extra);
}

Result<CapIdentity> Cap::identify() const {
  CapIdentity identity;
  const Status s = sys_cap_identify(slot_, &identity).status;
  if (s != Status::kOk) return s;
  return identity;
}

Result<Cap> Cap::copy(uint32_t rights) const {
  const SyscallResult r = sys_cap_copy(slot_, kCapSlotAny, rights, 0, 0, 0);
  if (r.status != Status::kOk) return r.status;
  return Cap(static_cast<uint32_t>(r.extra));
}

Result<Cap> Cap::mint(uint32_t rights, uint64_t base, uint64_t count) const {
  const SyscallResult r = sys_cap_copy(slot_, kCapSlotAny, rights, kCapCopyNarrow, base, count);
  if (r.status != Status::kOk) return r.status;
  return Cap(static_cast<uint32_t>(r.extra));
}

Result<uint64_t> Cap::revoke() const {
  const SyscallResult r = sys_cap_revoke(slot_);
  if (r.status != Status::kOk) return r.status;
  return r.extra;
}

}  // namespace sys
