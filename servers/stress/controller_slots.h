// The slots stress.manifest grants the controller into (its `program stress` line); kept in one
// place so the template and the code agree.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_slots.h"

namespace stress {

inline constexpr uint32_t kStressIoPortsSlot = 3;      // grant=io_ports@3
inline constexpr uint32_t kStressChildModuleSlot = 4;  // grant=module:stress_child@4
inline constexpr uint32_t kStressFuzzModuleSlot = 5;   // grant=module:syscall_fuzz@5
inline constexpr uint32_t kStressEndpointSlot = 6;     // grant=endpoint:stress:serve@6
// grant=endpoint:serial@7 (servers/init/boot.manifest only): the serial driver's endpoint, where
// the `console` option prints the report for people (console_table.h).
inline constexpr uint32_t kStressConsoleSlot = 7;
// Where task_spawn puts a new Task capability before it moves to the lowest free slot
// (child_task.cc): task_spawn does not answer the slot kCapSlotAny would pick. The slot below
// memsrv's (kSlotMemoryServer), the last one lowest-free picks reach.
inline constexpr uint32_t kStressSpawnLandingSlot = kSlotMemoryServer - 1;

}  // namespace stress
