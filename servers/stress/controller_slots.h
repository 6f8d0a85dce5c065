// The slots stress.manifest grants the controller into (its `program stress` line); kept in one
// place so the template and the code agree.
#pragma once

#include <stdint.h>

namespace stress {

inline constexpr uint32_t kStressIoPortsSlot = 3;      // grant=io_ports@3
inline constexpr uint32_t kStressChildModuleSlot = 4;  // grant=module:stress_child@4
inline constexpr uint32_t kStressFuzzModuleSlot = 5;   // grant=module:syscall_fuzz@5
inline constexpr uint32_t kStressEndpointSlot = 6;     // grant=endpoint:stress:serve@6

}  // namespace stress
