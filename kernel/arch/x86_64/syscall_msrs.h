// SYSCALL/SYSRET set-up of one CPU (syscall_msrs.cc); the entry itself is syscall_entry.S.
#pragma once

void syscall_init_this_cpu();  // on the CPU itself, after its GDT is loaded
