// Zero-terminated text: length, equality and prefix, for code that links no C library (user
// programs, the kernel) and for the host tests alike. Header-only and constexpr: the checks run at
// compile time in the host test (test/host/base/c_string_test.cc).
#pragma once

#include <stddef.h>

namespace base {

// The bytes before the terminating zero.
constexpr size_t text_length(const char* text) {
  size_t n = 0;
  while (text[n] != '\0') ++n;
  return n;
}

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
