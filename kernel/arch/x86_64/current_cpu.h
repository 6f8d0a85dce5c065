// The per-CPU words generic code reads on every switch, wake and system call, inline: one
// %gs-relative instruction each instead of a call (kernel/arch/arch.h includes this for them).
// The offsets are checked against PerCpu in per_cpu.h.
#pragma once

#include <stdint.h>

#include "kernel/arch/x86_64/per_cpu_offsets.h"

class Thread;

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

}  // namespace arch
