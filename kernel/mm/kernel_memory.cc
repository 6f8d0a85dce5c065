// The kernel's memory set-up: frames from the boot memory map (minus the kernel image, the boot
// structures and the modules), the direct map extended over all RAM, and the heap on top.
#include "kernel/mm/kernel_memory.h"

#include "kernel/arch/arch.h"
#include "kernel/mm/boot_memory.h"
#include "kernel/mm/heap.h"
#include "kernel/mm/page_source.h"

extern "C" const uint8_t kernel_image_start[], kernel_image_end[];

namespace {

constinit FrameAllocator g_frames;

void* direct_map_to_virt(uint64_t phys) { return arch::phys_to_virt(phys); }
uint64_t direct_map_to_phys(const void* virt) { return arch::virt_to_phys_direct(virt); }

constinit FramePageSource g_heap_pages(&g_frames, direct_map_to_virt, direct_map_to_phys);

}  // namespace

FrameAllocator& kernel_frames() { return g_frames; }

Status kernel_memory_init(const BootInfo& info) {
  const uint64_t image_phys = arch::kernel_image_virt_to_phys(kernel_image_start);
  const uint64_t image_end_phys = arch::kernel_image_virt_to_phys(kernel_image_end);
  const Range<uint64_t> extra[] = {{image_phys, image_end_phys - image_phys}};
  // RAM above the boot tables' 4 GiB needs direct-map entries before the allocator touches it.
  uint64_t ram_end = 0;
  for (size_t i = 0; i < info.memory_region_count; ++i) {
    const MemoryRegion& m = info.memory_map[i];
    if (m.type == static_cast<uint32_t>(MemoryType::kUsable) && m.base + m.length > ram_end) {
      ram_end = m.base + m.length;
    }
  }
  TRY(init_frames_from_boot_info(&g_frames, info, extra, 1, direct_map_to_virt));
  TRY(arch::extend_direct_map(ram_end));
  g_kernel_heap.init(&g_heap_pages);
  return Status::kOk;
}

Result<uint64_t> alloc_zeroed_frame() {
  Result<uint64_t> frame = g_frames.alloc();
  if (frame.is_ok()) __builtin_memset(arch::phys_to_virt(frame.value()), 0, kPageSize);
  return frame;
}
