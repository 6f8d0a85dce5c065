#include "kernel/vm/page_tables.h"

uint64_t* PageTables::find_pt(uint64_t va) const {
  uint64_t* table = mmu_.table(pml4_phys_);
  for (uint32_t level = pte::kLevels; level > 1; level--) {
    const uint64_t e = load(&table[pte::index_at(va, level)]);
    if (!pte::present(e)) return nullptr;
    ASSERT((e & pte::kHuge) == 0);
    table = mmu_.table(pte::address(e));
  }
  return table;
}

uint64_t* PageTables::ensure_pt(uint64_t va) {
  uint64_t* table = mmu_.table(pml4_phys_);
  for (uint32_t level = pte::kLevels; level > 1; level--) {
    uint64_t* slot = &table[pte::index_at(va, level)];
    uint64_t e = load(slot);
    if (!pte::present(e)) {
      // A new, empty table: no CPU can hold a translation through a non-present entry, so linking
      // it needs no invalidation (Intel SDM Vol. 3A 4.10.2.3, 4.10.3.1).
      e = pte::make_table(mmu_.take_reserved_table());
      store(slot, e);
    }
    ASSERT((e & pte::kHuge) == 0);
    table = mmu_.table(pte::address(e));
  }
  return table;
}

uint64_t PageTables::lookup(uint64_t va) const {
  const uint64_t* pt = find_pt(va);
  return pt == nullptr ? 0 : load(&pt[pte::index_at(va, 1)]);
}
