#include "kernel/syscall/syscall_dispatch.h"

#include "kernel/object/user_thread.h"

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
  const SyscallReturn result = kHandlers[number](args);
  user_thread_check_killed();  // another thread of the task faulted meanwhile
  return result;
}
