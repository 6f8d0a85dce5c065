// The reference model of vm_batch: a map from page to (frame, rights), with the rules of
// kernel/vm/vm_batch.h written out the plain way (one page at a time, a copy for all-or-nothing).
// Tests and the fuzzer apply the same batches to it and to real page tables and compare.
#pragma once

#include <stdint.h>

#include <map>

#include "kernel/arch/pte.h"
#include "kernel/vm/vm_batch.h"
#include "test/host/kernel/vm/fake_machine.h"

namespace fake {

struct ModelPage {
  uint64_t frame;
  uint8_t rights;
  bool operator==(const ModelPage&) const = default;
};

class VmModel {
 public:
  VmBatchResult apply(const VmOp* ops, uint32_t count) {
    if (count > kVmBatchMaxOps) return VmBatchResult{Status::kOutOfRange, kVmBatchMaxOps};
    std::map<uint64_t, ModelPage> next = pages_;
    uint64_t total = 0;
    for (uint32_t i = 0; i < count; i++) {
      Status s = check_shape(ops[i]);
      total += ops[i].page_count;
      if (s == Status::kOk && total > kVmBatchMaxPages) s = Status::kOutOfRange;
      if (s == Status::kOk) s = apply_one(next, ops[i]);
      if (s != Status::kOk) return VmBatchResult{s, i};
    }
    pages_ = std::move(next);
    return VmBatchResult{Status::kOk, count};
  }

  const std::map<uint64_t, ModelPage>& pages() const { return pages_; }

  // The page tables hold exactly the model's pages.
  bool matches(const std::map<uint64_t, uint64_t>& leaves) const {
    if (leaves.size() != pages_.size()) return false;
    for (const auto& [va, e] : leaves) {
      auto it = pages_.find(va);
      if (it == pages_.end()) return false;
      if (pte::address(e) != it->second.frame || pte::leaf_rights(e) != it->second.rights)
        return false;
      if (e != pte::make_leaf(it->second.frame, it->second.rights)) return false;  // no stray bits
    }
    return true;
  }

 private:
  static Status check_shape(const VmOp& op) {
    const bool map = op.kind == VmOpKind::kMap, unmap = op.kind == VmOpKind::kUnmap,
               protect = op.kind == VmOpKind::kProtect;
    if (!map && !unmap && !protect) return Status::kInvalidArgument;
    if (op.page_count == 0 || op.reserved != 0) return Status::kInvalidArgument;
    if (unmap && (op.rights != 0 || op.frame != 0)) return Status::kInvalidArgument;
    if (!unmap && ((op.rights & ~kVmRightsMask) != 0 || !(op.rights & kVmRead))) {
      return Status::kInvalidArgument;
    }
    if (protect && op.frame != 0) return Status::kInvalidArgument;
    if (op.va % kPageSize != 0) return Status::kUnaligned;
    if (map && op.frame % kPageSize != 0) return Status::kUnaligned;
    const unsigned __int128 size = static_cast<unsigned __int128>(op.page_count) * kPageSize;
    if (op.va + size > (static_cast<unsigned __int128>(1) << 64)) return Status::kOverflow;
    if (op.va + size > kUserTop) return Status::kAccessDenied;
    if (map && op.frame + size > (static_cast<unsigned __int128>(1) << 64))
      return Status::kOverflow;
    if (map && op.frame + size > kPhysTop) return Status::kOutOfRange;
    return Status::kOk;
  }

  static Status apply_one(std::map<uint64_t, ModelPage>& pages, const VmOp& op) {
    const bool map = op.kind == VmOpKind::kMap, unmap = op.kind == VmOpKind::kUnmap;
    if (map) {
      for (uint64_t p = 0; p < op.page_count; p++) {
        if (!vm_rights_within(op.rights, region_rights(op.frame + p * kPageSize)) ||
            region_rights(op.frame + p * kPageSize) != region_rights(op.frame)) {
          return Status::kAccessDenied;
        }
      }
      for (uint64_t p = 0; p < op.page_count; p++) {
        if (pages.count(op.va + p * kPageSize)) return Status::kAlreadyExists;
      }
      for (uint64_t p = 0; p < op.page_count; p++) {
        pages[op.va + p * kPageSize] = ModelPage{op.frame + p * kPageSize, op.rights};
      }
    } else if (unmap) {
      pages.erase(pages.lower_bound(op.va), pages.lower_bound(op.end()));
    } else {
      for (uint64_t p = 0; p < op.page_count; p++) {
        auto it = pages.find(op.va + p * kPageSize);
        if (it == pages.end()) return Status::kNotFound;
        if (!vm_rights_within(op.rights, region_rights(it->second.frame)))
          return Status::kAccessDenied;
      }
      for (uint64_t p = 0; p < op.page_count; p++) pages[op.va + p * kPageSize].rights = op.rights;
    }
    return Status::kOk;
  }

  std::map<uint64_t, ModelPage> pages_;
};

}  // namespace fake
