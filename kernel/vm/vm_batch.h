// vm_batch: apply a memory server's batch of map/unmap/protect operations to one address space.
// Every operation is checked first and the batch is applied all or nothing; contiguous operations
// of one kind are merged; the TLB work of the whole batch is done once at the end (invlpg per page
// up to TlbInvalidation::kPages, a full flush above) with at most one shootdown round to the other
// CPUs where the address space is active. Unmaps and protects are complete when the call returns.
//
// The caller holds the address space's lock: apply is not safe against a concurrent apply to the
// same tree (two applies to different address spaces are independent).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "abi/portcullis/vm_op.h"
#include "kernel/vm/paging_backend.h"

struct VmBatchCounters {
  uint64_t batches = 0;           // calls applied
  uint64_t rejected = 0;          // calls refused by validation (nothing changed)
  uint64_t ops_before_merge = 0;  // operations as submitted, over applied calls
  uint64_t ops_after_merge = 0;   // operations actually walked after merging
  uint64_t pte_writes = 0;  // leaf entries written (maps, unmaps of present pages, changed rights)
  uint64_t tables_created = 0;  // intermediate tables linked in
  uint64_t invlpg = 0;          // local single-page invalidations
  uint64_t full_flushes = 0;    // local full flushes
  uint64_t shootdowns = 0;      // shootdown rounds (at most one per batch)
  uint64_t shootdown_cpus = 0;  // CPUs targeted, summed over rounds
};

struct [[nodiscard]] VmBatchResult {
  Status status = Status::kOk;
  uint32_t bad_index = 0;  // when status != kOk: the first operation that is wrong (count when
                           // the batch as a whole is, e.g. too many operations)
  constexpr bool ok() const { return status == Status::kOk; }
};

// Reasons a batch is refused, for the operation at bad_index:
//   kInvalidArgument  bad kind, zero pages, reserved bits, unknown rights, map/protect without
//   read,
//                     unmap with rights
//   kUnaligned        va or frame not page aligned
//   kOverflow         va or frame + size wraps around
//   kAccessDenied     the range reaches the kernel half (or the non-canonical hole); rights wider
//                     than the frames allow
//   kOutOfRange       frames beyond the physical address width; the batch exceeds kVmBatchMaxOps or
//                     kVmBatchMaxPages
//   kAlreadyExists    map onto a page that is mapped at that point of the batch
//   kNotFound         protect of a page that is not mapped at that point of the batch
//   kNoMemory         no frames for the new page tables (bad_index: the first map that needs one)
VmBatchResult vm_batch_apply(PagingBackend& mmu, uint64_t pml4_phys, const VmOp* ops,
                             uint32_t count, VmBatchCounters& counters);
