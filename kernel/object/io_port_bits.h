// The raw I/O permission bits: 65536 ports, one bit each, 1 = denied, laid out exactly as the CPU
// reads the TSS I/O bitmap (port p is bit p % 8 of byte p / 8). No locking, no sharing, no
// sequence: IoBitmap owns one of these and adds those. (The storage seam after HelenOS's bitmap
// helper and NOVA's space.)
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/range.h"

// Ports are 16-bit; a range may end exactly at the top of the port space, so it counts in 32 bits.
using PortRange = Range<uint32_t>;

inline constexpr uint32_t kIoPortCount = 65536;
inline constexpr uint32_t kIoBitmapByteCount = kIoPortCount / 8;

// A half-open byte window [lo, hi) of the bitmap. Empty when lo == hi (then both are 0).
struct IoByteWindow {
  uint32_t lo = 0;
  uint32_t hi = 0;

  constexpr bool empty() const { return lo == hi; }
  constexpr uint32_t size() const { return hi - lo; }
  // The smallest window covering both (an empty window contributes nothing).
  constexpr IoByteWindow united(IoByteWindow o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {lo < o.lo ? lo : o.lo, hi > o.hi ? hi : o.hi};
  }
  constexpr bool operator==(const IoByteWindow&) const = default;
};

// The bytes of a port range: [base / 8, (last / 8) + 1).
constexpr IoByteWindow byte_window_of(PortRange ports) {
  return {ports.base / 8, ports.last() / 8 + 1};
}

class IoPortBits {
 public:
  // Every port denied.
  void deny_all();
  // Clears (allows) or sets (denies) the bits of `ports`, which must lie inside the port space.
  void allow(PortRange ports);
  void deny(PortRange ports);

  // True when every port of [port, port + width) exists and is allowed: what a `width`-byte IN/OUT
  // needs. Ports past 0xFFFF do not exist, so a wide access at the top is denied.
  bool allows(uint32_t port, uint32_t width) const;
  bool allows_port(uint32_t port) const { return ((bytes_[port / 8] >> (port % 8)) & 1) == 0; }

  // The tightest window outside which every byte is 0xFF, found by scanning inward from `hint`,
  // which must already have that property (so a change costs a scan of the old window, never of 8
  // KiB).
  IoByteWindow tight_window(IoByteWindow hint) const;

  const uint8_t* bytes() const { return bytes_; }
  uint8_t byte(uint32_t index) const { return bytes_[index]; }
  bool operator==(const IoPortBits& o) const;

 private:
  void set_bits(PortRange ports, bool denied);

  alignas(8) uint8_t bytes_[kIoBitmapByteCount];
};
