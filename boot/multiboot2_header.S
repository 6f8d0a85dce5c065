/* The multiboot2 header GRUB looks for in the first 32 KiB of kernel.elf: magic, architecture (i386
   protected mode), length, checksum, the entry address, the end tag (GRUB loads the ELF segments itself). */
#include "boot/layout.h"

    .section .multiboot2, "a"
    .align 8
mb2_header_start:
    .long 0xE85250D6
    .long 0
    .long mb2_header_end - mb2_header_start
    .long -(0xE85250D6 + 0 + (mb2_header_end - mb2_header_start))
    /* entry address tag: the physical address of _start (the ELF entry is a higher-half address) */
    .align 8
    .short 3
    .short 0
    .long 12
    .long _start - KERNEL_VMA
    .align 8
    /* end tag */
    .short 0
    .short 0
    .long 8
mb2_header_end:
    .section .note.GNU-stack,"",@progbits
