// printf-style formatting into a caller's buffer, with no allocation: %s %c %d %i %u %x %X %p %%,
// the length modifiers l, ll, z, and a width with optional zero padding or '-' (left-justify).
// The output is always NUL-terminated and truncated to fit; the return value is the length the
// full text would have had (as snprintf).
#pragma once

#include <stdarg.h>
#include <stddef.h>

size_t format(char* buf, size_t capacity, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t vformat(char* buf, size_t capacity, const char* fmt, va_list args);
