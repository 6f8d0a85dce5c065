// The kernel's last words: print the reason, the CPU and a backtrace, stop every other CPU, and
// leave the emulator with the panic status (test boots) or halt.
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
