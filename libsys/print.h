// Printing to the kernel log from user space, through debug_write. Each call is one debug_write
// (the kernel prints it under one lock), so a line printed in one call is never split by another
// CPU's output. Longer text than one call carries (kPrintMaxBytes) is cut.
#pragma once

#include <stdarg.h>
#include <stddef.h>

#include "abi/portcullis/status.h"

namespace sys {

inline constexpr size_t kPrintMaxBytes = 512;

Status write(const char* text, size_t length);  // exactly these bytes
Status print(const char* text);                 // a NUL-terminated string
// printf-style (base/format.h: %s %c %d %i %u %x %X %p %%, l/ll/z, width, '0', '-').
Status printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
Status vprintf(const char* fmt, va_list args);

}  // namespace sys
