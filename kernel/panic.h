// The kernel's last words: print the reason, the CPU and a backtrace, stop every other CPU (each
// reports where it was, one after another), and leave the emulator with the panic status (test
// boots) or halt.
#pragma once

#include <stdint.h>

[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
// The same, with more lines after the reason: details(arg) prints them with kprintf (a report too
// long for one console line, e.g. the lock-order checker's).
[[noreturn]] void panic_with_details(void (*details)(void* arg), void* arg, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));

// Exceptions in the kernel arrive here with the saved state.
struct PanicContext {
  uint64_t vector;
  uint64_t error_code;
  uint64_t rip;
  uint64_t rsp;
  uint64_t rbp;
  uint64_t cr2;
};
[[noreturn]] void panic_with_context(const PanicContext& ctx, const char* what);

// A CPU the panic stopped (its NMI, interrupts off for good): prints where it was, `rip` and the
// frames from `rbp` (none when it ran user code), and in debug kernels the spinlocks it held, in
// its turn after the panicking CPU's report. Called once per CPU, from the NMI handler.
void panic_report_stopped_cpu(uint64_t rip, uint64_t rbp, bool in_user_mode);
