// Saving and restoring the local interrupt flag, for spinlocks that must not be interrupted by a
// handler taking the same lock. Inline in the kernel (arch::irq_save_disable_inline, exported by
// kernel/arch/arch.h); host builds link no-op versions (test/host/support).
#pragma once

#include <stdint.h>

using IrqFlags = uint64_t;

#if defined(PORTCULLIS_KERNEL)
#include "kernel/arch/arch.h"

inline IrqFlags irq_save_disable() { return arch::irq_save_disable_inline(); }
inline void irq_restore(IrqFlags flags) { arch::irq_restore_inline(flags); }
#else
IrqFlags irq_save_disable();
void irq_restore(IrqFlags flags);
#endif
