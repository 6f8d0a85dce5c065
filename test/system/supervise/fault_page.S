/* A program whose first instruction (rip 0x400000, fault_program.ld) loads from 0x5afe0008, a page
   it never maps: a page fault with that address (error code 4: a user read of a page not present).
   Its supervisor decides; ud2 in case it is resumed without a mapping it cannot get. */
    .text
    .globl _start
_start:
    movq 0x5afe0008, %rax
    ud2
    .section .note.GNU-stack,"",@progbits
