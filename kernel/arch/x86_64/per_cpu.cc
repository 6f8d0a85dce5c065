// Creating and installing per-CPU data. The boot CPU's lives in static storage (it is needed before
// the heap exists); every other CPU's comes from the kernel heap when it is started.
#include "kernel/arch/x86_64/per_cpu.h"

#include <new>

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/syscall_msrs.h"
#include "kernel/arch/x86_64/tss_io_hardware.h"

namespace {

// Everything one CPU owns, allocated together.
struct PerCpuStorage {
  PerCpu cpu;
  TssBlock tss_slots[kIoTssSlots]{};
  alignas(16) uint8_t ist_stacks[3][kIstStackBytes]{};
  alignas(16) uint8_t kernel_stack[kKernelStackBytes]{};
  // Built in place by per_cpu_create (the boot CPU's storage must need no constructor).
  alignas(X86TssIoHardware) uint8_t io_hardware[sizeof(X86TssIoHardware)]{};
  alignas(TssIoState) uint8_t io_state[sizeof(TssIoState)]{};
};

// constinit: it is in use (GS points at it) before .init_array runs, so it must need no
// constructor.
alignas(64) constinit PerCpuStorage g_boot_cpu_storage;
PerCpu* g_cpus[kMaxCpus];

}  // namespace

PerCpu* per_cpu(uint32_t index) { return index < kMaxCpus ? g_cpus[index] : nullptr; }

Result<PerCpu*> per_cpu_create(uint32_t index, uint32_t apic_id) {
  if (index >= kMaxCpus) return Status::kNoSpace;
  PerCpuStorage* s = index == 0 ? &g_boot_cpu_storage : new (std::nothrow) PerCpuStorage;
  if (s == nullptr) return Status::kNoMemory;
  PerCpu* cpu = &s->cpu;
  cpu->self = cpu;
  cpu->index = index;
  cpu->apic_id = apic_id;
  cpu->kernel_stack_top = reinterpret_cast<uint64_t>(s->kernel_stack + kKernelStackBytes);
  cpu->timer_ticks.store(0);
  for (uint32_t i = 0; i < 3; ++i) cpu->ist_stacks[i] = s->ist_stacks[i];
  for (uint32_t slot = 0; slot < kIoTssSlots; ++slot) {
    TssBlock* t = &s->tss_slots[slot];
    cpu->tss_slots[slot] = t;
    __builtin_memset(&t->tss, 0, sizeof(t->tss));
    t->tss.rsp[0] = cpu->kernel_stack_top;
    t->tss.ist[kIstDoubleFault - 1] = reinterpret_cast<uint64_t>(s->ist_stacks[0] + kIstStackBytes);
    t->tss.ist[kIstNmi - 1] = reinterpret_cast<uint64_t>(s->ist_stacks[1] + kIstStackBytes);
    t->tss.ist[kIstMachineCheck - 1] =
        reinterpret_cast<uint64_t>(s->ist_stacks[2] + kIstStackBytes);
    // No task holds ports yet: the map base lies past the limit, so every user port access faults.
    t->tss.io_map_base = kIoMapBaseInvalid;
    __builtin_memset(t->io_bitmap, 0xFF, sizeof(t->io_bitmap));
    t->io_bitmap_end = 0xFF;
    if (slot == 0) cpu->loaded_rsp0 = tss_rsp0_field(t->tss);  // gdt_init loads slot 0
  }
  auto* hardware = new (s->io_hardware) X86TssIoHardware(cpu);
  cpu->io_state = new (s->io_state) TssIoState(index, *hardware);
  g_cpus[index] = cpu;
  return cpu;
}

#if PORTCULLIS_LOCK_ORDER
HeldLocks* arch::held_locks_here() { return &this_cpu()->held_locks; }
#endif

void per_cpu_install(PerCpu* cpu) {
  x86::wrmsr(x86::kMsrGsBase, reinterpret_cast<uint64_t>(cpu));
  x86::wrmsr(x86::kMsrKernelGsBase, 0);
  gdt_init(cpu);
  idt_load();
  syscall_init_this_cpu();
  fpu_init_this_cpu();
}
