#include "kernel/program/init_start.h"

#include <utility>

#include "abi/portcullis/boot_info_page.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/thread_params.h"
#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/memory_pool.h"
#include "kernel/object/system_info.h"
#include "kernel/object/task.h"
#include "kernel/object/task_reaper.h"
#include "kernel/program/program_loader.h"
#include "kernel/program/program_task.h"

namespace {

// True when `line`'s first word is `name`.
bool line_names(const char* line, const char* name) {
  while (*line == ' ') ++line;
  size_t n = 0;
  while (name[n] != '\0' && line[n] == name[n]) ++n;
  return name[n] == '\0' && (line[n] == '\0' || line[n] == ' ');
}

void copy_line(const char* line, char* out, size_t capacity) {
  size_t n = 0;
  while (line[n] != '\0' && n + 1 < capacity) {
    out[n] = line[n];
    ++n;
  }
  out[n] = '\0';
}

// init's capabilities beyond a program's (abi/portcullis/cap_slots.h): the root IoPorts
// capability, the boot info page (a zeroed frame the task owns), the SystemInfo capability, a
// Module capability per other module, and the memory pool's Frames capability when there is a
// pool. A module that is empty
// or does not fit is logged and left out of the page.
Status grant_root_capabilities(Task& init, const BootInfo& boot_info, size_t init_index,
                               const RefPtr<MemoryPool>& pool) {
  CapSpace& caps = init.cap_space();
  TRY(caps.insert_io_ports_root(kSlotIoPortsRoot).status());
  {
    RefPtr<SystemInfo> info = TRY(SystemInfo::create());
    TRY(caps.insert(kSlotSystemInfo, CapabilityType::kSystemInfo, std::move(info),
                    kCapRead | kCapGrant)
            .status());
  }
  if (pool != nullptr) {
    TRY(caps.insert(kSlotMemoryPool, CapabilityType::kFrames, pool,
                    kCapRead | kCapWrite | kCapGrant, pool->first_frame(), pool->page_count())
            .status());
  }
  const uint64_t page_phys = TRY(kernel_frames().alloc_contiguous(1, 1));
  ASSERT(init.own_frames(Range<uint64_t>{page_phys, kPageSize}) == Status::kOk);
  auto* page = arch::phys_to_virt<BootInfoPage>(page_phys);
  __builtin_memset(page, 0, kPageSize);
  page->magic = kBootInfoMagic;
  TRY(caps.insert(kSlotBootInfo, CapabilityType::kFrames, nullptr, kCapRead,
                  page_phys >> kPageShift, 1)
          .status());
  for (size_t i = 0; i < boot_info.module_count && i < BootInfo::kMaxModules; ++i) {
    if (i == init_index) continue;
    const BootModule& m = boot_info.modules[i];
    const uint32_t slot = kSlotFirstModule + page->module_count;
    if (m.end == m.start || page->module_count == kBootInfoMaxModules || slot >= kTaskCapSlots) {
      kprintf("module %zu '%s': empty or one too many, not given to init\n", i, m.string);
      continue;
    }
    TRY(caps.insert(slot, CapabilityType::kModule, nullptr, kCapRead | kCapGrant, m.start,
                    m.end - m.start)
            .status());
    BootModuleEntry& entry = page->modules[page->module_count++];
    entry.slot = slot;
    entry.bytes = m.end - m.start;
    copy_line(m.string, entry.line, sizeof entry.line);
  }
  return Status::kOk;
}

// Loads init and starts it with its capabilities; the task, or the error.
Result<RefPtr<Task>> start_init(const BootInfo& boot_info, size_t init_index,
                                const RefPtr<MemoryPool>& pool) {
  const BootModule& m = boot_info.modules[init_index];
  LoadedProgram program;
  TRY(load_program(arch::phys_to_virt<uint8_t>(m.start), m.end - m.start, m.string, &program));
  RefPtr<Task> init = TRY(create_program_task(program, m.string));
  if (const Status s = grant_root_capabilities(*init, boot_info, init_index, pool);
      s != Status::kOk) {
    init->exit();
    return s;
  }
  init->set_first_priority(kThreadPriorityInit);  // servers it starts may then outrank clients
  if (const Status s = start_program_task(init); s != Status::kOk) {
    init->exit();
    return s;
  }
  return init;
}

}  // namespace

Result<size_t> find_init_module(const BootInfo& boot_info, const CommandLine& cmdline) {
  char name[64];
  const bool named = cmdline.copy_value("init", name, sizeof name) == Status::kOk;
  if (!named) copy_line("init", name, sizeof name);
  for (size_t i = 0; i < boot_info.module_count && i < BootInfo::kMaxModules; ++i) {
    if (line_names(boot_info.modules[i].string, name)) return i;
    if (!named) break;  // by default only a first module called init
  }
  return Status::kNotFound;
}

int run_init(const BootInfo& boot_info, size_t init_index, uint64_t pool_pages) {
  if (const Status s = TaskReaper::start(); s != Status::kOk) {
    kprintf("init: no reaper thread (%s)\n", status_name(s));
    return 1;
  }
  // Before the memory in use is noted: the pool is never given back.
  RefPtr<MemoryPool> pool;
  if (pool_pages != 0) {
    Result<RefPtr<MemoryPool>> set_aside = MemoryPool::set_aside(pool_pages);
    if (set_aside.is_error()) {
      kprintf("memory pool: %lu pages not set aside (%s)\n", pool_pages,
              status_name(set_aside.status()));
    } else {
      pool = set_aside.release_value();
      kprintf("memory pool: %lu pages from frame 0x%lx\n", pool->page_count(), pool->first_frame());
    }
  }
  // After the reaper's thread: its stack stays for the whole boot.
  const MemoryInUse before = memory_in_use();
  int failures = 0;
  // Before the start: init's own lines may come first otherwise.
  kprintf("init: starting it from module %zu with the root capabilities\n", init_index);
  Result<RefPtr<Task>> started = start_init(boot_info, init_index, pool);
  if (started.is_error()) {
    kprintf("init: not started (%s)\n", status_name(started.status()));
    return 1;
  }
  RefPtr<Task> init = started.release_value();
  init->wait_for_threads();
  init->exit();
  if (init->killed()) {
    ++failures;
    kprintf("init: faulted\n");
  } else {
    kprintf("init: exited\n");
  }
  init = nullptr;
  pool = nullptr;  // the boot's own reference stays
  // Tasks init started may outlive it: the reaper ends each when its threads have.
  TaskReaper::wait_idle();
  const MemoryInUse after = memory_in_use();
  if (after != before) {
    ++failures;
    kprintf(
        "init and its tasks: memory not returned: %zu free frames + heap pages before, %zu "
        "after; %zu heap blocks before, %zu after\n",
        before.free_frames_and_heap_pages, after.free_frames_and_heap_pages, before.heap_blocks,
        after.heap_blocks);
  } else {
    kprintf("init and every task it started have ended; all their memory is back\n");
  }
  return failures;
}
