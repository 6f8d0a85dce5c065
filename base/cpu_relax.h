// The body of every spin-wait. `pause` matters beyond power: under QEMU -icount the vCPUs take
// turns, and a loop without it starves the CPU it is waiting for (docs/emulators.md).
#pragma once

inline void cpu_relax() { __builtin_ia32_pause(); }
