#include "kernel/syscall/syscall_allocation_faults.h"

#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/object/task.h"

namespace {

bool fail_allocation(uint64_t kind) {
  if (!AllocationFaults::any_armed()) return false;
  const Thread* thread = arch::current_thread();
  if (thread == nullptr) return false;
  AllocationFaults* faults = thread->allocation_faults();
  return faults != nullptr && faults->should_fail(kind);
}

bool fail_heap_allocation() { return fail_allocation(kFaultInjectHeap); }
bool fail_frame_allocation() { return fail_allocation(kFaultInjectFrames); }

}  // namespace

void install_allocation_fault_hooks() {
  if constexpr (!kAllocationFaultsEnabled) return;  // release: the allocators ask nobody
  g_kernel_heap.set_failure_hook(&fail_heap_allocation);
  kernel_frames().set_failure_hook(&fail_frame_allocation);
}

SyscallReturn run_syscall_with_allocation_faults(SyscallReturn (*handler)(const SyscallArgs&),
                                                 const SyscallArgs& args) {
  Thread* thread = arch::current_thread();
  Task* task = thread != nullptr && thread->is_user() ? thread->task() : nullptr;
  if (task == nullptr || !task->allocation_faults().armed()) return handler(args);
  thread->set_allocation_faults(&task->allocation_faults());
  const SyscallReturn result = handler(args);
  thread->set_allocation_faults(nullptr);
  return result;
}
