// Entering ring 3 and hearing back from it. enter_user_mode() is the bare mechanism (swapgs, then
// iretq into the user code and stack); what happens when ring 3 faults or raises kVectorUserTrap is
// decided by the UserTrapHandler the entry named. Tasks, threads and syscalls will sit on top of
// both.
#pragma once

#include <stdint.h>

#include "kernel/arch/x86_64/interrupt_frame.h"

// Where the faults and traps of ring-3 code go. Routing is per entry, not global: each
// enter_user_mode() names the handler of the code it starts, and this CPU delivers every fault and
// trap from ring 3 to the handler of its latest entry (PerCpu::user_traps). Threads will each own
// one (the context switch re-installs it with the thread); today the code that calls
// enter_user_mode() owns it.
class UserTrapHandler {
 public:
  // Returns true when it handled the event and ring 3 may resume (the frame may have been changed,
  // e.g. to restart an instruction); false leaves it to the kernel's default (a panic, for now). It
  // may also leave the interrupt for good, e.g. by a longjmp to a context saved before entering
  // ring 3.
  virtual bool handle_user_trap(InterruptFrame* frame) = 0;

 protected:
  ~UserTrapHandler() = default;
};

// Starts ring-3 execution at `rip` with stack `rsp` and `rdx` = `arg`, interrupts enabled; its
// faults and traps go to `traps`, which must outlive the user code. The current address space must
// map both for user access; the TSS's RSP0 is where ring 3 re-enters.
[[noreturn]] void enter_user_mode(uint64_t rip, uint64_t rsp, uint64_t arg, UserTrapHandler& traps);
