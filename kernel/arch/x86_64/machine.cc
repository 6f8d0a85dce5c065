// Small arch services: the interrupt flag, CPU identity, leaving the emulator, backtraces.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/interrupt_frame.h"
#include "kernel/arch/x86_64/lapic.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/lib/irq_state.h"

static_assert(x86::kRflagsIf == 0x200, "irq_flags.h keeps only RFLAGS.IF");

namespace arch {

uint32_t current_apic_id() { return this_cpu()->apic_id; }
uint64_t timer_ticks() { return this_cpu()->timer_ticks.load(std::memory_order_relaxed); }
void enable_interrupts() { x86::sti(); }
void disable_interrupts() { x86::cli(); }
uint64_t timestamp() { return x86::rdtsc(); }

void wait_for_interrupt() { asm volatile("sti; hlt" ::: "memory"); }

void halt_forever() {
  for (;;) {
    x86::cli();
    x86::hlt();
  }
}

uint32_t cpu_count() { return online_cpus().count(); }

void send_call_ipi(CpuSet targets) {
  for (uint32_t i : targets) {
    PerCpu* cpu = per_cpu(i);
    if (cpu != nullptr) lapic_send_ipi(cpu->apic_id, kVectorCallIpi);
  }
}

void exit_emulator(ExitCode code) {
  x86::cli();
  // QEMU: isa-debug-exit at 0xF4 ends the process with status (code << 1) | 1.
  x86::outb(0xF4, static_cast<uint8_t>(code));
  // Bochs: the magic breakpoint stops the simulation; the harness's rc file then says `quit`.
  asm volatile("xchg %%bx, %%bx" ::: "memory");
  halt_forever();
}

void backtrace(uint64_t rbp, void (*visit)(uint64_t rip, void* ctx), void* ctx, int max) {
  for (int i = 0; i < max; ++i) {
    // Only follow frames inside the kernel's half (it begins with the direct map), 8-byte aligned:
    // a corrupt chain must not fault inside the panic path.
    if (rbp < DIRECT_MAP_BASE || (rbp & 7) != 0) return;
    const uint64_t* frame = reinterpret_cast<const uint64_t*>(rbp);
    const uint64_t rip = frame[1];
    if (rip == 0) return;
    visit(rip, ctx);
    rbp = frame[0];
  }
}

}  // namespace arch
