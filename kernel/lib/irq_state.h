// Saving and restoring the local interrupt flag, for spinlocks that must not be interrupted by a
// handler taking the same lock. The kernel implements these in arch/x86_64; host builds link no-op
// versions (test/host/support).
#pragma once

#include <stdint.h>

using IrqFlags = uint64_t;
IrqFlags irq_save_disable();
void irq_restore(IrqFlags flags);
