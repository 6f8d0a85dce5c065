// The calls that need no kernel object: debug_write (text to the kernel log) and null (nothing,
// for measuring the syscall path itself).
#include "kernel/console.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

namespace {

// The most one debug_write prints. The whole text is copied in before any of it is printed, so a
// bad page anywhere in it prints nothing; a line of the log is never longer.
constexpr uint64_t kDebugWriteMaxBytes = 1024;

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::debug_write>(const SyscallArgs& args) {
  const uint64_t text = args.word[0];
  const uint64_t length = args.word[1];
  // Decode: the range, then the length limit, then the bytes themselves.
  if (const Status s = check_user_range(text, length); s != Status::kOk) return syscall_return(s);
  if (length > kDebugWriteMaxBytes) return syscall_return(Status::kOutOfRange);
  char buffer[kDebugWriteMaxBytes];
  if (const Status s = copy_from_user(buffer, text, length); s != Status::kOk)
    return syscall_return(s);
  // Invoke: cannot fail.
  if (length != 0) console_write_locked(buffer, length);
  return syscall_return(Status::kOk);
}

template <>
SyscallReturn handle_syscall<Syscall::null>(const SyscallArgs&) {
  return syscall_return(Status::kOk);
}
