/* A program that writes 16 bits to port 0x5a5a, which it does not hold: the OUT at rip 0x400005
   (after the 5-byte mov, fault_program.ld) is a port fault: port 0x5a5a, width 2, out. */
    .text
    .globl _start
_start:
    movl $0x5a5a, %edx
    outw %ax, %dx
    ud2
    .section .note.GNU-stack,"",@progbits
