// thread_create: a new user thread in the caller's task. Decode, then invoke: the slot words, the
// entry and the stack are checked first, then the AddressSpace capability (it must name the
// caller's own address space: threads of another task come with supervisors), and only then is
// the thread made; it starts once its capability sits in the target slot, so a refused call leaves
// no thread behind. thread_exit is in kernel/object/user_thread.cc.
#include "abi/portcullis/page.h"
#include "abi/portcullis/rights.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

namespace {

constexpr uint64_t kStackAlignment = 16;

struct ThreadCreateRequest {
  uint32_t space_slot;
  uint64_t entry;
  uint64_t stack_top;
  uint32_t target_slot;
};

Result<ThreadCreateRequest> decode_thread_create(const uint64_t (&word)[6]) {
  ThreadCreateRequest r{};
  r.space_slot = TRY(decode_slot(word[0]));
  r.entry = word[1];
  TRY(check_user_range(r.entry, 1));  // kAccessDenied past the user half, kInvalidArgument page 0
  r.stack_top = word[2];
  if (r.stack_top % kStackAlignment != 0) return Status::kUnaligned;
  if (r.stack_top < kStackAlignment) return Status::kInvalidArgument;
  TRY(check_user_range(r.stack_top - kStackAlignment, kStackAlignment));
  r.target_slot = TRY(decode_slot(word[3]));
  return r;
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::thread_create>(const SyscallArgs& args) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<ThreadCreateRequest> request = decode_thread_create(args.word);
  if (request.is_error()) return syscall_return(request.status());
  const ThreadCreateRequest& r = request.value();
  CapSpace& caps = task->cap_space();
  Result<CapLookup> space = caps.lookup(r.space_slot, CapabilityType::kAddressSpace, kCapWrite);
  if (space.is_error()) return syscall_return(space.status());
  if (space.value().object.get() != task->address_space_ref().get()) {
    return syscall_return(Status::kNotSupported);  // another task's space: not yet
  }
  Result<RefPtr<Thread>> thread =
      Thread::create_user(*task, r.entry, r.stack_top, 0, kPriorityDefault, Affinity::any());
  if (thread.is_error()) return syscall_return(thread.status());
  const Result<uint32_t> slot = caps.insert(r.target_slot, CapabilityType::kThread, thread.value(),
                                            kCapRead | kCapWrite | kCapGrant);
  if (slot.is_error()) return syscall_return(slot.status());  // the unstarted thread is freed
  thread.value()->start_user();
  return syscall_return(Status::kOk);
}
