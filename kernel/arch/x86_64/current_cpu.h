// The per-CPU words generic code reads on every switch, wake and system call, inline: one
// %gs-relative instruction each instead of a call (kernel/arch/arch.h includes this for them).
// The offsets are checked against PerCpu in per_cpu.h.
#pragma once

#include <stdint.h>

#include "kernel/arch/x86_64/per_cpu_offsets.h"

class Thread;
class UserTrapHandler;

namespace arch {

// volatile: the answer changes when the thread moves to another CPU, so no two reads may merge.
inline uint32_t current_cpu() {
  uint32_t index;
  asm volatile("movl %%gs:%c1, %0" : "=r"(index) : "i"(PER_CPU_INDEX));
  return index;
}

inline Thread* current_thread() {
  Thread* thread;
  asm volatile("movq %%gs:%c1, %0" : "=r"(thread) : "i"(PER_CPU_CURRENT_THREAD));
  return thread;
}

inline void set_current_thread(Thread* thread) {
  asm volatile("movq %0, %%gs:%c1" ::"r"(thread), "i"(PER_CPU_CURRENT_THREAD) : "memory");
}

// Where ring 3 enters the kernel on this CPU: PerCpu::kernel_stack_top (SYSCALL) and the loaded
// TSS slot's RSP0 (interrupts). Once per switch.
inline void set_kernel_stack(uint64_t stack_top) {
  uint64_t now;
  asm volatile("movq %%gs:%c1, %0" : "=r"(now) : "i"(PER_CPU_KERNEL_STACK_TOP));
  if (now == stack_top) return;
  uint8_t* rsp0;
  asm volatile("movq %1, %%gs:%c2\n\tmovq %%gs:%c3, %0"
               : "=r"(rsp0)
               : "r"(stack_top), "i"(PER_CPU_KERNEL_STACK_TOP), "i"(PER_CPU_LOADED_RSP0)
               : "memory");
  // nullptr only before the CPU's TSS is set up; the field is unaligned (TSS layout).
  if (rsp0 != nullptr) __builtin_memcpy(rsp0, &stack_top, sizeof stack_top);
}

inline void set_user_traps(UserTrapHandler* traps) {
  asm volatile("movq %0, %%gs:%c1" ::"r"(traps), "i"(PER_CPU_USER_TRAPS) : "memory");
}

}  // namespace arch
