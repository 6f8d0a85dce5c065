// The registers syscall_entry (syscall_entry.S) saves at the top of the calling thread's kernel
// stack and restores on the way back, so that a call can answer in argument registers as well as
// rax and rdx: the short IPC calls return a whole message there (docs/ipc.md). Inline, since the
// IPC fast path writes four of them per call.
#pragma once

#include <stdint.h>

#include "kernel/arch/x86_64/per_cpu_offsets.h"

namespace arch {

// Lowest address first: the order syscall_entry pushes them in, reversed.
struct SyscallFrame {
  uint64_t rbp;
  uint64_t r10;
  uint64_t r9;
  uint64_t r8;
  uint64_t rsi;
  uint64_t rdi;
  uint64_t r11;  // user rflags
  uint64_t rcx;  // user rip
  uint64_t user_rsp;
};
static_assert(sizeof(SyscallFrame) == 9 * 8, "syscall_entry.S pushes nine words");

// The frame of the system call this CPU's current thread is in (interrupts off, or a thread that
// cannot move: the frame is found through this CPU's kernel stack top).
inline SyscallFrame& current_syscall_frame() {
  uint64_t top;
  asm volatile("movq %%gs:%c1, %0" : "=r"(top) : "i"(PER_CPU_KERNEL_STACK_TOP));
  return reinterpret_cast<SyscallFrame*>(top)[-1];
}

// Argument register `index` (0 rdi, 1 rsi, 3 r10, 4 r8, 5 r9; rdx, 2, is the extra result) as the
// caller will find it when the call returns.
inline void set_syscall_argument_word(uint32_t index, uint64_t value) {
  SyscallFrame& f = current_syscall_frame();
  switch (index) {
    case 0:
      f.rdi = value;
      break;
    case 1:
      f.rsi = value;
      break;
    case 3:
      f.r10 = value;
      break;
    case 4:
      f.r8 = value;
      break;
    case 5:
      f.r9 = value;
      break;
    default:
      break;
  }
}

}  // namespace arch
