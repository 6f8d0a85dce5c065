/* Byte offsets into PerCpu that assembly reaches through %gs (syscall_entry.S). Checked against the
   struct by static_asserts in per_cpu.h, so the two cannot drift apart. */
#pragma once

#define PER_CPU_KERNEL_STACK_TOP 16
#define PER_CPU_SYSCALL_USER_RSP 24
