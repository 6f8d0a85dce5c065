// A view of one address space's 4-level tree (user half only): find a leaf slot, create the path
// to one from reserved frames, look an address up, and visit every present leaf (the checkers in
// the host tests and, later, address-space teardown use the last).
#pragma once

#include <stdint.h>

#include "base/assert.h"
#include "kernel/arch/pte.h"
#include "kernel/vm/paging_backend.h"

class PageTables {
 public:
  PageTables(PagingBackend& mmu, uint64_t pml4_phys) : mmu_(mmu), pml4_phys_(pml4_phys) {}

  // The page table (level 1) covering `va`, or nullptr when a table on the way is missing.
  uint64_t* find_pt(uint64_t va) const;
  // Same, creating missing tables from the backend's reservation.
  uint64_t* ensure_pt(uint64_t va);
  // The leaf entry for `va` (0 when not mapped).
  uint64_t lookup(uint64_t va) const;

  // Missing tables a map of [va, end) would create, leaving out the regions `skip(level, base)`
  // says are already counted (regions shared with an earlier map of the same batch).
  template <typename Skip>
  uint32_t count_missing_tables(uint64_t va, uint64_t end, Skip&& skip) const {
    return count_missing(pte::kLevels, mmu_.table(pml4_phys_), va, end, skip);
  }

  // f(va, entry) for every present leaf of the user half, in increasing address order.
  template <typename F>
  void for_each_present(F&& f) const {
    visit(pte::kLevels, pml4_phys_, 0, f);
  }

 private:
  uint64_t* top() const { return mmu_.table(pml4_phys_); }
  auto table_at() const {
    return [this](uint64_t phys) { return mmu_.table(phys); };
  }

  template <typename Skip>
  uint32_t count_missing(uint32_t level, const uint64_t* table, uint64_t va, uint64_t end,
                         Skip& skip) const {
    if (level == 1) return 0;
    uint32_t count = 0;
    const uint64_t span = pte::level_span(level);
    while (va < end) {
      const uint64_t region = va & ~(span - 1);
      const uint64_t region_end = region + span;
      const uint64_t sub_end = end < region_end ? end : region_end;
      const uint64_t* child = nullptr;
      if (table != nullptr) {
        const uint64_t e = pte::load(&table[pte::index_at(va, level)]);
        ASSERT(!pte::present(e) || (e & pte::kHuge) == 0);
        if (pte::present(e)) child = mmu_.table(pte::address(e));
      }
      if (child == nullptr && !skip(level - 1, region)) count++;
      count += count_missing(level - 1, child, va, sub_end, skip);
      va = sub_end;
    }
    return count;
  }

  template <typename F>
  void visit(uint32_t level, uint64_t table_phys, uint64_t base, F& f) const {
    const uint64_t* table = mmu_.table(table_phys);
    // The PML4's upper half maps the kernel: never visited, never edited.
    const uint32_t limit = level == pte::kLevels ? pte::kEntries / 2 : pte::kEntries;
    for (uint32_t i = 0; i < limit; i++) {
      const uint64_t e = pte::load(&table[i]);
      if (!pte::present(e)) continue;
      const uint64_t va = base + (uint64_t{i} << pte::level_shift(level));
      if (level == 1) {
        f(va, e);
      } else {
        ASSERT((e & pte::kHuge) == 0);
        visit(level - 1, pte::address(e), va, f);
      }
    }
  }

  PagingBackend& mmu_;
  const uint64_t pml4_phys_;
};
