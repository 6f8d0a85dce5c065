#include "kernel/program/program_runner.h"

#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/heap.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/syscall/syscall_dispatch.h"

ProgramEnd run_program_here(const LoadedProgram& program, const char* name) {
  const IrqFlags flags = irq_save_disable();
  program.space->activate_here();
  const arch::UserCodeEnd end = arch::run_user_code(program.entry, program.stack_pointer);
  program.space->deactivate_here();
  irq_restore(flags);
  if (end.exited) return ProgramEnd::kExited;
  kprintf("program %s: fault, vector %lu at rip 0x%lx (address 0x%lx)\n", name, end.vector, end.rip,
          end.fault_address);
  return ProgramEnd::kFaulted;
}

// thread_exit, enough to end the program run_program_here started: back to its caller. Threads
// will replace this with the thread object's own exit.
template <>
SyscallReturn handle_syscall<Syscall::thread_exit>(const SyscallArgs&) {
  if (!arch::running_user_code()) return syscall_return(Status::kBadState);
  arch::leave_user_code();
}

namespace {

// The module's name: its line's first word.
void copy_name(const char* line, char* name, size_t capacity) {
  size_t n = 0;
  while (line[n] == ' ') ++line;
  while (line[n] != '\0' && line[n] != ' ' && n + 1 < capacity) {
    name[n] = line[n];
    ++n;
  }
  name[n] = '\0';
}

// What a program may hold while it lives and must give back when it ends: frames (its own and its
// page tables; the heap's pages count as frames in use, since the heap keeps what it took) and
// heap blocks.
struct MemoryInUse {
  size_t free_frames_and_heap_pages;
  size_t heap_blocks;
  bool operator==(const MemoryInUse&) const = default;
};

MemoryInUse memory_in_use() {
  const Heap::Stats heap = g_kernel_heap.stats();
  return MemoryInUse{kernel_frames().free_count() + heap.pages, heap.live_blocks};
}

}  // namespace

int run_boot_modules(const BootInfo& boot_info) {
  int failures = 0;
  for (size_t i = 0; i < boot_info.module_count; ++i) {
    const BootModule& m = boot_info.modules[i];
    char name[64];
    copy_name(m.string, name, sizeof name);
    const MemoryInUse before = memory_in_use();
    LoadedProgram program;
    const Status s =
        load_program(arch::phys_to_virt<uint8_t>(m.start), m.end - m.start, m.string, &program);
    if (s != Status::kOk) {
      kprintf("module %zu '%s': not loaded (%s), skipped\n", i, name, status_name(s));
      continue;
    }
    kprintf("module %zu '%s': loaded, entry 0x%lx; running it on cpu %u\n", i, name, program.entry,
            arch::current_cpu());
    if (run_program_here(program, name) == ProgramEnd::kFaulted) {
      ++failures;
    } else {
      kprintf("program %s: exited\n", name);
    }
    program.reset();
    const MemoryInUse after = memory_in_use();
    if (!(after == before)) {
      kprintf(
          "program %s: memory not returned: %zu free frames + heap pages before, %zu after; "
          "%zu heap blocks before, %zu after\n",
          name, before.free_frames_and_heap_pages, after.free_frames_and_heap_pages,
          before.heap_blocks, after.heap_blocks);
      ++failures;
    }
  }
  return failures;
}
