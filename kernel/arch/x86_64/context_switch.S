/* The kernel context switch: arch::context_switch(uint64_t* save_rsp, uint64_t next_rsp) saves the
   System V callee-saved registers on the current stack and its rsp in *save_rsp, loads next_rsp and
   pops the other thread's registers. Caller-saved registers, rflags (interrupts are off on both
   sides) and the FPU (switched by the scheduler, eagerly) are not part of it. A new thread's stack
   (prepare_kernel_stack) holds the same six registers and returns into thread_entry_trampoline. */
    .text
    .globl _ZN4arch14context_switchEPmm
_ZN4arch14context_switchEPmm:
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    ret

/* First run of a new thread: rbx holds the Thread*, rsp is 16-byte aligned here. */
    .globl thread_entry_trampoline
thread_entry_trampoline:
    mov %rbx, %rdi
    call sched_thread_start
    ud2
    .section .note.GNU-stack,"",@progbits
