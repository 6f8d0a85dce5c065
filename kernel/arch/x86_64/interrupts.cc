// Interrupt and exception dispatch. An exception in the kernel is a panic with the full context;
// the timer counts ticks and drives preemption; the reschedule IPI makes a CPU look at its run
// queue; the call IPI runs queued cross-CPU calls; NMIs stop CPUs during a panic, each reporting
// where it was.
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/exception_fixup.h"
#include "kernel/arch/x86_64/interrupt_frame.h"
#include "kernel/arch/x86_64/lapic.h"
#include "kernel/arch/x86_64/lockup_watchdog.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/user_entry.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/object/user_thread.h"
#include "kernel/panic.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/syscall_allocation_faults.h"

namespace {

std::atomic<bool> g_stopping{false};

const char* const kExceptionNames[32] = {"#DE divide error",
                                         "#DB debug",
                                         "NMI",
                                         "#BP breakpoint",
                                         "#OF overflow",
                                         "#BR bound range",
                                         "#UD invalid opcode",
                                         "#NM device not available",
                                         "#DF double fault",
                                         "coprocessor overrun",
                                         "#TS invalid TSS",
                                         "#NP segment not present",
                                         "#SS stack fault",
                                         "#GP general protection",
                                         "#PF page fault",
                                         "reserved 15",
                                         "#MF x87 error",
                                         "#AC alignment check",
                                         "#MC machine check",
                                         "#XM SIMD error",
                                         "#VE virtualization",
                                         "#CP control protection",
                                         "reserved 22",
                                         "reserved 23",
                                         "reserved 24",
                                         "reserved 25",
                                         "reserved 26",
                                         "reserved 27",
                                         "#HV hypervisor injection",
                                         "#VC VMM communication",
                                         "#SX security",
                                         "reserved 31"};

[[noreturn]] void stop_this_cpu() {
  for (;;) {
    x86::cli();
    x86::hlt();
  }
}

[[noreturn]] void panic_on_exception(const InterruptFrame* f) {
  const PanicContext ctx{f->vector, f->error_code, f->rip, f->rsp, f->rbp, x86::read_cr2()};
  panic_with_context(ctx, kExceptionNames[f->vector]);
}

// Ring 3 faulted or trapped: the handler its entry named decides (resume, restart, or end the user
// code). The kernel never dies of user code: with no handler there is no user code to blame but
// ours. Out of line, so the interrupt paths that never come from ring 3 (the timer, the call IPI)
// keep a frame with nothing to preserve across this call.
[[gnu::noinline]] void dispatch_from_user(InterruptFrame* f) {
  if (UserTrapHandler* h = this_cpu()->user_traps; h != nullptr && h->handle_user_trap(f)) return;
  if (f->vector < 32) panic_on_exception(f);
  panic("unexpected interrupt vector %lu", f->vector);
}

}  // namespace

extern "C" void interrupt_dispatch(InterruptFrame* f) {
  const uint64_t v = f->vector;
  if (v == 2 && g_stopping.load(std::memory_order_acquire)) {
    // Stopped by a panic on another CPU: say where this one was (a lockup's other end, maybe).
    panic_report_stopped_cpu(f->rip, f->rbp, (f->cs & 3) == 3);
    stop_this_cpu();
  }
  if ((f->cs & 3) == 3 && (v < 32 || v == kVectorUserTrap)) return dispatch_from_user(f);
  if (v == 14 && apply_exception_fixup(f, x86::read_cr2())) return;  // a user copy's page fault
  if (v < 32) panic_on_exception(f);
  // The interrupted code may be a syscall whose allocations fault_inject makes fail; this
  // interrupt's are never its.
  const AllocationFaultsPause no_faults;
  switch (v) {
    case kVectorTimer:
      this_cpu()->timer_ticks.fetch_add(1, std::memory_order_relaxed);
      x86::lockup_watchdog_tick();  // debug kernels: the next CPU still takes its ticks
      lapic_eoi();
      sched::on_timer_tick();
      sched::interrupt_exit_point();  // after the EOI: the next thread may run for a while
      if ((f->cs & 3) == 3) user_thread_check_killed();
      return;
    case kVectorRescheduleIpi:
      lapic_eoi();
      sched::on_reschedule_ipi();
      sched::interrupt_exit_point();
      if ((f->cs & 3) == 3) user_thread_check_killed();
      return;
    case kVectorCallIpi:
      cross_cpu_call_handle();
      lapic_eoi();
      return;
    case kVectorSpurious:
      return;  // no EOI for spurious interrupts
    default:
      if (v >= kVectorLegacyPicBase && v < kVectorLegacyPicBase + 16u) return;  // masked 8259 noise
      panic("unexpected interrupt vector %lu", v);
  }
}

void arch::stop_other_cpus() {
  g_stopping.store(true, std::memory_order_release);
  for (uint32_t i : online_cpus().without(CpuSet::single(current_cpu()))) {
    lapic_send_nmi(per_cpu(i)->apic_id);
  }
}
