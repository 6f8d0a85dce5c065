// The mem* functions the compiler may call on its own even in freestanding code (GCC documents
// memcpy, memmove, memset and memcmp as required), for the binaries that link no C library: the
// kernel and user programs. This header DEFINES them: include it from exactly one source file of
// each such binary (kernel/lib/mem.cc, libsys/mem.cc). rep movs/stos in inline assembly, so the
// compiler cannot turn a body back into a call to itself.
#pragma once

#include <stddef.h>
#include <stdint.h>

extern "C" {

void* memcpy(void* dst, const void* src, size_t n) {
  void* d = dst;
  asm volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n)::"memory");
  return dst;
}

// Eight bytes per iteration where it can: an iteration of a rep stos is one tick under -icount
// (docs/benchmarking.md), and the memory server zeroes every page it hands out (512 ticks a page
// with rep stosq, 4096 with rep stosb). The head up to an 8-byte boundary and the tail go by
// bytes.
void* memset(void* dst, int c, size_t n) {
  void* d = dst;
  if (n >= 64) {
    const size_t head = (8 - (reinterpret_cast<uintptr_t>(d) & 7)) & 7;
    size_t count = head;
    asm volatile("rep stosb" : "+D"(d), "+c"(count) : "a"(c) : "memory");
    n -= head;
    count = n / 8;
    const uint64_t pattern = uint64_t{0x0101010101010101} * static_cast<uint8_t>(c);
    asm volatile("rep stosq" : "+D"(d), "+c"(count) : "a"(pattern) : "memory");
    n %= 8;
  }
  asm volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  auto* d = static_cast<uint8_t*>(dst);
  const auto* s = static_cast<const uint8_t*>(src);
  if (d <= s || d >= s + n) return memcpy(dst, src, n);
  // Overlapping with dst above src: copy backwards.
  d += n - 1;
  s += n - 1;
  asm volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n)::"memory");
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const auto* x = static_cast<const uint8_t*>(a);
  const auto* y = static_cast<const uint8_t*>(b);
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

size_t strlen(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

}  // extern "C"
