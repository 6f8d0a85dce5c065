/* One entry stub per vector: push a zero error code where the CPU pushes none, push the vector, save
   the general registers and call interrupt_dispatch(frame). swapgs on entry from and exit to ring 3,
   so GS always holds the kernel's per-CPU pointer while in the kernel. */
    .text
    .altmacro

.macro STUB n
    .align 16
isr_stub_\n:
    .if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    .else
    pushq $0
    .endif
    pushq $\n
    jmp interrupt_common
.endm

    .set i, 0
    .rept 256
    STUB %i
    .set i, i + 1
    .endr

    .globl interrupt_common  /* also the SYSCALL exit's way back for a non-canonical rip */
interrupt_common:
    testb $3, 24(%rsp)            /* CS of the interrupted context (after vector, error code, rip) */
    jz 1f
    swapgs
1:  pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rsp, %rdi
    cld
    call interrupt_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    testb $3, 24(%rsp)
    jz 2f
    swapgs
2:  add $16, %rsp
    iretq

.macro STUB_ADDR n
    .quad isr_stub_\n
.endm

    .section .rodata
    .align 8
    .globl isr_stub_table
isr_stub_table:
    .set i, 0
    .rept 256
    STUB_ADDR %i
    .set i, i + 1
    .endr
    .section .note.GNU-stack,"",@progbits
