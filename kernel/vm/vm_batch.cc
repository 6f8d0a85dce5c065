#include "kernel/vm/vm_batch.h"

#include <atomic>

#include "base/assert.h"
#include "kernel/arch/pte.h"
#include "kernel/vm/page_tables.h"

namespace {

constexpr uint64_t kPtSpan = pte::level_span(2);  // what one page table maps: 2 MiB

constexpr bool covers(const VmOp& op, uint64_t va) { return va >= op.va && va < op.end(); }
constexpr bool overlaps(const VmOp& op, uint64_t base, uint64_t end) {
  return op.va < end && base < op.end();
}

// Page-table lookups for a run of increasing addresses: one walk per 2 MiB instead of per page.
class LeafCursor {
 public:
  explicit LeafCursor(PageTables& tables) : tables_(tables) {}
  const uint64_t* slot(uint64_t va) {
    const uint64_t region = va & ~(kPtSpan - 1);
    if (region != region_) {
      region_ = region;
      pt_ = tables_.find_pt(va);
    }
    return pt_ == nullptr ? nullptr : &pt_[pte::index_at(va, 1)];
  }

 private:
  PageTables& tables_;
  uint64_t region_ = ~uint64_t{0};
  const uint64_t* pt_ = nullptr;
};

// What a page holds just before operation `index` runs: the latest earlier operation of the batch
// that covers it decides (a protect keeps the frame), else the page tables as they are now.
struct PageState {
  bool mapped = false;
  uint64_t frame = 0;
};

class BatchChecker {
 public:
  BatchChecker(PagingBackend& mmu, PageTables& tables, const VmOp* ops)
      : mmu_(mmu), tables_(tables), ops_(ops) {}

  // The checks that need only the operation itself.
  static Status check_shape(const VmOp& op) {
    if (op.kind != VmOpKind::kMap && op.kind != VmOpKind::kUnmap && op.kind != VmOpKind::kProtect) {
      return Status::kInvalidArgument;
    }
    if (op.page_count == 0 || op.reserved != 0) return Status::kInvalidArgument;
    if (op.kind == VmOpKind::kUnmap) {
      if (op.rights != 0 || op.frame != 0) return Status::kInvalidArgument;
    } else {
      if ((op.rights & ~kVmRightsMask) != 0 || (op.rights & kVmRead) == 0) {
        return Status::kInvalidArgument;
      }
      if (op.kind == VmOpKind::kProtect && op.frame != 0) return Status::kInvalidArgument;
    }
    if ((op.va & (kPageSize - 1)) != 0) return Status::kUnaligned;
    if (op.kind == VmOpKind::kMap && (op.frame & (kPageSize - 1)) != 0) return Status::kUnaligned;
    // page_count < 2^32, so bytes cannot overflow; a range may end exactly at 2^64 (its last byte
    // does not wrap), which the kernel-half check then refuses.
    const uint64_t last = op.bytes() - 1;
    if (op.va + last < op.va) return Status::kOverflow;
    if (op.va + last >= kUserTop) return Status::kAccessDenied;
    if (op.kind == VmOpKind::kMap) {
      if (op.frame + last < op.frame) return Status::kOverflow;
      if (op.frame + last >= kPhysTop) return Status::kOutOfRange;
    }
    return Status::kOk;
  }

