#include "kernel/program/program_task.h"

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/object/thread.h"

namespace {

constexpr uint32_t kObjectRights = kCapRead | kCapWrite | kCapGrant;

}  // namespace

void copy_program_name(const char* line, char* name, size_t capacity) {
  while (*line == ' ') ++line;
  size_t n = 0;
  while (line[n] != '\0' && line[n] != ' ' && n + 1 < capacity) {
    name[n] = line[n];
    ++n;
  }
  name[n] = '\0';
}

Result<RefPtr<Task>> create_program_task(LoadedProgram& program, const char* line) {
  // The initial frames are zeroed: they held someone else's data.
  const uint64_t frames = TRY(kernel_frames().alloc_contiguous(kInitialFramesPages, 1));
  __builtin_memset(arch::phys_to_virt(frames), 0, kInitialFramesPages * kPageSize);
  Result<RefPtr<Task>> created = Task::create(program.space, kTaskCapSlots);
  if (created.is_error()) {
    ASSERT(kernel_frames().free_contiguous(frames, kInitialFramesPages) == Status::kOk);
    return created.status();
  }
  RefPtr<Task> task = created.release_value();
  char name[32];
  copy_program_name(line, name, sizeof name);
  task->set_name(name);
  task->set_first_thread(program.entry, program.stack_pointer);
  // A new task owns nothing yet: both fit in kMaxOwnedRuns.
  ASSERT(task->own_frames(program.frames) == Status::kOk);
  ASSERT(task->own_frames(Range<uint64_t>{frames, kInitialFramesPages * kPageSize}) == Status::kOk);
  program.frames = {};
  program.reset();  // only its address-space reference is left to drop

  CapSpace& caps = task->cap_space();
  Status status = caps.insert(kSlotSelfAddressSpace, CapabilityType::kAddressSpace,
                              task->address_space_ref(), kObjectRights)
                      .status();
  if (status == Status::kOk) {
    status =
        caps.insert(kSlotInitialFrames, CapabilityType::kFrames, nullptr,
                    kCapRead | kCapWrite | kCapGrant, frames >> kPageShift, kInitialFramesPages)
            .status();
  }
  if (status != Status::kOk) {
    task->exit();
    return status;  // the task goes with its frames
  }
  return task;
}

Status start_program_task(const RefPtr<Task>& task) {
  Result<RefPtr<Thread>> thread = Thread::create_user(*task, task->first_rip(), task->first_rsp(),
                                                      0, task->first_priority(), Affinity::any());
  if (thread.is_error()) return thread.status();  // the unstarted thread is simply freed
  if (!task->mark_started()) return Status::kBadState;
  const Status self =
      task->cap_space().insert(kSlotSelfTask, CapabilityType::kTask, task, kObjectRights).status();
  if (self != Status::kOk) {
    task->undo_start();
    return self;
  }
  // The thread is not kept: the task counts it, and its object goes when it has ended.
  thread.value()->start_user();
  return Status::kOk;
}
