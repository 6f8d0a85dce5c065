// Builds the frame allocator from the multiboot2 memory map: usable = the map's type-1 regions;
// reserved = the first 1 MiB (real-mode structures, the AP trampoline, legacy ROM), every
// non-usable map region (firmware maps may overlap), the multiboot2 info block, every module, and
// the caller's extra ranges (the kernel image, the AP trampoline page if it lies elsewhere, boot
// page tables...).
//
// Usage (kernel main, once, on the boot CPU):
//   const Range<uint64_t> extra[] = {{image_phys, image_end_phys - image_phys}};  // the kernel
//   Status s = init_frames_from_boot_info(&frames, boot_info, extra, 1, direct_map_to_virt);
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/range.h"
#include "kernel/boot/multiboot2.h"
#include "kernel/mm/frame_allocator.h"

inline constexpr uint64_t kLowMemoryBytes = 1 << 20;  // never handed out
inline constexpr size_t kMaxExtraReserved = 16;

// Errors: those of FrameAllocator::init, kNotFound (no memory map in the boot info), kNoSpace
// (more than kMaxExtraReserved extra ranges). Uses static scratch tables: boot CPU only, not
// reentrant.
[[nodiscard]] Status init_frames_from_boot_info(FrameAllocator* frames, const BootInfo& info,
                                                const Range<uint64_t>* extra_reserved,
                                                size_t extra_count, PhysToVirt to_virt);
