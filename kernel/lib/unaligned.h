// Reading a little-endian integer from a byte position with no alignment promise (firmware tables,
// boot information). memcpy keeps it defined behaviour; the compiler emits one plain load on x86.
#pragma once

#include <stdint.h>

template <typename T>
T load_unaligned(const uint8_t* p) {
  T v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

inline uint16_t read_u16(const uint8_t* p) { return load_unaligned<uint16_t>(p); }
inline uint32_t read_u32(const uint8_t* p) { return load_unaligned<uint32_t>(p); }
inline uint64_t read_u64(const uint8_t* p) { return load_unaligned<uint64_t>(p); }
