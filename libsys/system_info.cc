#include "libsys/system_info.h"

#include "libsys/syscall_stubs.h"

namespace sys {

Status system_info(uint32_t info_slot, SystemInfoTopic topic, uint64_t arg, void* entries,
                   uint32_t capacity, uint32_t* total) {
  const SyscallResult r =
      sys_system_info(info_slot, static_cast<uint32_t>(topic), arg, entries, capacity);
  if (total != nullptr) *total = r.status == Status::kOk ? static_cast<uint32_t>(r.extra) : 0;
  return r.status;
}

}  // namespace sys
