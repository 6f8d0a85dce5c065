// The thread calls: thread_create (a new user thread in the caller's task), thread_set_fs_base
// and thread_yield (on the calling thread). thread_exit is in kernel/object/user_thread.cc.
//
// thread_create decodes, then invokes: the slot words, the entry, the stack, the priority and the
// CPU are checked first, then the AddressSpace capability (it must name the caller's own address
// space: threads of another task come with supervisors), and only then is the thread made; it
// starts once its capability sits in the target slot, so a refused call leaves no thread behind.
#include "abi/portcullis/page.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/thread_params.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/priority_word.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

static_assert(kThreadPriorityCount == kPriorityCount && kThreadPriorityDefault == kPriorityDefault,
              "abi/portcullis/thread_params.h names the scheduler's levels");

namespace {

constexpr uint64_t kStackAlignment = 16;

struct ThreadCreateRequest {
  uint32_t space_slot;
  uint64_t entry;
  uint64_t stack_top;
  uint32_t target_slot;
  uint32_t priority;
  Affinity affinity = Affinity::any();
};

// kThreadCpuAny, or the index of a CPU that is online (kInvalidArgument otherwise).
Result<Affinity> decode_cpu(uint64_t word) {
  if (word == kThreadCpuAny) return Affinity::any();
  if (word > UINT32_MAX || !arch::online_cpus().contains(static_cast<uint32_t>(word))) {
    return Status::kInvalidArgument;
  }
  return Affinity::pinned(static_cast<uint32_t>(word));
}

Result<ThreadCreateRequest> decode_thread_create(const uint64_t (&word)[6],
                                                 uint32_t caller_priority) {
  ThreadCreateRequest r{};
  r.space_slot = TRY(decode_slot(word[0]));
  r.entry = word[1];
  TRY(check_user_range(r.entry, 1));  // kAccessDenied past the user half, kInvalidArgument page 0
  r.stack_top = word[2];
  if (r.stack_top % kStackAlignment != 0) return Status::kUnaligned;
  if (r.stack_top < kStackAlignment) return Status::kInvalidArgument;
  TRY(check_user_range(r.stack_top - kStackAlignment, kStackAlignment));
  r.target_slot = TRY(decode_slot(word[3]));
  r.priority = TRY(decode_priority(word[4], caller_priority));
  r.affinity = TRY(decode_cpu(word[5]));
  return r;
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::thread_create>(const SyscallArgs& args) {
  Task* task = current_task();
  Thread* self = sched::current();
  if (task == nullptr || self == nullptr) return syscall_return(Status::kBadState);
  Result<ThreadCreateRequest> request = decode_thread_create(args.word, self->priority());
  if (request.is_error()) return syscall_return(request.status());
  const ThreadCreateRequest& r = request.value();
  CapSpace& caps = task->cap_space();
  Result<CapLookup> space = caps.lookup(r.space_slot, CapabilityType::kAddressSpace, kCapWrite);
  if (space.is_error()) return syscall_return(space.status());
  if (space.value().object.get() != task->address_space_ref().get()) {
    return syscall_return(Status::kNotSupported);  // another task's space: not yet
  }
  Result<RefPtr<Thread>> thread =
      Thread::create_user(*task, r.entry, r.stack_top, 0, r.priority, r.affinity);
  if (thread.is_error()) return syscall_return(thread.status());
  const Result<uint32_t> slot = caps.insert(r.target_slot, CapabilityType::kThread, thread.value(),
                                            kCapRead | kCapWrite | kCapGrant);
  if (slot.is_error()) return syscall_return(slot.status());  // the unstarted thread is freed
  thread.value()->start_user();
  return syscall_return(Status::kOk, slot.value());
}

// The FS base is any user-half address (0 included: no thread-local block); the switch keeps it
// per thread from then on (kernel/sched/scheduler.cc). At or above 2^47 (the kernel half and the
// non-canonical hole, where writing IA32_FS_BASE would fault in the kernel) is kAccessDenied.
template <>
SyscallReturn handle_syscall<Syscall::thread_set_fs_base>(const SyscallArgs& args) {
  Thread* self = sched::current();
  if (self == nullptr || !self->is_user()) return syscall_return(Status::kBadState);
  const uint64_t base = args.word[0];
  if (base >= kUserTop) return syscall_return(Status::kAccessDenied);
  // No switch may come between the two writes (a syscall runs with interrupts off already; the
  // guard keeps it so should that change): the switch away saves the register into the Thread.
  const IrqFlags flags = irq_save_disable();
  self->set_fs_base(base);
  arch::write_fs_base(base);
  irq_restore(flags);
  return syscall_return(Status::kOk);
}

// Gives the CPU to a ready thread of the same or a more urgent level, if any (docs/scheduling.md);
// returns at once otherwise.
template <>
SyscallReturn handle_syscall<Syscall::thread_yield>(const SyscallArgs&) {
  if (sched::current() == nullptr) return syscall_return(Status::kBadState);
  sched::yield();
  return syscall_return(Status::kOk);
}
