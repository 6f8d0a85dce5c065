#include "kernel/syscall/syscall_dispatch.h"

#include "kernel/mm/allocation_faults.h"
#include "kernel/syscall/syscall_allocation_faults.h"
#include "kernel/syscall/syscall_table.h"

namespace {

using SyscallHandler = SyscallReturn (*)(const SyscallArgs&);

constexpr SyscallHandler kHandlers[kSyscallCount] = {
#define PORTCULLIS_SYSCALL_HANDLER(number, name, args, extra) &handle_syscall<Syscall::name>,
    PORTCULLIS_SYSCALLS(PORTCULLIS_SYSCALL_HANDLER)
#undef PORTCULLIS_SYSCALL_HANDLER
};

}  // namespace

extern "C" SyscallReturn syscall_dispatch(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                                          uint64_t a4, uint64_t a5, uint64_t number) {
  // All 64 bits of rax name the call: 2^32 + 0 is not debug_write.
  if (number >= kSyscallCount) return syscall_return(Status::kNotSupported);
  const SyscallArgs args{{a0, a1, a2, a3, a4, a5}};
  // Some task asked for failing allocations (fault_inject): this call may be one of its.
  if (AllocationFaults::any_armed()) [[unlikely]] {
    return run_syscall_with_allocation_faults(kHandlers[number], args);
  }
  // No kill check here: a thread of a killed task ends at its next interrupt from ring 3 (within
  // one timer tick, see user_thread.h), which keeps the check off every syscall's return path.
  return kHandlers[number](args);
}
