// The page the kernel hands init (kSlotBootInfo, abi/portcullis/cap_slots.h): what init knows of
// the boot modules other than itself. Each module's image is a Module capability in init's space;
// the entry names its slot, its size and its module line (name and arguments, as GRUB passed
// them), which init gives to task_spawn as the program's argv (docs/init.md).
#pragma once

#include <stdint.h>

#include "abi/portcullis/page.h"
#include "abi/portcullis/program_layout.h"

inline constexpr uint32_t kBootInfoMagic = 0x504F5254;  // "PORT"
inline constexpr uint32_t kBootInfoMaxModules = 15;     // every module GRUB may pass but init

struct BootModuleEntry {
  uint32_t slot;  // the Module capability's slot in init's space
  uint32_t reserved;
  uint64_t bytes;                   // the image's size
  char line[kProgramMaxLineBytes];  // NUL-terminated; cut to fit
};

struct BootInfoPage {
  uint32_t magic;  // kBootInfoMagic
  uint32_t module_count;
  uint64_t reserved;
  BootModuleEntry modules[kBootInfoMaxModules];
};
static_assert(sizeof(BootInfoPage) <= kPageSize, "the boot info is one page");
