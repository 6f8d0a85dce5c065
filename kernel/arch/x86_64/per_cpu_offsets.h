/* Byte offsets into PerCpu that assembly reaches through %gs (syscall_entry.S, and the inline
   accessors of current_cpu.h). Checked against the struct by static_asserts in per_cpu.h, so the
   two cannot drift apart. */
#pragma once

#define PER_CPU_INDEX 8
#define PER_CPU_KERNEL_STACK_TOP 16
#define PER_CPU_SYSCALL_USER_RSP 24
#define PER_CPU_CURRENT_THREAD 32
#define PER_CPU_LOADED_RSP0 40
#define PER_CPU_USER_TRAPS 48
