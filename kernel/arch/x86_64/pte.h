// x86-64 4-level paging (Intel SDM Vol. 3A 4.5, tables 4-15..4-20): the entry format and the one
// walk down a tree toward an address. Generic VM code reaches it as kernel/arch/pte.h and builds,
// reads and walks entries through these helpers only; the kernel's own tables
// (kernel/arch/x86_64/paging.cc) use the same ones. User address spaces map 4 KiB pages only; the
// kernel's direct map uses 2 MiB ones.
#pragma once

#include <stdint.h>

#include "abi/portcullis/vm_op.h"
#include "base/assert.h"

namespace pte {

inline constexpr uint64_t kPresent = uint64_t{1} << 0;
inline constexpr uint64_t kWritable = uint64_t{1} << 1;  // R/W
inline constexpr uint64_t kUser = uint64_t{1} << 2;      // U/S
inline constexpr uint64_t kWriteThrough = uint64_t{1} << 3;
inline constexpr uint64_t kCacheDisable = uint64_t{1} << 4;
inline constexpr uint64_t kAccessed = uint64_t{1} << 5;
inline constexpr uint64_t kDirty = uint64_t{1} << 6;
inline constexpr uint64_t kHuge = uint64_t{1} << 7;  // PS in a PDPTE/PDE; user space never gets one
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

// Entries are read and written with single aligned 64-bit accesses: other CPUs' page walkers may
// read an entry at any moment, and such an access is never torn.
inline uint64_t load(const uint64_t* slot) { return __atomic_load_n(slot, __ATOMIC_RELAXED); }
inline void store(uint64_t* slot, uint64_t value) {
  __atomic_store_n(slot, value, __ATOMIC_RELAXED);
}

// A non-leaf entry for user space grants everything: x86 ANDs R/W and U/S and ORs XD down the walk,
// so the leaf alone decides the rights and the tables can be shared by any mix of leaves.
constexpr uint64_t make_table(uint64_t table_phys) {
  return (table_phys & kAddressMask) | kPresent | kWritable | kUser;
}

// A non-leaf entry in the kernel's half: supervisor only.
constexpr uint64_t make_kernel_table(uint64_t table_phys) {
  return (table_phys & kAddressMask) | kPresent | kWritable;
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

// Whether a tree may hold large pages (PS in a PDPTE or PDE): the kernel's does (the direct map),
// user address spaces never do, and their walks only assert it.
enum class LargePages : bool { kNever, kPossible };

// Where a walk toward `va` ended: `table` is the table of `level` on va's path. The walk reached
// its target level unless it stopped above it, at table[index_at(va, level)]: an entry that is not
// present (and was not filled) or that maps a large page.
struct WalkEnd {
  uint64_t* table;
  uint32_t level;
  uint64_t* slot(uint64_t va) const { return &table[index_at(va, level)]; }
};

// The walk: from the top table `pml4` toward `va`, down to the table of level kTarget (1 = the page
// table, whose entries are the 4 KiB leaves). `table_at(phys)` reaches a table (the direct map in
// the kernel, a fake physical memory in host tests). `fill(slot, level)` is asked about each
// missing entry on the way: it either links a new table there and returns true, or returns false
// and the walk stops. The levels are compile-time constants, so the loop unrolls into the plain
// sequence of loads.
template <uint32_t kTarget, LargePages kLarge, typename TableAt, typename Fill>
WalkEnd walk(uint64_t* pml4, uint64_t va, TableAt&& table_at, Fill&& fill) {
  static_assert(kTarget >= 1 && kTarget < kLevels);
  uint64_t* table = pml4;
  for (uint32_t level = kLevels; level > kTarget; --level) {
    uint64_t* slot = &table[index_at(va, level)];
    uint64_t e = load(slot);
    if (!present(e)) {
      if (!fill(slot, level)) return WalkEnd{table, level};
      e = load(slot);
    }
    if constexpr (kLarge == LargePages::kPossible) {
      if ((e & kHuge) != 0) return WalkEnd{table, level};
    } else {
      ASSERT((e & kHuge) == 0);
    }
    table = table_at(address(e));
  }
  return WalkEnd{table, kTarget};
}

// The same walk without creating anything.
template <uint32_t kTarget, LargePages kLarge, typename TableAt>
WalkEnd find(uint64_t* pml4, uint64_t va, TableAt&& table_at) {
  return walk<kTarget, kLarge>(pml4, va, table_at, [](uint64_t*, uint32_t) { return false; });
}

static_assert(leaf_rights(make_leaf(0x1000, kVmRead)) == kVmRead);
static_assert(leaf_rights(make_leaf(0x1000, kVmRead | kVmWrite | kVmExec)) == kVmRightsMask);
static_assert(make_leaf(0x1000, kVmRead) == (0x1000 | kPresent | kUser | kNoExecute));

}  // namespace pte
