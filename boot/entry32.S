/* GRUB enters here in 32-bit protected mode, paging off, with eax = multiboot2 magic and ebx = the
   boot information's physical address. We check the magic and long-mode support, build the boot
   page tables (identity + direct map of the first 4 GiB with 2 MiB pages, and the higher-half kernel
   window), switch to long mode and call kernel_main(mbi_phys) on the boot stack in the higher half. */
#include "boot/layout.h"
#include "kernel/arch/x86_64/efer.h"

#define PHYS(x) ((x) - KERNEL_VMA)
#define PTE_P 0x1
#define PTE_RW 0x2
#define PTE_PS 0x80
#define MB2_MAGIC 0x36D76289

    .section .boot.text, "ax"
    .code32
    .globl _start
_start:
    cli
    cld
    mov $PHYS(boot_stack_top), %esp
    cmp $MB2_MAGIC, %eax
    jne .Lbad_magic
    mov %ebx, PHYS(boot_mbi_phys)

    /* Long mode present? */
    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb .Lno_long_mode
    mov $0x80000001, %eax
    cpuid
    test $(1 << 29), %edx
    jz .Lno_long_mode
    mov %edx, PHYS(boot_ext_features_edx)

    /* Four page directories map 4 GiB with 2 MiB pages: entry i -> i * 2 MiB. */
    mov $PHYS(boot_pd), %edi
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $(PTE_P | PTE_RW | PTE_PS), %eax
    mov %eax, (%edi, %ecx, 8)
    mov %ecx, %eax
    shr $11, %eax                      /* high dword: (i * 2 MiB) >> 32 */
    mov %eax, 4(%edi, %ecx, 8)
    inc %ecx
    cmp $(512 * BOOT_DIRECT_MAP_GIB), %ecx
    jne 1b

    /* pdpt_low[g] -> boot_pd + g * 4 KiB */
    mov $PHYS(boot_pdpt_low), %edi
    xor %ecx, %ecx
2:  mov %ecx, %eax
    shl $12, %eax
    add $(PHYS(boot_pd) + PTE_P + PTE_RW), %eax
    mov %eax, (%edi, %ecx, 8)
    inc %ecx
    cmp $BOOT_DIRECT_MAP_GIB, %ecx
    jne 2b

    /* pdpt_high[510] -> first GiB: KERNEL_VMA maps physical 0. */
    movl $(PHYS(boot_pd) + PTE_P + PTE_RW), PHYS(boot_pdpt_high) + 510 * 8

    /* pml4[0] identity (needed across the switch and by the AP trampoline), pml4[256] direct map,
       pml4[511] kernel. */
    movl $(PHYS(boot_pdpt_low) + PTE_P + PTE_RW), PHYS(boot_pml4)
    movl $(PHYS(boot_pdpt_low) + PTE_P + PTE_RW), PHYS(boot_pml4) + 256 * 8
    movl $(PHYS(boot_pdpt_high) + PTE_P + PTE_RW), PHYS(boot_pml4) + 511 * 8

    mov %cr4, %eax
    or $(1 << 5), %eax                 /* PAE */
    mov %eax, %cr4
    mov $PHYS(boot_pml4), %eax
    mov %eax, %cr3
    mov $EFER_MSR, %ecx
    rdmsr
    or $EFER_LME, %eax
    testl $(1 << 20), PHYS(boot_ext_features_edx)
    jz 3f
    or $EFER_NXE, %eax                 /* when the CPU has NX */
3:  wrmsr
    mov %cr0, %eax
    or $((1 << 31) | (1 << 16) | 1), %eax   /* PG, WP, PE */
    mov %eax, %cr0

    lgdt PHYS(boot_gdt_desc)
    ljmp $0x08, $PHYS(.Llong_mode_low)

.Lbad_magic:
    mov $PHYS(msg_bad_magic), %esi
    jmp .Lfail32
.Lno_long_mode:
    mov $PHYS(msg_no_long_mode), %esi
.Lfail32:
    /* Say why on COM1 and the 0xE9 port, then stop: there is no console yet. */
    mov $0x3F8, %dx
4:  lodsb
    test %al, %al
    jz 5f
    mov $0x3F8, %dx
    outb %al, %dx
    mov $0xE9, %dx
    outb %al, %dx
    jmp 4b
5:  hlt
    jmp 5b

    .code64
.Llong_mode_low:
    movabs $.Lhigher_half, %rax
    jmp *%rax

    .section .text
.Lhigher_half:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    movabs $boot_stack_top, %rsp
    xor %ebp, %ebp                     /* ends backtraces */
    mov boot_mbi_phys(%rip), %edi
    call kernel_main
6:  cli
    hlt
    jmp 6b

    .section .boot.rodata, "a"
msg_bad_magic: .asciz "portcullis: not started by a multiboot2 loader\r\n"
msg_no_long_mode: .asciz "portcullis: this CPU has no long mode\r\n"
    .align 8
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF           /* 0x08: 64-bit code */
    .quad 0x00CF92000000FFFF           /* 0x10: data */
boot_gdt_end:
boot_gdt_desc:
    .short boot_gdt_end - boot_gdt - 1
    .long PHYS(boot_gdt)

    .section .data
    .globl boot_mbi_phys
boot_mbi_phys: .long 0
boot_ext_features_edx: .long 0

    .section .bss
    .align 4096
    .globl boot_pml4
boot_pml4: .skip 4096
boot_pdpt_low: .skip 4096
boot_pdpt_high: .skip 4096
boot_pd: .skip 4096 * BOOT_DIRECT_MAP_GIB
    .align 16
boot_stack: .skip BOOT_STACK_BYTES
    .globl boot_stack_top
boot_stack_top:
    .section .note.GNU-stack,"",@progbits
