// Port numbers and port ranges as text, the one reader init's manifest (`grant=io_ports:RANGE`,
// servers/init/manifest.h) and the shell's `grant`/`revoke` (servers/portsh/commands_control.cc)
// share, so a range means the same thing wherever it is typed:
//
//   96 or 0x60          one port: decimal, or hex after a lower-case "0x" (at most 5 digits)
//   0x60-0x64           BASE-LAST, both included
//   0x60+5              BASE+COUNT: COUNT ports from BASE (decimal or hex as well)
//
// Inside ports 0-0xFFFF, at least one port. A lone port is a range only where the caller allows it
// (the manifest wants the two-part form; the shell takes either).
//
// Header-only plain C++ with no allocation: host tests run it, init and the shell include it.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace sys {

inline constexpr uint32_t kLastPort = 0xFFFF;

// Ports [base, base + count).
struct PortSpan {
  uint32_t base = 0;
  uint32_t count = 0;
};

enum class PortRangeForm : uint8_t {
  kRangeOnly,   // BASE-LAST or BASE+COUNT
  kRangeOrPort  // those, or one port alone (a range of one)
};

// A decimal number with no sign (at most 9 digits), at most `limit`.
inline bool parse_decimal(const char* text, size_t length, uint32_t limit, uint32_t* out) {
  if (length == 0 || length > 9) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < length; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + static_cast<uint32_t>(text[i] - '0');
  }
  if (value > limit) return false;
  *out = value;
  return true;
}

// A port number or count: decimal, or hex after "0x" (1 to 5 digits), at most `limit`.
inline bool parse_port_number(const char* text, size_t length, uint32_t limit, uint32_t* out) {
  if (length < 2 || text[0] != '0' || text[1] != 'x') {
    return parse_decimal(text, length, limit, out);
  }
  const char* hex = text + 2;
  const size_t digits = length - 2;
  if (digits == 0 || digits > 5) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = hex[i];
    uint32_t digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
    value = value * 16 + digit;
  }
  if (value > limit) return false;
  *out = value;
  return true;
}

// A range in one of the forms above; false (and `out` untouched) for anything else.
inline bool parse_port_range(const char* text, size_t length, PortRangeForm form, PortSpan* out) {
  size_t split = 0;
  while (split < length && text[split] != '-' && text[split] != '+') ++split;
  PortSpan span;
  if (!parse_port_number(text, split, kLastPort, &span.base)) return false;
  if (split == length) {
    if (form != PortRangeForm::kRangeOrPort) return false;
    span.count = 1;
    *out = span;
    return true;
  }
  const char* second = text + split + 1;
  const size_t second_length = length - split - 1;
  uint32_t value;
  if (text[split] == '-') {
    if (!parse_port_number(second, second_length, kLastPort, &value) || value < span.base) {
      return false;
    }
    span.count = value - span.base + 1;
  } else {
    if (!parse_port_number(second, second_length, kLastPort + 1, &value) || value == 0) {
      return false;
    }
    if (value > kLastPort + 1 - span.base) return false;
    span.count = value;
  }
  *out = span;
  return true;
}

// The same for a NUL-terminated word (the shell's argv).
inline bool parse_port_range(const char* text, PortRangeForm form, PortSpan* out) {
  size_t length = 0;
  while (text[length] != '\0') ++length;
  return parse_port_range(text, length, form, out);
}

}  // namespace sys
