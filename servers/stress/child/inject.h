// stress_child's `inject SEED` mode (the churn workload): allocation failures injected into its
// own system calls (fault_inject), every answer checked.
#pragma once

namespace stress {

// Makes kInjectRounds calls that allocate in the kernel (endpoint_create, a badged cap_copy,
// io_bitmap_create, a thread), each with some of its allocations made to fail at a point drawn
// from `seed`; every answer must be kOk or kNoMemory. Returns 0; on any other answer it prints
// the call and the answer and faults, so the parent sees the task end faulted.
int run_inject(const char* seed_text);

}  // namespace stress
