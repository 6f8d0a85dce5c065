// io_counters(cpu, counters): copies an IoCountersSnapshot (abi/portcullis/io_counters_snapshot.h)
// of one online CPU's I/O counters, or with cpu = kIoCountersAllCpus their sum over every online
// CPU, to user memory; rdx = the number of online CPUs. Other CPUs keep counting while they are
// read: each field is one relaxed load (CpuCounter), never torn, and the sum is at least what the
// CPUs counted before the call and at most what they counted by its end.
//   kOutOfRange   cpu is neither an online CPU's index nor kIoCountersAllCpus
//   then the user range and copy answers of kernel/syscall/user_memory.h for `counters`
#include "abi/portcullis/io_counters_snapshot.h"
#include "base/cpu_set.h"
#include "kernel/arch/arch.h"
#include "kernel/object/io_counters.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

template <>
SyscallReturn handle_syscall<Syscall::io_counters>(const SyscallArgs& args) {
  const uint64_t cpu_word = args.word[0];
  const uint64_t out = args.word[1];
  const CpuSet online = arch::online_cpus();
  IoCounters sum;
  if (cpu_word == kIoCountersAllCpus) {
    for (const uint32_t cpu : online) {
      if (const IoCounters* c = arch::io_counters_of(cpu); c != nullptr) sum += *c;
    }
  } else {
    const IoCounters* c =
        cpu_word < kMaxCpus ? arch::io_counters_of(static_cast<uint32_t>(cpu_word)) : nullptr;
    if (c == nullptr) return syscall_return(Status::kOutOfRange, online.count());
    sum += *c;
  }
  const IoCountersSnapshot snapshot = sum.snapshot();
  if (const Status s = check_user_range(out, sizeof(snapshot)); s != Status::kOk) {
    return syscall_return(s, online.count());
  }
  return syscall_return(copy_to_user(out, &snapshot, sizeof(snapshot)), online.count());
}
