// The arch side of threads: FXSAVE images, a new thread's first stack frame, the per-CPU current
// thread and ring-3 entry stack, the reschedule IPI and the idle wait.
#include <atomic>

#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/test_seam.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/descriptors.h"
#include "kernel/arch/x86_64/interrupt_frame.h"
#include "kernel/arch/x86_64/lapic.h"
#include "kernel/arch/x86_64/per_cpu.h"

extern "C" void thread_entry_trampoline();

namespace {

// The benchmarks' stand-in for busy CPUs (arch::set_idle_spin in test_seam.h).
std::atomic<bool> g_idle_spin{false};

constexpr uint16_t kFpuControlDefault = 0x037F;  // FNINIT's: every x87 exception masked
constexpr uint32_t kMxcsrDefault = 0x1F80;       // every SSE exception masked, round to nearest
constexpr size_t kFxsaveMxcsrOffset = 24;

}  // namespace

void arch::set_idle_spin(bool spin) { g_idle_spin.store(spin, std::memory_order_release); }

void fpu_init_this_cpu() {
  // CR0: MP on, EM and TS off (no #NM: the switch is eager). CR4: OSFXSR (FXSAVE covers the XMM
  // registers, SSE instructions allowed) and OSXMMEXCPT (SIMD exceptions raise #XM, not #UD).
  uint64_t cr0;
  asm volatile("mov %%cr0, %0" : "=r"(cr0));
  cr0 = (cr0 | (1u << 1)) & ~uint64_t{(1u << 2) | (1u << 3)};
  asm volatile("mov %0, %%cr0" ::"r"(cr0));
  uint64_t cr4;
  asm volatile("mov %%cr4, %0" : "=r"(cr4));
  cr4 |= (1u << 9) | (1u << 10);
  asm volatile("mov %0, %%cr4" ::"r"(cr4));
  asm volatile("fninit");
}

namespace arch {

void fpu_state_init(FpuState* state) {
  __builtin_memset(state->bytes, 0, sizeof state->bytes);
  __builtin_memcpy(state->bytes, &kFpuControlDefault, sizeof kFpuControlDefault);
  __builtin_memcpy(state->bytes + kFxsaveMxcsrOffset, &kMxcsrDefault, sizeof kMxcsrDefault);
}

uint64_t prepare_kernel_stack(uint64_t stack_top, Thread* thread) {
  // From the saved rsp up: r15 r14 r13 r12 rbp rbx, then the return address. context_switch's ret
  // leaves rsp 16-byte aligned at the trampoline's call, as the ABI wants.
  auto* top = reinterpret_cast<uint64_t*>(stack_top & ~uint64_t{15});
  uint64_t* sp = top - 7;
  for (int i = 0; i < 6; ++i) sp[i] = 0;
  sp[5] = reinterpret_cast<uint64_t>(thread);  // rbx
  sp[6] = reinterpret_cast<uint64_t>(&thread_entry_trampoline);
  return reinterpret_cast<uint64_t>(sp);
}

uint64_t kernel_stack() { return this_cpu()->kernel_stack_top; }

void send_reschedule_ipi(uint32_t cpu) {
  PerCpu* target = per_cpu(cpu);
  if (target != nullptr) lapic_send_ipi(target->apic_id, kVectorRescheduleIpi);
}

void idle_wait() {
  if (g_idle_spin.load(std::memory_order_acquire)) {
    // A window of many instructions with interrupts on: QEMU's TCG looks for interrupts only
    // between translation blocks, and each turn of this loop is one.
    x86::sti();
    for (int i = 0; i < 64; ++i) cpu_relax();
    x86::cli();
  } else {
    asm volatile("sti; hlt; cli" ::: "memory");  // sti's shadow: no wake-up lost before hlt
  }
}

}  // namespace arch
