#include "kernel/panic.h"

#include <stdarg.h>
#include <atomic>

#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/console.h"

namespace {

std::atomic<int> g_panicking{0};

void print_frame(uint64_t rip, void*) { kprintf("  at %p\n", reinterpret_cast<void*>(rip)); }

[[noreturn]] void finish_panic(uint64_t rbp) {
  kprintf("backtrace:\n");
  arch::backtrace(rbp, print_frame, nullptr, 32);
  kprintf("PORTCULLIS-END status=panic\n");
  arch::exit_emulator(arch::ExitCode::kPanic);
}

// Only the first CPU to panic reports; a second one (or a nested panic) just stops.
void enter_panic() {
  arch::disable_interrupts();
  if (g_panicking.fetch_add(1) != 0) arch::halt_forever();
  console_enter_panic_mode();
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

void assert_fail(const char* expr, const char* file, int line) {
  panic("ASSERT failed: %s at %s:%d", expr, file, line);
}
