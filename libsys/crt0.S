/* A program's first instruction (abi/portcullis/program_layout.h: rsp 16-byte aligned, pointing
   at argc, argv[] above it). Hands both to libsys_start (start.cc), which never returns. */
    .text
    .globl _start
    .type _start, @function
_start:
    xorl %ebp, %ebp               /* the end of every backtrace */
    movq (%rsp), %rdi             /* argc */
    leaq 8(%rsp), %rsi            /* argv */
    call libsys_start             /* rsp was 16-byte aligned: the callee sees it as after a call */
    ud2
    .size _start, . - _start

    .section .note.GNU-stack,"",@progbits
