// The kernel's TssIoState is instantiated here once, so kernel.elf carries the engine even before
// the context switch calls it, and host tests link the very same code.
#include "kernel/arch/x86_64/tss_io_state.h"

template class BasicTssIoState<kIoTssSlots, KernelIoCopy>;
