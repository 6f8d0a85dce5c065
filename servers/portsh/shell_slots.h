// The capability slots portsh finds filled: its manifest line (servers/init/boot.manifest) grants
// each one. The shell is a normal program: everything it shows or does goes through these.
#pragma once

#include <stdint.h>

namespace portsh {

inline constexpr uint32_t kShellSystemInfoSlot = 3;  // SystemInfo: the kernel's state, read only
inline constexpr uint32_t kShellInitSlot = 4;        // init's control endpoint (call)
inline constexpr uint32_t kShellSerialSlot = 5;      // endpoint 'serial' (uart16550): the console
inline constexpr uint32_t kShellRtcSlot = 6;         // endpoint 'rtc' (cmos_rtc)
inline constexpr uint32_t kShellPciSlot = 7;         // endpoint 'pci' (pci)
inline constexpr uint32_t kShellDiskSlot = 8;        // endpoint 'disk' (ata_pio)
// The memory server: kSlotMemoryServer (abi/portcullis/cap_slots.h), from `memory` on the line.

}  // namespace portsh
