// The fault_inject syscall (docs/fault-injection.md): the calling task's next kernel allocations of
// `kinds` (abi/portcullis/fault_inject.h) fail after `after` more have gone through, `count` of
// them, as if memory had run out; kinds 0 turns it off.
#pragma once

#include <stdint.h>

#include "abi/portcullis/fault_inject.h"
#include "base/result.h"
#include "libsys/syscall_stubs.h"

namespace sys {

// The failures the replaced setting injected (so fault_inject(0, 0, 0) after a call says whether
// the call met one); kInvalidArgument for a bad combination (the setting is then unchanged).
[[nodiscard]] inline Result<uint64_t> fault_inject(uint64_t kinds, uint64_t after, uint64_t count) {
  const SyscallResult r = sys_fault_inject(kinds, after, count);
  if (r.status != Status::kOk) return r.status;
  return r.extra;
}

}  // namespace sys
