// The kernel log: whole lines to COM1 and the 0xE9 port. kprintf formats into a local buffer first
// and writes under one lock, so lines from different CPUs never interleave.
#pragma once

#include <stdarg.h>
#include <stddef.h>

void kprintf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char* fmt, va_list args);
void console_write_locked(const char* s, size_t len);  // raw text, under the console lock
// The panic path: take the lock if it comes free soon, else write anyway (the holder may be dead).
void console_enter_panic_mode();
