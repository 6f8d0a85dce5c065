/* A setjmp/longjmp pair for the kernel (user_run.cc): saves the System V callee-saved registers,
   rsp and the return address; resuming returns 1 from the save. */
    .text
    .globl arch_save_context
    .type arch_save_context, @function
/* int arch_save_context(KernelJumpContext* ctx): 0 now, 1 when resumed */
arch_save_context:
    movq %rbx, 0(%rdi)
    movq %rbp, 8(%rdi)
    movq %r12, 16(%rdi)
    movq %r13, 24(%rdi)
    movq %r14, 32(%rdi)
    movq %r15, 40(%rdi)
    leaq 8(%rsp), %rdx
    movq %rdx, 48(%rdi)
    movq (%rsp), %rdx
    movq %rdx, 56(%rdi)
    xorl %eax, %eax
    ret
    .size arch_save_context, . - arch_save_context

    .globl arch_resume_context
    .type arch_resume_context, @function
/* [[noreturn]] void arch_resume_context(const KernelJumpContext* ctx) */
arch_resume_context:
    movq 0(%rdi), %rbx
    movq 8(%rdi), %rbp
    movq 16(%rdi), %r12
    movq 24(%rdi), %r13
    movq 32(%rdi), %r14
    movq 40(%rdi), %r15
    movq 48(%rdi), %rsp
    movl $1, %eax
    jmp *56(%rdi)
    .size arch_resume_context, . - arch_resume_context

    .section .note.GNU-stack,"",@progbits
