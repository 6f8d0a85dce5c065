// kernel_stats(stats): copies a KernelStats (abi/portcullis/kernel_stats.h) to user memory: the
// kernel's free frames and heap, its live objects per kind and the backlog of objects on their way
// to being freed. Any task may call it: the figures tell nothing about any one task.
//   the user range and copy answers of kernel/syscall/user_memory.h for `stats`
#include "abi/portcullis/kernel_stats.h"
#include "kernel/object/kernel_stats.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

template <>
SyscallReturn handle_syscall<Syscall::kernel_stats>(const SyscallArgs& args) {
  const uint64_t out = args.word[0];
  if (const Status s = check_user_range(out, sizeof(KernelStats)); s != Status::kOk) {
    return syscall_return(s);
  }
  const KernelStats stats = kernel_stats_now();
  return syscall_return(copy_to_user(out, &stats, sizeof(stats)));
}
