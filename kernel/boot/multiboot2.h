// Multiboot2 boot information parser: turns the block GRUB hands the kernel into a BootInfo with
// fixed-size tables (no allocation), after checking every size against the block's total_size.
//
// Usage (kernel main, with the block reachable through the direct map):
//   static BootInfo boot_info;                       // ~4 KiB: keep it off the boot stack
//   const void* mbi = phys_to_virt(mbi_phys);
//   Status s = parse_multiboot2(mbi, mbi_phys, multiboot2_total_size(mbi), &boot_info);
//   // boot_info.memory_map[...], .command_line, .modules[...], .rsdp, .info_phys/.info_bytes
// Strings (command line, module strings) point INTO the block: keep it mapped and reserved (the
// frame allocator's boot helper reserves [info_phys, info_phys + info_bytes)).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"

inline constexpr uint32_t kMultiboot2BootloaderMagic = 0x36d76289;  // in EAX at the kernel entry

// Tag types this parser reads (Multiboot2 spec, "Boot information format").
enum class Multiboot2Tag : uint32_t {
  kEnd = 0,
  kCommandLine = 1,
  kModule = 3,
  kMemoryMap = 6,
  kAcpiOldRsdp = 14,  // RSDP of ACPI 1.0 (20 bytes)
  kAcpiNewRsdp = 15,  // RSDP of ACPI 2.0+ (36 bytes or more)
};

// Memory map entry types (as in the BIOS E820 map).
enum class MemoryType : uint32_t {
  kUsable = 1,
  kReserved = 2,
  kAcpiReclaimable = 3,
  kAcpiNvs = 4,
  kBad = 5,
};

struct MemoryRegion {
  uint64_t base;
  uint64_t length;  // > 0; base + length never wraps (checked)
  uint32_t type;    // a MemoryType value, or anything else (treat as reserved)
};

struct BootModule {
  uint64_t start;      // physical, inclusive
  uint64_t end;        // physical, exclusive (>= start)
  const char* string;  // NUL-terminated, inside the info block ("" if none)
};

struct BootInfo {
  static constexpr size_t kMaxMemoryRegions = 128;
  static constexpr size_t kMaxModules = 16;
  static constexpr size_t kMaxRsdpBytes = 64;

  uint64_t info_phys;   // the block itself, so it can be reserved
  uint32_t info_bytes;  // its total_size

  MemoryRegion memory_map[kMaxMemoryRegions];
  size_t memory_region_count;  // 0 if the block had no memory map tag

  BootModule modules[kMaxModules];
  size_t module_count;

  const char* command_line;  // NUL-terminated, inside the block; "" if no tag

  // A copy of the RSDP bytes (tag 15 preferred over tag 14); rsdp_bytes == 0 if neither tag.
  uint8_t rsdp[kMaxRsdpBytes];
  size_t rsdp_bytes;
};

// total_size from the block header (the first 4 bytes).
uint32_t multiboot2_total_size(const void* mbi);

// Parses the block at `mbi` (8-byte aligned) of which `readable_bytes` may be read. Fails with
//   kInvalidArgument  total_size < 16 or not covering a tag header, a tag smaller than its type
//   needs,
//                     a string without NUL, a module with end < start, a second memory map or
//                     command line, no end tag, a memory map entry_size < 24 or not a multiple of 8
//   kOutOfRange       total_size > readable_bytes, or a tag running past total_size
//   kUnaligned        mbi not 8-byte aligned
//   kOverflow         a memory region whose base + length wraps
//   kNoSpace          more regions or modules than BootInfo holds
// `out` is fully rewritten on success and unspecified on failure. Zero-length regions are dropped.
[[nodiscard]] Status parse_multiboot2(const void* mbi, uint64_t mbi_phys, size_t readable_bytes,
                                      BootInfo* out);
