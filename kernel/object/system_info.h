// SystemInfo: the capability to read the kernel's state (system_info, abi/portcullis/system_info.h;
// docs/system-info.md), like Zircon's info resource. The object holds nothing: what the
// capability controls is who may look. The kernel makes one for init at boot
// (kSlotSystemInfo); init passes copies on (task_grant) to the programs its manifest names.
//
// Each topic is collected in one pass under the lock of the list it walks (the task, thread and
// IoBitmap registries, the capability tree) or, for a CPU's TSS slots, by the CPU itself in a
// cross-CPU call; entries go into a kernel buffer the caller provides, which the syscall copies to
// user memory after every lock is released.
#pragma once

#include <stdint.h>

#include "abi/portcullis/system_info.h"
#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/kernel_object.h"

class SystemInfo final : public KernelObject {
 public:
  static constexpr CapabilityType kType = CapabilityType::kSystemInfo;

  static Result<RefPtr<SystemInfo>> create();

  // Writes up to `max` entries of `topic` (entries of system_info_entry_bytes(topic) each) to
  // `out` and returns how many the topic has in all. kInvalidArgument: not a topic; kNotFound:
  // kTaskCaps of an id no live task has, kIoGrants of an id no live bitmap has; kOutOfRange:
  // kTssSlots of a CPU that is not online; kNoMemory. Interrupts on, no lock held (it may make a
  // cross-CPU call).
  static Result<uint32_t> collect(uint64_t topic, uint64_t arg, void* out, uint32_t max);

 private:
  friend class RefPtr<SystemInfo>;
  SystemInfo() : KernelObject(kType) {}
  ~SystemInfo() override = default;
};
