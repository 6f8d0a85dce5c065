#include "kernel/object/user_thread.h"

#include "abi/portcullis/fault_message.h"
#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/object/endpoint.h"
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

namespace {

FaultKind fault_kind(const UserFault& f) {
  switch (f.vector) {
    case 0:
      return FaultKind::kDivide;
    case 6:
      return FaultKind::kInvalidOpcode;
    case 13:
      return f.is_port ? FaultKind::kPort : FaultKind::kGeneralProtection;
    case 14:
      return FaultKind::kPage;
    default:
      return FaultKind::kOther;
  }
}

FaultMessage fault_message(const Task& task, const Thread& thread, const UserFault& f) {
  FaultMessage m;
  m.task_id = task.id();
  m.thread_id = thread.id();
  m.kind = fault_kind(f);
  m.vector = f.vector;
  m.error_code = f.error_code;
  m.rip = f.rip;
  if (m.kind == FaultKind::kPage) m.detail = f.address;
  if (m.kind == FaultKind::kPort) {
    m.detail = uint64_t{f.port} | uint64_t{f.width} << 16 | (f.port_out ? kFaultPortOut : 0);
  }
  return m;
}

// The call to the supervisor: kOk with its answer's label, or why there is none.
Result<uint64_t> ask_supervisor(Endpoint& supervisor, const FaultMessage& m) {
  IpcPayload message;
  message.label = kFaultMessageLabel;
  message.word_count = kFaultMessageWords;
  fault_message_pack(m, message.words);
  // No capability space: the kernel sends no capabilities, and takes none from the answer.
  TRY(supervisor.call(message, nullptr));
  return message.label;
}

}  // namespace

bool user_thread_fault(const UserFault& fault) {
  Thread* self = sched::current();
  Task* task = self->task();
  const FaultMessage m = fault_message(*task, *self, fault);
  const char* verdict = "no supervisor";
  if (RefPtr<Endpoint> supervisor = task->supervisor(); supervisor != nullptr) {
    const Result<uint64_t> answer = ask_supervisor(*supervisor, m);
    if (answer.is_ok() && answer.value() == kFaultReplyResume) return true;
    verdict = answer.is_ok() ? "the supervisor's answer" : "no answer from the supervisor";
  }
  kprintf(
      "program %s: fault, vector %u at rip 0x%lx (address 0x%lx) in thread %u on cpu %u; "
      "%s: task %u killed\n",
      task->name(), m.vector, m.rip, fault.address, m.thread_id, arch::current_cpu(), verdict,
      m.task_id);
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
