#include "kernel/panic.h"

#include <stdarg.h>
#include <atomic>

#include "base/assert.h"
#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/lib/lock_order.h"

namespace {

std::atomic<int> g_panicking{0};
// One report on the console at a time: the panicking CPU's first, then each stopped CPU's
// (panic_report_stopped_cpu), which finish_panic waits for before it leaves the emulator.
std::atomic<bool> g_report_busy{false};
std::atomic<uint32_t> g_stopped_reports{0};
// How long finish_panic waits for the other CPUs' reports: a CPU the NMI cannot reach (already
// halted, or stuck in an NMI) must not keep the panic from ending.
constexpr uint64_t kStoppedReportsWaitNs = 2'000'000'000;
constexpr uint64_t kStoppedReportsWaitLooks = 200'000'000;  // before the clock runs (early boot)

void take_report_turn() {
  while (g_report_busy.exchange(true, std::memory_order_acquire)) cpu_relax();
}

void end_report_turn() { g_report_busy.store(false, std::memory_order_release); }

void print_frame(uint64_t rip, void*) { kprintf("  at %p\n", reinterpret_cast<void*>(rip)); }

// Waits (bounded) until every other online CPU has printed its report.
void wait_for_stopped_reports() {
  const uint32_t others = arch::cpu_count() - 1;
  const uint64_t start = arch::monotonic_ns();
  for (uint64_t looks = 0; g_stopped_reports.load(std::memory_order_acquire) < others; ++looks) {
    const uint64_t now = arch::monotonic_ns();
    if (start != 0 ? now - start > kStoppedReportsWaitNs : looks > kStoppedReportsWaitLooks) {
      kprintf("(%u of %u other cpus reported)\n", g_stopped_reports.load(), others);
      return;
    }
    cpu_relax();
  }
}

[[noreturn]] void finish_panic(uint64_t rbp) {
  kprintf("backtrace:\n");
  arch::backtrace(rbp, print_frame, nullptr, 32);
  lock_order::print_held_here();
  end_report_turn();
  wait_for_stopped_reports();
  kprintf("PORTCULLIS-END status=panic\n");
  arch::exit_emulator(arch::ExitCode::kPanic);
}

// Only the first CPU to panic reports; a second one (or a nested panic) just stops.
void enter_panic() {
  arch::disable_interrupts();
  if (g_panicking.fetch_add(1) != 0) arch::halt_forever();
  console_enter_panic_mode();
  take_report_turn();  // before the NMIs: the stopped CPUs report after this one
  arch::stop_other_cpus();
}

void print_reason(const char* fmt, va_list args) {
  kprintf("\nKERNEL PANIC on cpu %u (apic id %u): ", arch::current_cpu(), arch::current_apic_id());
  kvprintf(fmt, args);
  kprintf("\n");
}

}  // namespace

void panic(const char* fmt, ...) {
  enter_panic();
  va_list args;
  va_start(args, fmt);
  print_reason(fmt, args);
  va_end(args);
  finish_panic(reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
}

void panic_with_details(void (*details)(void* arg), void* arg, const char* fmt, ...) {
  enter_panic();
  va_list args;
  va_start(args, fmt);
  print_reason(fmt, args);
  va_end(args);
  details(arg);
  finish_panic(reinterpret_cast<uint64_t>(__builtin_frame_address(0)));
}

void panic_with_context(const PanicContext& c, const char* what) {
  enter_panic();
  kprintf("\nKERNEL PANIC on cpu %u (apic id %u): %s\n", arch::current_cpu(),
          arch::current_apic_id(), what);
  kprintf("vector %lu error code 0x%lx rip 0x%lx rsp 0x%lx cr2 0x%lx\n", c.vector, c.error_code,
          c.rip, c.rsp, c.cr2);
  kprintf("  at %p\n", reinterpret_cast<void*>(c.rip));
  finish_panic(c.rbp);
}

void panic_report_stopped_cpu(uint64_t rip, uint64_t rbp, bool in_user_mode) {
  take_report_turn();
  kprintf("cpu %u (apic id %u) stopped by the panic at rip 0x%lx%s\n", arch::current_cpu(),
          arch::current_apic_id(), rip, in_user_mode ? " (user mode)" : "");
  if (!in_user_mode) {
    kprintf("  at %p\n", reinterpret_cast<void*>(rip));
    arch::backtrace(rbp, print_frame, nullptr, 32);
  }
  lock_order::print_held_here();
  end_report_turn();
  g_stopped_reports.fetch_add(1, std::memory_order_release);
}

void assert_fail(const char* expr, const char* file, int line) {
  panic("ASSERT failed: %s at %s:%d", expr, file, line);
}
