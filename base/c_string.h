// Zero-terminated text: equality (whole, or a word inside a line) and prefix, for code that links
// no C library (user programs, the kernel) and for the host tests alike. The length is
// __builtin_strlen: every binary has strlen (base/freestanding_mem.h, or the host's C library).
// Header-only and constexpr (test/host/base/c_string_test.cc).
#pragma once

#include <stddef.h>

namespace base {

// Both texts, zero-terminated, have the same bytes.
constexpr bool same_text(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) ++a, ++b;
  return *a == *b;
}

// The `length` bytes at `a` (not terminated, a word in a longer line) are exactly `b`.
constexpr bool same_text(const char* a, size_t length, const char* b) {
  for (size_t i = 0; i < length; ++i) {
    if (b[i] == '\0' || a[i] != b[i]) return false;
  }
  return b[length] == '\0';
}

// `text` begins with every byte of `prefix` (an empty prefix begins everything).
constexpr bool starts_with(const char* text, const char* prefix) {
  for (; *prefix != '\0'; ++text, ++prefix) {
    if (*text != *prefix) return false;
  }
  return true;
}

}  // namespace base
