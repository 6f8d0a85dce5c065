/* kernel.elf: loaded by GRUB at KERNEL_LOAD_PHYS (1 MiB), run at KERNEL_VMA + KERNEL_LOAD_PHYS. GRUB
   loads each segment at its p_paddr, so every section says AT(virtual - KERNEL_VMA). The build runs this
   file through the C preprocessor, so the addresses come from boot/layout.h like the assembly's. */
#include "boot/layout.h"

OUTPUT_FORMAT(elf64-x86-64)
ENTRY(_start)  /* GRUB turns the entry into a physical address through its segment */

SECTIONS
{
  . = KERNEL_VMA + KERNEL_LOAD_PHYS;
  kernel_image_start = .;

  .text ALIGN(4K) : AT(ADDR(.text) - KERNEL_VMA)
  {
    KEEP(*(.multiboot2))
    *(.boot.text)
    *(.text .text.*)
  }

  .rodata ALIGN(4K) : AT(ADDR(.rodata) - KERNEL_VMA)
  {
    *(.boot.rodata)
    *(.rodata .rodata.*)
    . = ALIGN(16);  /* KernelTestSuite is 16-byte aligned: the start symbol must not precede padding */
    kernel_test_suites_start = .;
    KEEP(*(.kernel_test_suites))
    kernel_test_suites_end = .;
    . = ALIGN(8);
    init_array_start = .;
    KEEP(*(SORT_BY_INIT_PRIORITY(.init_array.*)))
    KEEP(*(.init_array .ctors))
    init_array_end = .;
  }

  .data ALIGN(4K) : AT(ADDR(.data) - KERNEL_VMA)
  {
    *(.data .data.*)
  }

  .bss ALIGN(4K) : AT(ADDR(.bss) - KERNEL_VMA)
  {
    *(COMMON)
    *(.bss .bss.*)
  }

  . = ALIGN(4K);
  kernel_image_end = .;

  /DISCARD/ : { *(.note*) *(.comment) *(.eh_frame*) *(.fini_array*) *(.dtors) }
}
