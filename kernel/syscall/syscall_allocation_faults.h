// Whose kernel allocations fault_inject makes fail (docs/fault-injection.md): only those made
// while a user thread runs a syscall of its own task, drawn from that task's setting
// (kernel/mm/allocation_faults.h). The setting the running code draws from is the running
// thread's allocation_faults(): the dispatch sets it for the length of the call and clears it
// after, and it travels with the thread when the call blocks and another thread runs on the CPU, or
// when the thread moves to another CPU. An interrupt on the CPU (the timer, an IPI) lends nothing:
// its entry from kernel mode takes the setting away until it returns (AllocationFaultsPause).
// Kernel threads (the reaper, the program runner) never have one.
//
// With no setting armed anywhere the cost is one relaxed load per syscall and per allocation, in
// debug kernels only: a release kernel (kAllocationFaultsEnabled false) installs no hooks, checks
// nothing on the syscall path and pauses nothing on the interrupt path.
#pragma once

#include "kernel/arch/arch.h"
#include "kernel/mm/allocation_faults.h"
#include "kernel/object/thread.h"
#include "kernel/syscall/syscall_dispatch.h"

// The heap's and the frame allocator's failure hooks; once at boot, after kernel_memory_init and
// before any other CPU runs.
void install_allocation_fault_hooks();

// The dispatch's slow path while some setting is armed: runs handler(args) drawing from the
// calling task's setting, if it is armed.
SyscallReturn run_syscall_with_allocation_faults(SyscallReturn (*handler)(const SyscallArgs&),
                                                 const SyscallArgs& args);

// Held by the interrupt entry from kernel mode: nothing the interrupt allocates is the
// interrupted syscall's. A switch to another thread inside the interrupt and back leaves the
// interrupted thread's setting on its own stack until the interrupt returns on it.
class AllocationFaultsPause {
 public:
  AllocationFaultsPause() : thread_(kAllocationFaultsEnabled ? arch::current_thread() : nullptr) {
    if (thread_ == nullptr) return;  // always, in a release kernel: nothing on the interrupt path
    saved_ = thread_->allocation_faults();
    if (saved_ != nullptr) thread_->set_allocation_faults(nullptr);
  }
  ~AllocationFaultsPause() {
    if (saved_ != nullptr) thread_->set_allocation_faults(saved_);
  }
  AllocationFaultsPause(const AllocationFaultsPause&) = delete;
  AllocationFaultsPause& operator=(const AllocationFaultsPause&) = delete;

 private:
  Thread* const thread_;
  AllocationFaults* saved_ = nullptr;
};
