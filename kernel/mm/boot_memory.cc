// Boot-time glue between the multiboot2 memory map and the frame allocator.
#include "kernel/mm/boot_memory.h"

namespace {

constexpr size_t kMaxReserved =
    BootInfo::kMaxMemoryRegions + BootInfo::kMaxModules + kMaxExtraReserved + 2;

// Static, not on the stack: ~4.5 KiB is more than a boot stack should spend on a one-off.
Range<uint64_t> g_usable[BootInfo::kMaxMemoryRegions];
Range<uint64_t> g_reserved[kMaxReserved];

}  // namespace

Status init_frames_from_boot_info(FrameAllocator* frames, const BootInfo& info,
                                  const Range<uint64_t>* extra_reserved, size_t extra_count,
                                  PhysToVirt to_virt) {
  if (info.memory_region_count == 0) return Status::kNotFound;
  if (extra_count > kMaxExtraReserved) return Status::kNoSpace;
  size_t usable = 0, reserved = 0;
  for (size_t i = 0; i < info.memory_region_count; ++i) {
    const MemoryRegion& m = info.memory_map[i];
    const Range<uint64_t> r{m.base, m.length};
    if (m.type == static_cast<uint32_t>(MemoryType::kUsable))
      g_usable[usable++] = r;
    else
      g_reserved[reserved++] = r;
  }
  g_reserved[reserved++] = Range<uint64_t>{0, kLowMemoryBytes};
  if (info.info_bytes != 0)
    g_reserved[reserved++] = Range<uint64_t>{info.info_phys, info.info_bytes};
  for (size_t i = 0; i < info.module_count; ++i) {
    const BootModule& m = info.modules[i];
    if (m.end > m.start) g_reserved[reserved++] = Range<uint64_t>{m.start, m.end - m.start};
  }
  for (size_t i = 0; i < extra_count; ++i) g_reserved[reserved++] = extra_reserved[i];
  return frames->init(g_usable, usable, g_reserved, reserved, to_virt);
}
