// Where a driver finds what init granted it (servers/init/boot.manifest, docs/drivers.md): the
// manifest's grant=...@SLOT lines put the capabilities in these slots, the first free ones of a
// program's space.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_slots.h"

inline constexpr uint32_t kDriverPortsSlot = kFirstFreeSlot;          // IoPorts: the registers
inline constexpr uint32_t kDriverMorePortsSlot = kFirstFreeSlot + 1;  // IoPorts: a second run
inline constexpr uint32_t kDriverEndpointSlot = kFirstFreeSlot + 2;   // Endpoint: served or called
