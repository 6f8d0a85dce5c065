// vm_lookup's answer (docs/syscalls.md): what an address space maps at one page, as the page
// tables say. 16 bytes per page, syscall ABI.
#pragma once

#include <stdint.h>

struct VmLookupEntry {
  uint64_t frame = 0;  // physical address of the mapped frame; 0 when nothing is mapped
  uint8_t rights = 0;  // VmRights of the mapping (kVmRead at least); 0 when nothing is mapped
  uint8_t reserved[7] = {};
};
static_assert(sizeof(VmLookupEntry) == 16, "syscall ABI");

// Pages one vm_lookup call answers at most (8 KiB of answers).
inline constexpr uint32_t kVmLookupMaxPages = 512;
