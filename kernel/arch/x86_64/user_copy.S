/* The kernel's only instruction that touches user memory, and its entry in the exception-fixup
   table: a page fault at `user_copy_fault_rip` (a user page not mapped, or not writable) does not
   panic; the #PF handler moves rip to `user_copy_fixup` (exception_fixup.cc), and the copy returns
   how many bytes were left. REP MOVSB stops with rcx, rsi and rdi describing what is left, so the
   count is exact. The caller has checked the range (kernel/syscall/user_memory.h): only user-half
   addresses get here. */
    .text
    .globl arch_copy_user_bytes
    .type arch_copy_user_bytes, @function
/* size_t arch_copy_user_bytes(void* dst, const void* src, size_t length) */
arch_copy_user_bytes:
    movq %rdx, %rcx
    .globl user_copy_fault_rip
user_copy_fault_rip:
    rep movsb
    xorl %eax, %eax
    ret
    .globl user_copy_fixup
user_copy_fixup:
    movq %rcx, %rax
    ret
    .size arch_copy_user_bytes, . - arch_copy_user_bytes

    .section .note.GNU-stack,"",@progbits
