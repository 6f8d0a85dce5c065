// x86-64 4-level paging entries (Intel SDM Vol. 3A 4.5, tables 4-15..4-20), 4 KiB pages only.
// Generic VM code builds and reads entries through these helpers and nothing else.
#pragma once

#include <stdint.h>

#include "abi/portcullis/vm_op.h"

namespace pte {

inline constexpr uint64_t kPresent = uint64_t{1} << 0;
inline constexpr uint64_t kWritable = uint64_t{1} << 1;  // R/W
inline constexpr uint64_t kUser = uint64_t{1} << 2;      // U/S
inline constexpr uint64_t kWriteThrough = uint64_t{1} << 3;
inline constexpr uint64_t kCacheDisable = uint64_t{1} << 4;
inline constexpr uint64_t kAccessed = uint64_t{1} << 5;
inline constexpr uint64_t kDirty = uint64_t{1} << 6;
inline constexpr uint64_t kHuge = uint64_t{1} << 7;      // PS in a PDPTE/PDE; user space never gets one
inline constexpr uint64_t kGlobal = uint64_t{1} << 8;
inline constexpr uint64_t kNoExecute = uint64_t{1} << 63;  // needs EFER.NXE
// Bits 12..51: the physical address of the frame or next table (MAXPHYADDR <= 52).
inline constexpr uint64_t kAddressMask = 0x000f'ffff'ffff'f000;

inline constexpr uint32_t kEntries = 512;
inline constexpr uint32_t kLevels = 4;  // 4 = PML4, 3 = PDPT, 2 = PD, 1 = PT
static_assert(kEntries * sizeof(uint64_t) == kPageSize, "a paging structure fills one 4 KiB frame");
static_assert((kAddressMask & (kPresent | kWritable | kUser | kAccessed | kDirty | kHuge | kGlobal |
                               kNoExecute)) == 0,
              "flag bits and address bits are disjoint");

// Bits of the virtual address each level translates, and the span one entry of it covers.
constexpr uint32_t level_shift(uint32_t level) { return kPageShift + 9 * (level - 1); }
constexpr uint64_t level_span(uint32_t level) { return uint64_t{1} << level_shift(level); }
constexpr uint32_t index_at(uint64_t va, uint32_t level) {
  return static_cast<uint32_t>((va >> level_shift(level)) & (kEntries - 1));
}
static_assert(level_shift(4) == 39 && level_shift(1) == 12, "PML4 indexes bits 47:39, PT 20:12");

constexpr bool present(uint64_t e) { return (e & kPresent) != 0; }
constexpr uint64_t address(uint64_t e) { return e & kAddressMask; }

// A non-leaf entry for user space grants everything: x86 ANDs R/W and U/S and ORs XD down the walk,
// so the leaf alone decides the rights and the tables can be shared by any mix of leaves.
constexpr uint64_t make_table(uint64_t table_phys) {
  return (table_phys & kAddressMask) | kPresent | kWritable | kUser;
}

constexpr uint64_t make_leaf(uint64_t frame_phys, uint8_t rights) {
  return (frame_phys & kAddressMask) | kPresent | kUser | ((rights & kVmWrite) ? kWritable : 0) |
         ((rights & kVmExec) ? 0 : kNoExecute);
}

// Rights of a present leaf, the inverse of make_leaf.
constexpr uint8_t leaf_rights(uint64_t e) {
  return static_cast<uint8_t>(kVmRead | ((e & kWritable) ? kVmWrite : 0) |
                              ((e & kNoExecute) ? 0 : kVmExec));
}

// A protect keeps the frame and the hardware-maintained A/D bits and replaces the rights.
constexpr uint64_t reprotect_leaf(uint64_t e, uint8_t rights) {
  return make_leaf(address(e), rights) | (e & (kAccessed | kDirty));
}

static_assert(leaf_rights(make_leaf(0x1000, kVmRead)) == kVmRead);
static_assert(leaf_rights(make_leaf(0x1000, kVmRead | kVmWrite | kVmExec)) == kVmRightsMask);
static_assert(make_leaf(0x1000, kVmRead) == (0x1000 | kPresent | kUser | kNoExecute));

}  // namespace pte
