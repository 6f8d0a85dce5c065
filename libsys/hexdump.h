// One line of a hex dump, as `hexdump -C` prints it: the offset, 16 bytes in hex (a gap after the
// eighth) and the same bytes as ASCII between bars, '.' for what does not print:
//   000  50 4f 52 54 43 55 4c 4c  49 53 20 44 49 53 4b 20  |PORTCULLIS DISK |
// Header-only, so the host tests run it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/format.h"

namespace sys {

inline constexpr size_t kHexdumpBytesPerLine = 16;
// 3 or more offset digits, the hex columns, the ASCII column and the NUL.
inline constexpr size_t kHexdumpLineBytes = 8 + 2 + 3 * kHexdumpBytesPerLine + 1 + 2 + 16 + 2;

// The line for `count` bytes (at most 16; a short last line keeps the columns) at `offset`, in
// `out` (NUL-terminated, cut to `capacity`); the length of the whole line.
inline size_t hexdump_line(uint64_t offset, const uint8_t* bytes, size_t count, char* out,
                           size_t capacity) {
  if (count > kHexdumpBytesPerLine) count = kHexdumpBytesPerLine;
  char line[kHexdumpLineBytes + 16];
  size_t n = format(line, sizeof line, "%03lx ", static_cast<unsigned long>(offset));
  for (size_t i = 0; i < kHexdumpBytesPerLine; ++i) {
    if (i == 8) line[n++] = ' ';
    if (i < count) {
      n += format(line + n, sizeof line - n, " %02x", bytes[i]);
    } else {
      n += format(line + n, sizeof line - n, "   ");
    }
  }
  n += format(line + n, sizeof line - n, "  |");
  for (size_t i = 0; i < count; ++i) {
    line[n++] = bytes[i] >= 0x20 && bytes[i] < 0x7F ? static_cast<char>(bytes[i]) : '.';
  }
  line[n++] = '|';
  line[n] = '\0';
  return format(out, capacity, "%s", line);
}

}  // namespace sys
