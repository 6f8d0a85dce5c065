// The types of kernel object a capability slot can name. A call that needs one type and is given a
// slot of another answers Status::kWrongType. Values are ABI: add new types at the end.
#pragma once

#include <stdint.h>

enum class CapabilityType : uint8_t {
  kEmpty = 0,         // a free slot
  kIoPorts = 1,       // a port range {base, count} and rights
  kIoBitmap = 2,      // an I/O bitmap several tasks may share
  kEndpoint = 3,      // an IPC endpoint
  kTask = 4,          // a task: its capability space and address space
  kThread = 5,        // a thread of a task
  kAddressSpace = 6,  // the target of vm_batch
  kFrames = 7,        // physical frames {base, count}
  kIrq = 8,           // one interrupt line
  kModule = 9,        // a boot module's image: physical bytes {base, count}, kept for the boot
  kSystemInfo = 10,   // a read-only view of the kernel's state (system_info)
};

// Its name in logs and tables ("io_ports", "address_space"); "?" for a value this list does not
// know (a forged or newer one).
constexpr const char* capability_type_name(CapabilityType type) {
  switch (type) {
    case CapabilityType::kEmpty:
      return "empty";
    case CapabilityType::kIoPorts:
      return "io_ports";
    case CapabilityType::kIoBitmap:
      return "io_bitmap";
    case CapabilityType::kEndpoint:
      return "endpoint";
    case CapabilityType::kTask:
      return "task";
    case CapabilityType::kThread:
      return "thread";
    case CapabilityType::kAddressSpace:
      return "address_space";
    case CapabilityType::kFrames:
      return "frames";
    case CapabilityType::kIrq:
      return "irq";
    case CapabilityType::kModule:
      return "module";
    case CapabilityType::kSystemInfo:
      return "system_info";
  }
  return "?";
}
