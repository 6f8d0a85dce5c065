// The exception-fixup table: kernel instructions that may fault on user memory by design, and where
// each continues when it does (today the two copies of user_copy.S).
#pragma once

#include "kernel/arch/x86_64/interrupt_frame.h"

// A page fault in ring 0: true when `frame`'s rip is in the table and the faulting address (CR2)
// in the user half; rip has then been moved to the fixup and the handler returns to it. False
// for every other fault, which stays a kernel bug (a panic).
bool apply_exception_fixup(InterruptFrame* frame, uint64_t fault_address);
