#include "libsys/thread.h"

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/io_counters_snapshot.h"
#include "abi/portcullis/page.h"
#include "libsys/page_pool.h"
#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"

namespace sys {
namespace {

// What the creator leaves at the top of the new stack; the thread starts with rsp pointing at it.
struct alignas(16) ThreadStart {
  Thread::Function function;
  void* arg;
  std::atomic<uint32_t>* ended;
};

}  // namespace
}  // namespace sys

// The thread's last steps. Once `ended` is 1 the joiner may unmap this stack and reuse the word's
// memory at any moment, so after the store nothing may touch memory: the wake (which never reads
// the word: the kernel keys on its address) and thread_exit are made from registers only, with no
// call, push or spill in between. A wake that reaches a reused word is a spurious wake, which
// every waiter allows.
[[noreturn]] static void finish_thread(std::atomic<uint32_t>* ended) {
  asm volatile(
      "movl $1, (%%rdi)\n"
      "syscall\n"  // wake_waiters(ended, every waiter)
      "movl %[exit], %%eax\n"
      "syscall\n"  // thread_exit: does not return
      "ud2\n"
      :
      : "D"(ended), "S"(~uint64_t{0}), "a"(static_cast<uint64_t>(Syscall::wake_waiters)),
        [exit] "i"(static_cast<uint32_t>(Syscall::thread_exit))
      : "rcx", "r11", "rdx", "memory");
  __builtin_unreachable();
}

extern "C" [[noreturn]] void libsys_thread_main(const sys::ThreadStart* start) {
  const sys::ThreadStart copy = *start;
  copy.function(copy.arg);
  finish_thread(copy.ended);
}

// A new thread's first instruction: rsp is 16-byte aligned at its ThreadStart, and the call makes
// it what a C++ function expects.
asm(".text\n"
    ".globl libsys_thread_entry\n"
    "libsys_thread_entry:\n"
    "  xorl %ebp, %ebp\n"
    "  movq %rsp, %rdi\n"
    "  call libsys_thread_main\n"
    "  ud2\n");
extern "C" void libsys_thread_entry();

namespace sys {

Status Thread::start(Function function, void* arg, const ThreadOptions& options) {
  if (joinable()) return Status::kBadState;
  if (options.stack_pages == 0) return Status::kInvalidArgument;
  Result<void*> stack = allocate_pages(options.stack_pages, 1);
  if (stack.is_error()) return stack.status();
  auto* top = static_cast<uint8_t*>(stack.value()) + options.stack_pages * kPageSize;
  auto* record = reinterpret_cast<ThreadStart*>(top) - 1;
  ended_.store(0, std::memory_order_relaxed);
  *record = ThreadStart{function, arg, &ended_};
  const SyscallResult r = sys_thread_create(
      kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&libsys_thread_entry),
      reinterpret_cast<uint64_t>(record), kCapSlotAny, options.priority, options.cpu);
  if (r.status != Status::kOk) {
    free_pages(stack.value(), options.stack_pages, 1);
    return r.status;
  }
  stack_ = stack.value();
  stack_pages_ = options.stack_pages;
  slot_ = static_cast<uint32_t>(r.extra);
  return Status::kOk;
}

void Thread::join() {
  if (!joinable()) return;
  while (ended_.load(std::memory_order_acquire) == 0) {
    (void)wait_while_equal(ended_, 0, kWaitForever);
  }
  // The thread may still be inside its last two syscalls; neither needs the stack or the slot.
  (void)sys_cap_delete(slot_);
  free_pages(stack_, stack_pages_, 1);
  stack_ = nullptr;
}

uint32_t online_cpus() {
  IoCountersSnapshot counters;
  const SyscallResult r = sys_io_counters(kIoCountersAllCpus, &counters);
  return r.extra == 0 ? 1 : static_cast<uint32_t>(r.extra);  // rdx holds the count on error too
}

}  // namespace sys
