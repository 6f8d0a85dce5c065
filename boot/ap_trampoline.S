/* The application processors' first instructions. The boot CPU copies this blob to physical 0x8000
   (SIPI vector 0x08) and fills in the parameter block at its end before each start-up IPI. The AP
   climbs from real mode through protected mode to long mode on the kernel's page tables (the identity
   map covers this page) and jumps to ap_main(per_cpu) on its own stack. Everything here addresses
   through T(), the address a label has once the blob sits at 0x8000. */
#include "boot/layout.h"
#include "kernel/arch/x86_64/efer.h"

#define T(x) ((x) - ap_trampoline_start + AP_TRAMPOLINE_PHYS)

    .section .rodata
    .align 16
    .globl ap_trampoline_start
ap_trampoline_start:
    .code16
    cli
    cld
    xor %ax, %ax
    mov %ax, %ds
    lgdtl T(tramp_gdt_desc)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $0x08, $T(tramp_protected)

    .code32
tramp_protected:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %cr4, %eax
    or $(1 << 5), %eax                /* PAE */
    mov %eax, %cr4
    mov T(ap_trampoline_cr3), %eax
    mov %eax, %cr3
    mov $EFER_MSR, %ecx
    rdmsr
    or $EFER_LME, %eax
    testl $1, T(ap_trampoline_nxe)
    jz 1f
    or $EFER_NXE, %eax                /* as on the boot CPU */
1:  wrmsr
    mov %cr0, %eax
    or $0x80010000, %eax              /* PG, WP */
    mov %eax, %cr0
    ljmp $0x18, $T(tramp_long)

    .code64
tramp_long:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov T(ap_trampoline_stack), %rsp
    mov T(ap_trampoline_per_cpu), %rdi
    xor %ebp, %ebp
    mov T(ap_trampoline_entry), %rax
    jmp *%rax

    .align 8
tramp_gdt:
    .quad 0
    .quad 0x00CF9A000000FFFF          /* 0x08: 32-bit code */
    .quad 0x00CF92000000FFFF          /* 0x10: data */
    .quad 0x00AF9A000000FFFF          /* 0x18: 64-bit code */
tramp_gdt_end:
tramp_gdt_desc:
    .short tramp_gdt_end - tramp_gdt - 1
    .long T(tramp_gdt)

    /* Parameter block, written by the boot CPU for each AP. */
    .align 8
    .globl ap_trampoline_cr3, ap_trampoline_nxe, ap_trampoline_stack, ap_trampoline_entry
    .globl ap_trampoline_per_cpu
ap_trampoline_cr3: .long 0
ap_trampoline_nxe: .long 0
ap_trampoline_stack: .quad 0
ap_trampoline_entry: .quad 0
ap_trampoline_per_cpu: .quad 0
    .globl ap_trampoline_end
ap_trampoline_end:
    .section .note.GNU-stack,"",@progbits
