// The ends of a user thread (Thread::create_user starts one): thread_exit, a fault, and the kill of
// its task. A fault stops only the faulting thread; with no supervisor to tell yet, the kernel logs
// it and kills the thread's task, whose other threads then exit at their next timer interrupt
// in ring 3. The last thread of a task to exit exits the task (its capabilities go).
#pragma once

#include <stdint.h>

// The running user thread ends (thread_exit). Never returns.
[[noreturn]] void user_thread_exit();

// From the trap handler, on the faulting thread's kernel stack with interrupts off: log the fault
// (program, thread, vector, rip, address), kill the task, end the thread.
[[noreturn]] void user_thread_fault(uint64_t vector, uint64_t rip, uint64_t address);

// On the way back to ring 3 from a timer or reschedule interrupt: a thread of a killed task ends
// here instead. Every thread takes a timer interrupt within one tick, so the syscall path does not
// check (it would cost a third of a null syscall).
void user_thread_check_killed();
