#include "kernel/vm/page_tables.h"

// User address spaces map 4 KiB pages only: their walks assert there is no large page on the way.
uint64_t* PageTables::find_pt(uint64_t va) const {
  const pte::WalkEnd end = pte::find<1, pte::LargePages::kNever>(top(), va, table_at());
  return end.level == 1 ? end.table : nullptr;
}

uint64_t* PageTables::ensure_pt(uint64_t va) {
  return pte::walk<1, pte::LargePages::kNever>(
             top(), va, table_at(),
             [this](uint64_t* slot, uint32_t) {
               // A new, empty table: no CPU can hold a translation through a non-present entry, so
               // linking it needs no invalidation (Intel SDM Vol. 3A 4.10.2.3, 4.10.3.1).
               pte::store(slot, pte::make_table(mmu_.take_reserved_table()));
               return true;
             })
      .table;
}

uint64_t PageTables::lookup(uint64_t va) const {
  const uint64_t* pt = find_pt(va);
  return pt == nullptr ? 0 : pte::load(&pt[pte::index_at(va, 1)]);
}
