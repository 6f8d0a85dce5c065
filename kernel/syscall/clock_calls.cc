// monotonic_ns: the kernel's clock (arch::monotonic_ns), the one timed waits measure their
// deadlines with (wait_calls.cc), so user space can compute deadlines that agree with them.
#include "kernel/arch/arch.h"
#include "kernel/syscall/syscall_dispatch.h"

template <>
SyscallReturn handle_syscall<Syscall::monotonic_ns>(const SyscallArgs&) {
  return syscall_return(Status::kOk, arch::monotonic_ns());
}
