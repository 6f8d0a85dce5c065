// The task calls: task_spawn makes a task from a Module capability through the program loader,
// task_grant copies a capability into a task's space, task_set_priority sets its first thread's
// level, task_start starts that thread and task_wait waits for its end; task_share_ports, between
// spawn and start, makes the new task share the caller's I/O bitmap (docs/io-ports.md, "Sharing").
// Each decodes its words first (kernel/syscall/task_call_words.h), then looks up its capabilities,
// and changes something only when nothing can fail any more (or, for task_spawn, undoes everything
// on failure: the new task is freed before the call returns).
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "kernel/arch/arch.h"
#include "kernel/object/memory_pool.h"
#include "kernel/object/task.h"
#include "kernel/object/task_reaper.h"
#include "kernel/object/thread.h"
#include "kernel/program/program_loader.h"
#include "kernel/program/program_task.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/priority_word.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/task_call_words.h"
#include "kernel/syscall/user_memory.h"

namespace {

constexpr uint32_t kTaskCapRights = kCapRead | kCapWrite | kCapGrant;
// How many ended tasks task_spawn frees before it makes one (TaskReaper::reap_here).
constexpr uint32_t kReapedPerSpawn = 2;

Result<RefPtr<Task>> task_of(const CapSpace& caps, uint32_t slot, uint32_t rights) {
  const CapLookup task = TRY(caps.lookup(slot, CapabilityType::kTask, rights));
  return object_cast<Task>(task.object);
}

// The Task capability a call's first word names in `caller`'s space: kBadState without a calling
// task, decode_slot's answers, then task_of's.
Result<RefPtr<Task>> task_in_word(Task* caller, uint64_t word, uint32_t rights) {
  if (caller == nullptr) return Status::kBadState;
  const uint32_t slot = TRY(decode_slot(word));
  return task_of(caller->cap_space(), slot, rights);
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::task_spawn>(const SyscallArgs& args) {
  Task* caller = current_task();
  if (caller == nullptr) return syscall_return(Status::kBadState);
  Result<TaskSpawnRequest> request = decode_task_spawn(args.word);
  if (request.is_error()) return syscall_return(request.status());
  const TaskSpawnRequest& r = request.value();
  CapSpace& caps = caller->cap_space();
  Result<CapLookup> module = caps.lookup(r.module_slot, CapabilityType::kModule, kCapRead);
  if (module.is_error()) return syscall_return(module.status());
  char line[kProgramMaxLineBytes];
  if (const Status s = copy_from_user(line, r.line, r.line_length); s != Status::kOk) {
    return syscall_return(s);
  }
  line[r.line_length] = '\0';
  if (__builtin_strlen(line) != r.line_length) return syscall_return(Status::kInvalidArgument);

  // Direct reclaim (kernel/object/task_reaper.h): two ended tasks freed for each one made, so
  // the dead cannot outgrow the living even while the reaper thread is starved.
  (void)TaskReaper::reap_here(kReapedPerSpawn);
  // The module's bytes never change and are never freed: the loader reads them in place.
  const CapRange image = module.value().info.range;
  LoadedProgram program;
  if (const Status s =
          load_program(arch::phys_to_virt<uint8_t>(image.base), image.size, line, &program);
      s != Status::kOk) {
    return syscall_return(s);
  }
  Result<RefPtr<Task>> task = create_program_task(program, line);
  if (task.is_error()) return syscall_return(task.status());  // program frees its frames
  const Result<uint32_t> slot =
      caps.insert(r.target_slot, CapabilityType::kTask, task.value(), kTaskCapRights);
  if (slot.is_error()) return syscall_return(slot.status());  // the task goes with its frames
  return syscall_return(Status::kOk);
}

template <>
SyscallReturn handle_syscall<Syscall::task_grant>(const SyscallArgs& args) {
  Task* caller = current_task();
  if (caller == nullptr) return syscall_return(Status::kBadState);
  Result<TaskGrantRequest> request = decode_task_grant(args.word);
  if (request.is_error()) return syscall_return(request.status());
  const TaskGrantRequest& r = request.value();
  CapSpace& caps = caller->cap_space();
  Result<RefPtr<Task>> target = task_of(caps, r.task_slot, kCapWrite);
  if (target.is_error()) return syscall_return(target.status());
  Result<CapInfo> source = caps.identify(r.slot);
  if (source.is_error()) return syscall_return(source.status());
  bool never_freed = false;
  if (source.value().type == CapabilityType::kFrames) {
    Result<CapLookup> frames = caps.lookup(r.slot, CapabilityType::kFrames, 0);
    if (frames.is_error()) return syscall_return(frames.status());
    never_freed = frames_never_freed(frames.value().object.get());
  }
  if (!task_grant_allows(source.value().type, never_freed)) {
    return syscall_return(Status::kWrongType);
  }
  // CapSpace::copy checks the rest under the tree's lock: kCapGrant to leave the space, rights
  // within the source's, the target slot (kBadHandle past the capacity, kAlreadyExists).
  const Result<uint32_t> copied =
      caps.copy(r.slot, target.value()->cap_space(), r.target_slot, r.rights);
  return syscall_return(copied.status());
}

template <>
SyscallReturn handle_syscall<Syscall::task_start>(const SyscallArgs& args) {
  Task* caller = current_task();
  Result<RefPtr<Task>> task = task_in_word(caller, args.word[0], kCapWrite);
  if (task.is_error()) return syscall_return(task.status());
  // Nobody would end the task: only a boot with init starts the reaper (and gives out the Module
  // capabilities task_spawn needs, so this cannot happen today).
  if (!TaskReaper::running()) return syscall_return(Status::kNotSupported);
  if (const Status s = start_program_task(task.value()); s != Status::kOk) {
    return syscall_return(s);
  }
  TaskReaper::adopt(task.value());
  return syscall_return(Status::kOk);
}

template <>
SyscallReturn handle_syscall<Syscall::task_set_priority>(const SyscallArgs& args) {
  Task* caller = current_task();
  Thread* self = sched::current();
  if (caller == nullptr || self == nullptr) return syscall_return(Status::kBadState);
  Result<RefPtr<Task>> task = task_in_word(caller, args.word[0], kCapWrite);
  if (task.is_error()) return syscall_return(task.status());
  Result<uint32_t> priority = decode_priority(args.word[1], self->priority());
  if (priority.is_error()) return syscall_return(priority.status());
  // Only the first thread's level, so only before the start: a running task's threads keep
  // theirs (a call racing task_start from another thread of the caller may come too late).
  if (task.value()->started()) return syscall_return(Status::kBadState);
  task.value()->set_first_priority(priority.value());
  return syscall_return(Status::kOk);
}

template <>
SyscallReturn handle_syscall<Syscall::task_wait>(const SyscallArgs& args) {
  Task* caller = current_task();
  Result<RefPtr<Task>> task = task_in_word(caller, args.word[0], kCapRead);
  if (task.is_error()) return syscall_return(task.status());
  // Not started: nothing to wait for. Itself: its own thread would wait for itself.
  if (!task.value()->started() || task.value().get() == caller) {
    return syscall_return(Status::kBadState);
  }
  task.value()->wait_for_threads();
  return syscall_return(Status::kOk, static_cast<uint64_t>(task.value()->end()));
}

template <>
SyscallReturn handle_syscall<Syscall::task_kill>(const SyscallArgs& args) {
  Task* caller = current_task();
  Result<RefPtr<Task>> task = task_in_word(caller, args.word[0], kCapWrite);
  if (task.is_error()) return syscall_return(task.status());
  // Not started: nothing runs (deleting the capability frees it). Itself: thread_exit is how a
  // task ends its own threads, and this one could not return to say it worked.
  if (!task.value()->started() || task.value().get() == caller) {
    return syscall_return(Status::kBadState);
  }
  // Ended already: its end stays what it was.
  if (task.value()->threads_exited()) return syscall_return(Status::kOk);
  // Threads in ring 3 exit at their next timer tick, threads in a killable block when their call
  // returns (it answers at once): the kill is complete when task_wait returns.
  task.value()->kill(/*on_request=*/true);
  return syscall_return(Status::kOk);
}

template <>
SyscallReturn handle_syscall<Syscall::task_address_space>(const SyscallArgs& args) {
  Task* caller = current_task();
  if (caller == nullptr) return syscall_return(Status::kBadState);
  Result<uint32_t> slot = decode_slot(args.word[0]);
  Result<uint32_t> target = decode_slot(args.word[1]);
  if (slot.is_error()) return syscall_return(slot.status());
  if (target.is_error()) return syscall_return(target.status());
  CapSpace& caps = caller->cap_space();
  Result<RefPtr<Task>> task = task_of(caps, slot.value(), kCapWrite);
  if (task.is_error()) return syscall_return(task.status());
  // An original capability: the task's own (its slot 1) is not the parent's to derive from. Map
  // and unmap (write), pass on (grant); an address space has no use for read or execute.
  const Result<uint32_t> placed =
      caps.insert(target.value(), CapabilityType::kAddressSpace, task.value()->address_space_ref(),
                  kCapWrite | kCapGrant);
  if (placed.is_error()) return syscall_return(placed.status());
  return syscall_return(Status::kOk, placed.value());
}

template <>
SyscallReturn handle_syscall<Syscall::task_share_ports>(const SyscallArgs& args) {
  Task* caller = current_task();
  Result<RefPtr<Task>> task = task_in_word(caller, args.word[0], kCapWrite);
  if (task.is_error()) return syscall_return(task.status());
  // "Spawn with the parent's ports": between task_spawn and task_start only, so the child's
  // first instruction already runs with them; itself included (it is started).
  if (task.value()->started()) return syscall_return(Status::kBadState);
  // The child shares the caller's IoBitmap object (no copy); kBadState if it holds ports already.
  return syscall_return(task.value()->io_ports().share_from(caller->io_ports()));
}
