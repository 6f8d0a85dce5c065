// Per-CPU data, reached through GS: GS base points at this CPU's PerCpu, whose first word points to
// itself, so this_cpu() is one load. Only arch code sees the struct; generic code asks arch.h.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "base/cpu_set.h"
#include "base/result.h"
#include "kernel/arch/x86_64/descriptors.h"
#include "kernel/lib/lock_order.h"
#if PORTCULLIS_LOCK_ORDER
#include "kernel/lib/lock_order_graph.h"
#endif
#include "kernel/arch/x86_64/per_cpu_offsets.h"
#include "kernel/arch/x86_64/tss_io_state.h"

class Thread;
class UserTrapHandler;

struct PerCpu {
  // Every member has an initializer, so the boot CPU's instance is constant-initialized: it is in
  // use before .init_array runs.
  PerCpu* self = nullptr;  // must stay first: this_cpu() reads %gs:0
  uint32_t index = 0;
  uint32_t apic_id = 0;
  // Where ring 3 enters the kernel on this CPU: SYSCALL switches to it (syscall_entry.S), and the
  // TSS's RSP0 carries the same value for interrupts.
  uint64_t kernel_stack_top = 0;
  // The user rsp between SYSCALL and the push that saves it on the kernel stack (no register is
  // free there); meaningless at any other time.
  uint64_t syscall_user_rsp = 0;
  // The thread running here (kernel/sched/scheduler.cc switches it with interrupts off).
  Thread* current_thread = nullptr;
  // RSP0 of the loaded TSS slot (below): where the context switch writes a thread's kernel stack
  // top for interrupts from ring 3, one store (set_kernel_stack, inline in current_cpu.h).
  // (The TSS layout puts RSP0 at offset 4: a byte pointer, written with an unaligned store.)
  uint8_t* loaded_rsp0 = nullptr;
  // Where faults and traps of the ring-3 code this CPU runs go (kernel/arch/x86_64/user_entry.h):
  // the switch sets it for each thread (set_user_traps, inline), enter_user_mode() for its own.
  UserTrapHandler* user_traps = nullptr;
  std::atomic<uint64_t> timer_ticks{0};
  Gdt gdt{};
  TssBlock* tss_slots[kIoTssSlots]{};
  // The slot whose TSS is loaded (TR), whose RSP0 loaded_rsp0 points at: the only slot whose RSP0
  // the context switch keeps current; X86TssIoHardware::activate copies it into a slot before it
  // loads that slot.
  uint32_t active_tss_slot = 0;
  uint8_t* ist_stacks[3]{};
  // Which bitmap each TSS slot holds and the load rule (kernel/arch/x86_64/tss_io_state.h); built
  // with the CPU, used only by the CPU itself with interrupts off.
  TssIoState* io_state = nullptr;
#if PORTCULLIS_LOCK_ORDER
  // The spinlocks this CPU holds (debug kernels: kernel/lib/lock_order.h).
  HeldLocks held_locks;
#endif
};

static_assert(offsetof(PerCpu, kernel_stack_top) == PER_CPU_KERNEL_STACK_TOP);
static_assert(offsetof(PerCpu, syscall_user_rsp) == PER_CPU_SYSCALL_USER_RSP);
static_assert(offsetof(PerCpu, index) == PER_CPU_INDEX);
static_assert(offsetof(PerCpu, current_thread) == PER_CPU_CURRENT_THREAD);
static_assert(offsetof(PerCpu, loaded_rsp0) == PER_CPU_LOADED_RSP0);
static_assert(offsetof(PerCpu, user_traps) == PER_CPU_USER_TRAPS);

inline PerCpu* this_cpu() {
  PerCpu* p;
  asm volatile("mov %%gs:0, %0" : "=r"(p));
  return p;
}

// All CPUs the firmware listed, by logical index; null for an index no CPU was created for.
PerCpu* per_cpu(uint32_t index);
Result<PerCpu*> per_cpu_create(uint32_t index, uint32_t apic_id);  // stacks, TSS slots, GDT
void per_cpu_install(PerCpu* cpu);  // on the CPU itself: GS base, GDT, TSS, IDT, FPU
void fpu_init_this_cpu();           // SSE on, x87 reset (kernel/arch/x86_64/thread_state.cc)
