// The interrupt flag, saved and restored inline: every spinlock that keeps interrupts out
// (WaitQueue::Locked, the capability-tree lock's users) pays this on each acquire and release,
// several times per IPC, so a call and a return each time would show in the IPC figures.
// kernel/arch/arch.h exports this; kernel/lib/irq_state.h uses it in kernel builds (host builds
// get no-ops there).
#pragma once

#include <stdint.h>

namespace arch {

inline uint64_t irq_save_disable_inline() {
  uint64_t flags;
  asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
  return flags & 0x200;  // RFLAGS.IF
}

inline void irq_restore_inline(uint64_t flags) {
  if (flags != 0) asm volatile("sti" : : : "memory");
}

}  // namespace arch
