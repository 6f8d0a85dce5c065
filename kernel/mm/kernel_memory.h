// The kernel's memory: the frame allocator over the boot memory map and the heap on top of it,
// reached through the direct map. Set up once by the boot CPU before the other CPUs start.
#pragma once

#include <stdint.h>

#include "base/result.h"
#include "kernel/boot/multiboot2.h"
#include "kernel/mm/frame_allocator.h"

[[nodiscard]] Status kernel_memory_init(const BootInfo& info);
FrameAllocator& kernel_frames();
Result<uint64_t> alloc_zeroed_frame();  // for page tables
