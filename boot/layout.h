/* Addresses shared by the linker script, the boot assembly and the kernel (C and assembly). */
#pragma once

#define KERNEL_VMA 0xFFFFFFFF80000000
#define KERNEL_LOAD_PHYS 0x100000
#define DIRECT_MAP_BASE 0xFFFF800000000000
#define AP_TRAMPOLINE_PHYS 0x8000
#define BOOT_STACK_BYTES 16384
/* The boot page tables map this much of physical memory, identity and in the direct map. */
#define BOOT_DIRECT_MAP_GIB 4
