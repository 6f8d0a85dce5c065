// Rights a capability carries. A derived capability (cap_copy) may keep or drop rights, never add
// any: asking for more answers Status::kAccessDenied. What each right allows depends on the type:
//   kCapRead     IoPorts: IN; Frames: map readable; Endpoint: receive
//   kCapWrite    IoPorts: OUT; Frames: map writable; Endpoint: send and call; Task: control it
//                (task_set_supervisor); AddressSpace: change its mappings (vm_batch) and read
//                them (vm_lookup)
//   kCapExecute  Frames: map executable
//   kCapGrant    the capability may be copied to another task (IPC transfer, cap_copy into a task)
// Mapping rights inside one vm_batch operation are VmRights (vm_op.h), bounded by the frames'
// rights.
#pragma once

#include <stdint.h>

enum CapabilityRights : uint32_t {
  kCapRead = 1u << 0,
  kCapWrite = 1u << 1,
  kCapExecute = 1u << 2,
  kCapGrant = 1u << 3,
};
inline constexpr uint32_t kCapRightsMask = kCapRead | kCapWrite | kCapExecute | kCapGrant;

constexpr bool capability_rights_within(uint32_t rights, uint32_t ceiling) {
  return (rights & ~ceiling) == 0;
}