  // The checks against the state each page will be in when the operation runs (after the earlier
  // operations of the batch). Per page, so called only once the batch's size is bounded.
  Status check_state(uint32_t index) {
    const VmOp& op = ops_[index];
    collect_overlaps(index);
    LeafCursor cursor(tables_);
    switch (op.kind) {
      case VmOpKind::kMap: {
        if (!vm_rights_within(op.rights, mmu_.frame_rights(op.frame, op.page_count))) {
          return Status::kAccessDenied;
        }
        for (uint64_t va = op.va; va < op.end(); va += kPageSize) {
          if (state_before(va, cursor).mapped) return Status::kAlreadyExists;
        }
        const uint32_t missing = tables_.count_missing_tables(
            op.va, op.end(), [&](uint32_t child_level, uint64_t region) {
              return created_by_earlier_map(index, region, pte::level_span(child_level + 1));
            });
        if (missing > 0 && tables_needed_ == 0) first_needing_table_ = index;
        tables_needed_ += missing;
        return Status::kOk;
      }
      case VmOpKind::kProtect:
        for (uint64_t va = op.va; va < op.end(); va += kPageSize) {
          const PageState s = state_before(va, cursor);
          if (!s.mapped) return Status::kNotFound;
          if (!vm_rights_within(op.rights, mmu_.frame_rights(s.frame, 1)))
            return Status::kAccessDenied;
        }
        return Status::kOk;
      case VmOpKind::kUnmap:
        return Status::kOk;  // holes are fine: an unmap states the end result
    }
    return Status::kInvalidArgument;
  }

  uint32_t tables_needed() const { return tables_needed_; }
  uint32_t first_needing_table() const { return first_needing_table_; }

 private:
  // Earlier operations whose range meets this one's: usually none, so the per-page scan below
  // costs one table lookup per page.
  void collect_overlaps(uint32_t index) {
    overlap_count_ = 0;
    const VmOp& op = ops_[index];
    for (uint32_t j = 0; j < index; j++) {
      if (overlaps(ops_[j], op.va, op.end())) overlap_[overlap_count_++] = static_cast<uint16_t>(j);
    }
  }

  PageState state_before(uint64_t va, LeafCursor& cursor) const {
    for (uint32_t k = overlap_count_; k-- > 0;) {
      const VmOp& o = ops_[overlap_[k]];
      if (!covers(o, va)) continue;
      if (o.kind == VmOpKind::kMap) return PageState{true, o.frame + (va - o.va)};
      if (o.kind == VmOpKind::kUnmap) return PageState{false, 0};
    }
    const uint64_t* slot = cursor.slot(va);
    const uint64_t e = slot == nullptr ? 0 : pte::load(slot);
    return pte::present(e) ? PageState{true, pte::address(e)} : PageState{};
  }

  // A table covering [base, base + span) that is missing now is created by the first map of the
  // batch that reaches into it; count it there only.
  bool created_by_earlier_map(uint32_t index, uint64_t base, uint64_t span) const {
    for (uint32_t j = 0; j < index; j++) {
      if (ops_[j].kind == VmOpKind::kMap && overlaps(ops_[j], base, base + span)) return true;
    }
    return false;
  }

