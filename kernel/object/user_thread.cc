#include "kernel/object/user_thread.h"

#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/syscall_dispatch.h"

void user_thread_exit() {
  Thread* self = sched::current();
  ASSERT(self->is_user());
  // Capabilities are removed with interrupts on, as in any syscall of the task.
  arch::enable_interrupts();
  // A call this thread was answering fails now (kBadState), not when the Thread is freed.
  self->reply_token().drop();
  if (self->task()->thread_exiting()) self->task()->exit();
  thread_exit();
}

void user_thread_fault(uint64_t vector, uint64_t rip, uint64_t address) {
  Thread* self = sched::current();
  Task* task = self->task();
  kprintf(
      "program %s: fault, vector %lu at rip 0x%lx (address 0x%lx) in thread %p on cpu %u; "
      "no supervisor: task killed\n",
      task->name(), vector, rip, address, static_cast<void*>(self), arch::current_cpu());
  task->kill();
  user_thread_exit();
}

void user_thread_check_killed() {
  Thread* self = sched::current();
  if (self == nullptr || !self->is_user() || !self->task()->killed()) return;
  user_thread_exit();
}

template <>
SyscallReturn handle_syscall<Syscall::thread_exit>(const SyscallArgs&) {
  Thread* self = sched::current();
  if (self != nullptr && self->is_user()) user_thread_exit();
  // Ring-3 code a kernel test runs on its own thread (arch::run_user_code) ends the same way.
  if (arch::running_user_code()) arch::leave_user_code();
  return syscall_return(Status::kBadState);
}
