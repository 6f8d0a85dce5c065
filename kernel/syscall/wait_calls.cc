// wait_while_equal and wake_waiters: the wait table (kernel/sched/wait_table.h) keyed by the
// calling task's address space and a user virtual address. Decode, then invoke: the word's
// alignment and range, the expected value and the timeout (or count) are checked before the call
// waits or wakes anyone; the word itself is read under the table's bucket lock, so a page that is
// not mapped answers kNotFound from inside wait (nothing waited). A timed wait ends no earlier
// than its timeout on the monotonic clock (arch::monotonic_ns, the monotonic_ns call).
#include "kernel/arch/arch.h"
#include "kernel/object/task.h"
#include "kernel/object/user_thread.h"
#include "kernel/sched/wait_table.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/timeout_word.h"
#include "kernel/syscall/user_memory.h"

static_assert(kForeverTicks == kWaitForever, "one 'no timeout' value for the decoder and table");

namespace {

Result<uint32_t> read_user_word(uint64_t address) {
  uint32_t word = 0;
  TRY(copy_from_user(&word, address, sizeof word));
  return word;
}

// A 4-byte aligned user word: kUnaligned, then check_user_range's answers.
Status check_user_word(uint64_t address) {
  if (address % sizeof(uint32_t) != 0) return Status::kUnaligned;
  return check_user_range(address, sizeof(uint32_t));
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::wait_while_equal>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const uint64_t word = args.word[0];
  if (const Status s = check_user_word(word); s != Status::kOk) return syscall_return(s);
  if (args.word[1] > UINT32_MAX) return syscall_return(Status::kInvalidArgument);
  const uint64_t timeout_ns = args.word[2];
  const Result<uint64_t> ticks = decode_timeout_ns(timeout_ns);
  if (ticks.is_error()) return syscall_return(ticks.status());
  const WaitKey key{task->address_space_ref().get(), word};
  const auto expected = static_cast<uint32_t>(args.word[1]);
  if (ticks.value() == kForeverTicks || ticks.value() == 0) {
    const Status status = WaitTable::global().wait(key, read_user_word, expected, ticks.value());
    user_thread_check_killed();  // the wait ended early because the task was killed
    return syscall_return(status);
  }
  // Whole ticks are not enough: the first one may come at once, so a wait of n ticks can end up
  // to a tick early. The deadline on the clock user space reads decides instead, and a wait that
  // ends before it waits again for what is left (the word is read again: if it changed meanwhile,
  // kBadState, which callers treat as a spurious wake). A kill ends the thread here instead.
  const uint64_t deadline_ns = arch::monotonic_ns() + timeout_ns;  // timeout_ns <= 2^62
  uint64_t wait_ticks = ticks.value();
  for (;;) {
    const Status s = WaitTable::global().wait(key, read_user_word, expected, wait_ticks);
    user_thread_check_killed();
    if (s != Status::kTimedOut) return syscall_return(s);
    const uint64_t now = arch::monotonic_ns();
    if (now >= deadline_ns) return syscall_return(Status::kTimedOut);
    wait_ticks = decode_timeout_ns(deadline_ns - now).value();
  }
}

template <>
SyscallReturn handle_syscall<Syscall::wake_waiters>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  const uint64_t word = args.word[0];
  if (const Status s = check_user_word(word); s != Status::kOk) return syscall_return(s);
  // count 0 wakes nobody: surely a mistake. Above 2^32 - 1 means "every waiter".
  if (args.word[1] == 0) return syscall_return(Status::kInvalidArgument);
  const uint32_t count =
      args.word[1] > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(args.word[1]);
  const WaitKey key{task->address_space_ref().get(), word};
  return syscall_return(Status::kOk, WaitTable::global().wake(key, count));
}
