#include "kernel/program/program_runner.h"

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/rights.h"

#include "base/format.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/program/program_task.h"

namespace {

// One module on its way through the runner.
struct ProgramRun {
  char name[64] = {};
  LoadedProgram program;
  RefPtr<Task> task;
  MemoryInUse before{};
  LiveObjectCounts objects_before{};
};

// Starts a loaded program as a task (kernel/program/program_task.h) whose first thread starts at
// the program's entry, on any CPU.
Status start_task(ProgramRun& run, const char* line) {
  RefPtr<Task> task = TRY(create_program_task(run.program, line));
  TRY(start_program_task(task));  // on error the task goes with its frames
  run.task = task;
  return Status::kOk;
}

// Waits until every thread of the task has ended and been freed; returns how it ended. The
// task's capabilities are gone then (exit), and so is the task unless someone else still holds
// it; with it go its address space and then the frames it owned.
ProgramEnd finish_task(ProgramRun& run) {
  run.task->wait_for_threads();
  run.task->exit();  // done by its last thread already; an empty space stays empty
  const ProgramEnd end = run.task->killed() ? ProgramEnd::kFaulted : ProgramEnd::kExited;
  run.task = nullptr;
  return end;
}

bool memory_returned(const char* what, const MemoryInUse& before) {
  const MemoryInUse after = memory_in_use();
  if (after == before) return true;
  kprintf(
      "%s: memory not returned: %zu free frames + heap pages before, %zu after; "
      "%zu heap blocks before, %zu after\n",
      what, before.free_frames_and_heap_pages, after.free_frames_and_heap_pages, before.heap_blocks,
      after.heap_blocks);
  return false;
}

const char* type_name(size_t type) {
  return capability_type_name(static_cast<CapabilityType>(type));
}

// Logs the live kernel objects of every type that had any before or after, and whether each
// count came back; false if one did not (an object leaked, or one freed twice).
bool objects_returned(const char* what, const LiveObjectCounts& before) {
  const LiveObjectCounts after = KernelObject::live_counts();
  char line[256];
  size_t used = format(line, sizeof line, "%s: live kernel objects before/after:", what);
  for (size_t t = 0; t < LiveObjectCounts::kTypes; ++t) {
    if (before.by_type[t] == 0 && after.by_type[t] == 0) continue;
    if (used < sizeof line) {
      used += format(line + used, sizeof line - used, " %s(%zu) %ld/%ld%s", type_name(t), t,
                     before.by_type[t], after.by_type[t],
                     before.by_type[t] == after.by_type[t] ? "" : " LEAK");
    }
  }
  kprintf("%s\n", line);
  if (after == before) return true;
  kprintf("%s: kernel objects not returned\n", what);
  return false;
}

}  // namespace

int run_boot_modules(const BootInfo& boot_info, bool concurrent) {
  int failures = 0;
  ProgramRun runs[BootInfo::kMaxModules];
  const MemoryInUse before_all = memory_in_use();
  const LiveObjectCounts objects_before_all = KernelObject::live_counts();
  const auto finish = [&](ProgramRun& run) {
    if (finish_task(run) == ProgramEnd::kFaulted) {
      ++failures;
    } else {
      kprintf("program %s: exited\n", run.name);
    }
    char what[80];
    format(what, sizeof what, "program %s", run.name);
    if (!concurrent && !memory_returned(what, run.before)) ++failures;
    if (!concurrent && !objects_returned(what, run.objects_before)) ++failures;
  };
  for (size_t i = 0; i < boot_info.module_count && i < BootInfo::kMaxModules; ++i) {
    const BootModule& m = boot_info.modules[i];
    ProgramRun& run = runs[i];
    copy_program_name(m.string, run.name, sizeof run.name);
    run.before = memory_in_use();
    run.objects_before = KernelObject::live_counts();
    const Status s =
        load_program(arch::phys_to_virt<uint8_t>(m.start), m.end - m.start, m.string, &run.program);
    if (s != Status::kOk) {
      kprintf("module %zu '%s': not loaded (%s), skipped\n", i, run.name, status_name(s));
      continue;
    }
    kprintf("module %zu '%s': loaded, entry 0x%lx; running it as a task\n", i, run.name,
            run.program.entry);
    if (const Status started = start_task(run, m.string); started != Status::kOk) {
      kprintf("program %s: no task (%s), not run\n", run.name, status_name(started));
      run.program.reset();
      ++failures;
      continue;
    }
    if (!concurrent) finish(run);
  }
  for (ProgramRun& run : runs) {
    if (run.task != nullptr) finish(run);
  }
  if (concurrent && !memory_returned("programs", before_all)) ++failures;
  if (concurrent && !objects_returned("programs", objects_before_all)) ++failures;
  return failures;
}
