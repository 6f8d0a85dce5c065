// What the vm_counters syscall copies out: one address space's vm_batch counters
// (kernel/vm/vm_batch.h, VmBatchCounters), read under that address space's lock, so the fields
// of one snapshot belong together. They only grow; a caller takes one before and one after the
// work it wants to count and subtracts (test/bench/user/mem_bench.cc).
#pragma once

#include <stdint.h>

struct VmCountersSnapshot {
  uint64_t batches = 0;           // vm_batch calls applied
  uint64_t rejected = 0;          // calls refused (nothing changed)
  uint64_t ops_before_merge = 0;  // operations as submitted, over applied calls
  uint64_t ops_after_merge = 0;   // operations walked after merging
  uint64_t pte_writes = 0;        // leaf entries written
  uint64_t tables_created = 0;    // intermediate tables linked in
  uint64_t invlpg = 0;            // single-page invalidations on the applying CPU
  uint64_t full_flushes = 0;      // full flushes on the applying CPU
  uint64_t shootdowns = 0;        // shootdown rounds (at most one per batch)
  // Shootdown IPIs sent: one per CPU targeted by a round (arch::send_call_ipi interrupts each
  // target once), summed over rounds.
  uint64_t shootdown_ipis = 0;
};
static_assert(sizeof(VmCountersSnapshot) == 10 * 8, "VmCountersSnapshot is syscall ABI");
