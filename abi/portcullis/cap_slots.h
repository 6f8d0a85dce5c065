// Capability slots as user space names them: the slot-number conventions of the capability calls
// (docs/syscalls.md) and the slots a program finds filled when the kernel starts it from a boot
// module (docs/user-programs.md), so libsys and programs agree with the kernel on both.
#pragma once

#include <stdint.h>

// As a target slot (cap_copy, cap_move): the lowest free slot of the space.
inline constexpr uint32_t kCapSlotAny = 0xFFFFFFFFu;
// As vm_batch's frames slot: no Frames capability (a batch of unmaps needs none).
inline constexpr uint32_t kCapSlotNone = 0xFFFFFFFEu;

// The capability space of a program started from a boot module: kTaskCapSlots slots (16 bytes of
// kernel heap each), of which the first three are filled, every other one empty. 256: a program
// with a thread per CPU for several jobs at once (the stress controller) holds a Thread
// capability for each, besides its children's Task capabilities and endpoints.
inline constexpr uint32_t kTaskCapSlots = 256;
inline constexpr uint32_t kSlotSelfTask = 0;          // Task: the program's own task
inline constexpr uint32_t kSlotSelfAddressSpace = 1;  // AddressSpace: its own, for vm_batch
inline constexpr uint32_t kSlotInitialFrames = 2;     // Frames: zeroed memory it may map
inline constexpr uint32_t kFirstFreeSlot = 3;
// The size of the initial Frames capability's range (its base: cap_identify).
inline constexpr uint64_t kInitialFramesPages = 32;
// Endpoint: the memory server, for a program init starts with `memory` on its manifest line
// (docs/init.md): a copy badged for this program, call only. libsys then takes its heap and thread
// stacks from the memory server (libsys/page_pool.h); empty otherwise. The last slot, so that it
// never meets the lowest-free-slot picks (kCapSlotAny) or the low slots manifests grant into.
inline constexpr uint32_t kSlotMemoryServer = kTaskCapSlots - 1;

// init, the root task (docs/init.md), finds the program slots above filled and, after them:
inline constexpr uint32_t kSlotIoPortsRoot = 3;  // IoPorts: ports 0-65535, every right
inline constexpr uint32_t kSlotBootInfo = 4;     // Frames: one page, read-only: a BootInfoPage
// Frames: the memory pool (read, write, grant), frames the kernel set aside at boot and never
// frees, for the memory server (docs/memory-server.md); empty when the boot set none aside
// (mem_pool=0). The one Frames capability task_grant passes to another task.
inline constexpr uint32_t kSlotMemoryPool = 5;
// SystemInfo: read and grant, the read-only view of the kernel's state (system_info,
// abi/portcullis/system_info.h), for init to pass on to the programs that show it (the shell).
inline constexpr uint32_t kSlotSystemInfo = 6;
// Module: each other boot module's image, in boot order, from this slot on; the BootInfoPage
// names each one's slot and line.
inline constexpr uint32_t kSlotFirstModule = 7;
