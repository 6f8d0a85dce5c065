/* The SYSCALL entry and its SYSRET exit (docs/syscalls.md has the register contract).

   SYSCALL arrives in ring 0 with the user's rsp and gs, rcx = return rip, r11 = user rflags, and
   IF, DF, TF, AC and NT cleared by IA32_FMASK (syscall_msrs.cc), so nothing interrupts the few
   instructions below before they are on the kernel stack. The stack is PerCpu::kernel_stack_top:
   whoever runs a thread on this CPU keeps it pointing at that thread's kernel stack.

   The frame, from the top of the kernel stack down: user rsp, rip (rcx), rflags (r11), then the
   argument registers the C++ call may clobber and the user's rbp; syscall_dispatch(rdi, rsi, rdx,
   r10, r8, r9, rax) returns the Status in rax and the extra word in rdx. rbx and r12-r15 survive
   the call by the C ABI, so every register except rax, rdx, rcx and r11 comes back as it was.

   SYSRET's hazard: on Intel CPUs a non-canonical rcx makes SYSRET raise #GP in ring 0, on the user's
   stack. The exit checks rcx first and sends such a return through the interrupt path instead, as a
   #GP of the user code at that address (which is what the user would get on AMD). */
#include "kernel/arch/x86_64/per_cpu_offsets.h"

#define USER_CODE_SELECTOR (0x20 | 3)
#define USER_DATA_SELECTOR (0x18 | 3)
#define RFLAGS_IF 0x200
#define RFLAGS_IOPL_NT 0x7000
#define VECTOR_GP 13

    .text
    .globl syscall_entry
    .type syscall_entry, @function
    .align 16
syscall_entry:
    swapgs
    movq %rsp, %gs:PER_CPU_SYSCALL_USER_RSP
    movq %gs:PER_CPU_KERNEL_STACK_TOP, %rsp
    pushq %gs:PER_CPU_SYSCALL_USER_RSP
    pushq %rcx
    pushq %r11
    pushq %rdi
    pushq %rsi
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %rbp
    xorl %ebp, %ebp               /* backtraces end here instead of following a user rbp */
    movq %r10, %rcx               /* the 4th argument: SYSCALL took rcx */
    pushq %rax                    /* the 7th, on the stack: the number (and 16-byte alignment) */
    call syscall_dispatch
    addq $8, %rsp
    /* rax = Status, rdx = extra. Frame: rbp 0, r10 8, r9 16, r8 24, rsi 32, rdi 40, r11 48,
       rcx 56, user rsp 64. */
    movq 56(%rsp), %rdi
    shrq $47, %rdi
    jnz .Lnon_canonical_return
    popq %rbp
    popq %r10
    popq %r9
    popq %r8
    popq %rsi
    popq %rdi
    popq %r11
    popq %rcx
    /* Interrupts on in ring 3, IOPL 0 and NT clear whatever the saved flags say. */
    andq $~RFLAGS_IOPL_NT, %r11
    orq $RFLAGS_IF, %r11
    movq (%rsp), %rsp
    swapgs
    sysretq

.Lnon_canonical_return:
    /* An interrupt frame for a #GP at the return address, built below the syscall frame, then the
       user's registers back, and the common interrupt path (which swaps GS for a ring-3 CS). */
    movq 64(%rsp), %rdi
    movq 56(%rsp), %rsi
    movq 48(%rsp), %r8
    andq $~RFLAGS_IOPL_NT, %r8
    orq $RFLAGS_IF, %r8
    pushq $USER_DATA_SELECTOR
    pushq %rdi
    pushq %r8
    pushq $USER_CODE_SELECTOR
    pushq %rsi
    pushq $0                      /* error code */
    pushq $VECTOR_GP
    movq 56(%rsp), %rbp
    movq 64(%rsp), %r10
    movq 72(%rsp), %r9
    movq 80(%rsp), %r8
    movq 88(%rsp), %rsi
    movq 96(%rsp), %rdi
    movq 104(%rsp), %r11
    movq 112(%rsp), %rcx
    swapgs
    jmp interrupt_common
    .size syscall_entry, . - syscall_entry

    .section .note.GNU-stack,"",@progbits
