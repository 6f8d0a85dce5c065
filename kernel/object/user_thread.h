// The ends of a user thread (Thread::create_user starts one): thread_exit, a fault, and the kill of
// its task. A fault stops only the faulting thread, which tells its task's supervisor (a fault
// message, docs/faults.md) and waits for the verdict; with no supervisor, or when the supervisor
// says so, the kernel logs it and kills the thread's task, whose other threads then exit at their
// next timer interrupt in ring 3. The last thread of a task to exit exits the task (its
// capabilities go).
#pragma once

#include <stdint.h>

// The running user thread ends (thread_exit). Never returns.
[[noreturn]] void user_thread_exit();

// A user thread's fault as the trap handler decoded it.
struct UserFault {
  uint8_t vector = 0;
  uint32_t error_code = 0;
  uint64_t rip = 0;
  uint64_t address = 0;  // #PF: CR2
  // A #GP on IN/OUT/INS/OUTS whose port the task does not hold.
  bool is_port = false;
  bool port_out = false;
  uint32_t port = 0;
  uint32_t width = 0;
};

// From the trap handler, on the faulting thread's kernel stack with interrupts off. With a
// supervisor endpoint (Task::set_supervisor): the thread makes the fault-message call on it
// (abi/portcullis/fault_message.h) and waits; returns true when the answer is kFaultReplyResume
// (the instruction is retried). Otherwise (no supervisor, another answer, the call failed): logs
// the fault, kills the task and ends the thread; does not return.
bool user_thread_fault(const UserFault& fault);

// On the way back to ring 3 from a timer or reschedule interrupt: a thread of a killed task ends
// here instead. Every thread takes a timer interrupt within one tick, so the syscall path does not
// check (it would cost a third of a null syscall).
void user_thread_check_killed();
