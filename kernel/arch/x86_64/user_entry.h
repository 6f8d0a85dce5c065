// Entering ring 3 and hearing back from it. enter_user_mode() is the bare mechanism (swapgs, then
// iretq into the user code and stack); what happens when ring 3 faults or raises kVectorUserTrap is
// decided by the installed UserTrapHandler. Tasks, threads and syscalls will sit on top of both.
#pragma once

#include <stdint.h>

#include "kernel/arch/x86_64/interrupt_frame.h"

// Returns true when it handled the event and ring 3 may resume (the frame may have been changed, e.g.
// to restart an instruction); false leaves it to the kernel's default (a panic, for now). A handler
// may also leave the interrupt for good, e.g. by a longjmp to a context saved before entering ring 3.
using UserTrapHandler = bool (*)(InterruptFrame* frame);
void set_user_trap_handler(UserTrapHandler handler);

// Starts ring-3 execution at `rip` with stack `rsp` and `rdx` = `arg`, interrupts enabled. The
// current address space must map both for user access; the TSS's RSP0 is where ring 3 re-enters.
[[noreturn]] void enter_user_mode(uint64_t rip, uint64_t rsp, uint64_t arg);
