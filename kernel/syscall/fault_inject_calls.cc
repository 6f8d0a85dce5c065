// fault_inject(kinds, after, count): the calling task's next syscalls' kernel allocations of
// `kinds` (abi/portcullis/fault_inject.h) fail: the first `after` go through, the next `count`
// answer as if memory had run out, then the setting turns itself off (docs/fault-injection.md).
// kinds 0 turns it off. Only the caller's own task is touched, so any task may call it: it can
// only make its own calls fail. rdx: the failures the replaced setting injected, so
// fault_inject(0, 0, 0) after a call tells whether the call met an injected failure.
//   kBadState         no task (kernel code)
//   kInvalidArgument  an unknown kind bit; count 0 with kinds; after or count with kinds 0
#include "kernel/mm/allocation_faults.h"
#include "kernel/object/task.h"
#include "kernel/syscall/syscall_dispatch.h"

template <>
SyscallReturn handle_syscall<Syscall::fault_inject>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  uint64_t injected = 0;
  const Status s =
      task->allocation_faults().set(args.word[0], args.word[1], args.word[2], &injected);
  return syscall_return(s, injected);
}