  PagingBackend& mmu_;
  PageTables& tables_;
  const VmOp* ops_;
  uint16_t overlap_[kVmBatchMaxOps] = {};
  uint32_t overlap_count_ = 0;
  uint32_t tables_needed_ = 0;
  uint32_t first_needing_table_ = 0;
};
static_assert(kVmBatchMaxOps <= 65536, "overlap_ holds operation indexes as uint16_t");

// Applies one (merged, validated) operation; records the pages whose old translation may be cached.
void apply_op(const VmOp& op, PageTables& tables, TlbInvalidation& inv, VmBatchCounters& counters) {
  uint64_t va = op.va;
  while (va < op.end()) {
    const uint64_t region_end = (va & ~(kPtSpan - 1)) + kPtSpan;
    const uint64_t stop = op.end() < region_end ? op.end() : region_end;
    uint64_t* pt = op.kind == VmOpKind::kMap ? tables.ensure_pt(va) : tables.find_pt(va);
    if (pt == nullptr) {
      ASSERT(op.kind == VmOpKind::kUnmap);  // validation saw every protected page mapped
      va = stop;
      continue;
    }
    for (; va < stop; va += kPageSize) {
      uint64_t* slot = &pt[pte::index_at(va, 1)];
      const uint64_t old = pte::load(slot);
      switch (op.kind) {
        case VmOpKind::kMap:
          // Non-present before: nothing to invalidate (no TLB caches a non-present entry).
          ASSERT(!pte::present(old));
          pte::store(slot, pte::make_leaf(op.frame + (va - op.va), op.rights));
          counters.pte_writes++;
          break;
        case VmOpKind::kUnmap:
          if (!pte::present(old)) break;
          pte::store(slot, 0);
          counters.pte_writes++;
          inv.add(va);
          break;
        case VmOpKind::kProtect: {
          ASSERT(pte::present(old));
          const uint64_t now = pte::reprotect_leaf(old, op.rights);
          if (now == old) break;
          pte::store(slot, now);
          counters.pte_writes++;
          // Widening too: there is no spurious-fault fixup, so a stale read-only entry must go.
          inv.add(va);
          break;
        }
      }
    }
  }
}

void invalidate(PagingBackend& mmu, const TlbInvalidation& inv, VmBatchCounters& counters) {
  if (inv.empty()) return;
  // Entries first, then the set of CPUs: a CPU that loads this address space after we read the set
  // walks the new entries (its CR3 load flushes the rest), and one loaded before is in the set.
  std::atomic_thread_fence(std::memory_order_seq_cst);
  const CpuSet active = mmu.active_cpus();
  const uint32_t self = mmu.current_cpu();
  if (active.contains(self)) {
    if (inv.full) {
      mmu.flush_local();
      counters.full_flushes++;
    } else {
      for (uint32_t i = 0; i < inv.page_count; i++) mmu.invalidate_page(inv.pages[i]);
      counters.invlpg += inv.page_count;
    }
  }
  const CpuSet remote = active.without(CpuSet::single(self));
  if (!remote.empty()) {
    mmu.shootdown(remote, inv);
    counters.shootdowns++;
    counters.shootdown_cpus += remote.count();
  }
}

}  // namespace

VmBatchResult vm_batch_apply(PagingBackend& mmu, uint64_t pml4_phys, const VmOp* ops,
                             uint32_t count, VmBatchCounters& counters) {
  if (count > kVmBatchMaxOps) {
    counters.rejected++;
    return VmBatchResult{Status::kOutOfRange, kVmBatchMaxOps};
  }
  PageTables tables(mmu, pml4_phys);

  // 1. Validate everything before touching anything.
  BatchChecker checker(mmu, tables, ops);
  uint64_t total_pages = 0;
  for (uint32_t i = 0; i < count; i++) {
    Status s = BatchChecker::check_shape(ops[i]);
    total_pages += ops[i].page_count;
    if (s == Status::kOk && total_pages > kVmBatchMaxPages) s = Status::kOutOfRange;
    if (s == Status::kOk) s = checker.check_state(i);
    if (s != Status::kOk) {
      counters.rejected++;
      return VmBatchResult{s, i};
    }
  }
  // 2. The only resource apply needs: all the new tables at once, or nothing changes.
  const uint32_t tables_needed = checker.tables_needed();
  if (tables_needed > 0 && mmu.reserve_tables(tables_needed) != Status::kOk) {
    counters.rejected++;
    return VmBatchResult{Status::kNoMemory, checker.first_needing_table()};
  }

  // 3. Apply, merging as we go; this cannot fail.
  TlbInvalidation inv;
  uint32_t merged = 0;
  for (uint32_t i = 0; i < count;) {
    VmOp op = ops[i++];
    while (i < count && vm_op_merge(op, ops[i])) i++;
    apply_op(op, tables, inv, counters);
    merged++;
  }
  if (tables_needed > 0) mmu.release_reserved_tables();

  // 4. One invalidation for the batch.
  invalidate(mmu, inv, counters);

  counters.batches++;
  counters.ops_before_merge += count;
  counters.ops_after_merge += merged;
  counters.tables_created += tables_needed;
  return VmBatchResult{Status::kOk, count};
}
