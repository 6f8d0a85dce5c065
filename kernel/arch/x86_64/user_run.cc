// Running ring-3 code on this CPU until it ends (arch::run_user_code): the step before threads.
// The caller's kernel context is saved, the code entered with enter_user_mode(), and the context
// resumed when the code calls thread_exit (arch::leave_user_code from the syscall) or faults (the
// UserTrapHandler below, which takes every fault and trap of that code).
#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/user_entry.h"
#include "kernel/panic.h"

namespace {

struct KernelJumpContext {
  uint64_t words[8];  // rbx, rbp, r12-r15, rsp, return rip
};

extern "C" [[gnu::returns_twice]] int arch_save_context(KernelJumpContext* ctx);
extern "C" [[noreturn]] void arch_resume_context(const KernelJumpContext* ctx);

class UserRun final : public UserTrapHandler {
 public:
  bool handle_user_trap(InterruptFrame* f) override {
    end = arch::UserCodeEnd{false, f->vector, f->rip, f->vector == 14 ? x86::read_cr2() : 0};
    arch_resume_context(&back);
  }

  KernelJumpContext back{};
  arch::UserCodeEnd end{};
  bool running = false;
};

// One run at a time per CPU; reached only by the CPU itself, with interrupts off.
UserRun g_runs[kMaxCpus];

UserRun& this_run() { return g_runs[this_cpu()->index]; }

}  // namespace

arch::UserCodeEnd arch::run_user_code(uint64_t rip, uint64_t rsp) {
  ASSERT((x86::read_rflags() & x86::kRflagsIf) == 0);
  UserRun& run = this_run();
  ASSERT(!run.running);
  run.running = true;
  if (arch_save_context(&run.back) == 0) enter_user_mode(rip, rsp, 0, run);
  // Back from a syscall or an interrupt entry, both on the kernel stack with interrupts off and
  // the kernel's GS: nothing of ring 3 is left to undo.
  run.running = false;
  return run.end;
}

bool arch::running_user_code() { return this_run().running; }

void arch::leave_user_code() {
  UserRun& run = this_run();
  if (!run.running) panic("leave_user_code: no user code runs on this CPU");
  run.end = UserCodeEnd{true, 0, 0, 0};
  arch_resume_context(&run.back);
}
