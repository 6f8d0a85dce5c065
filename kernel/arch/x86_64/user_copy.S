/* The kernel's only instructions that touch user memory, and their entries in the exception-fixup
   table: a page fault at `user_copy_fault_rip_words` or `user_copy_fault_rip` (a user page not
   mapped, or not writable) does not panic; the #PF handler moves rip to the matching fixup
   (exception_fixup.cc), and the copy returns how many bytes were left. REP MOVSQ moves the whole
   8-byte words first (one tick per word under -icount, where REP MOVSB takes one per byte), then
   REP MOVSB the 0-7 bytes left. Both stop with rcx describing what is left, so the count is exact:
   a fault in the word copy leaves rcx words plus the tail in r8. The caller has checked the range
   (kernel/syscall/user_memory.h): only user-half addresses get here. */
    .text
    .globl arch_copy_user_bytes
    .type arch_copy_user_bytes, @function
/* size_t arch_copy_user_bytes(void* dst, const void* src, size_t length) */
arch_copy_user_bytes:
    movq %rdx, %rcx
    movq %rdx, %r8
    shrq $3, %rcx                 /* whole words */
    andq $7, %r8                  /* the bytes after them */
    .globl user_copy_fault_rip_words
user_copy_fault_rip_words:
    rep movsq
    movq %r8, %rcx
    .globl user_copy_fault_rip
user_copy_fault_rip:
    rep movsb
    xorl %eax, %eax
    ret
    .globl user_copy_fixup_words
user_copy_fixup_words:
    leaq (%r8, %rcx, 8), %rax     /* the words not copied and the whole tail */
    ret
    .globl user_copy_fixup
user_copy_fixup:
    movq %rcx, %rax
    ret
    .size arch_copy_user_bytes, . - arch_copy_user_bytes

    .section .note.GNU-stack,"",@progbits
