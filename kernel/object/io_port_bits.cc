#include "kernel/object/io_port_bits.h"

#include "base/assert.h"

void IoPortBits::deny_all() {
  for (uint32_t i = 0; i < kIoBitmapByteCount; ++i) bytes_[i] = 0xFF;
}

void IoPortBits::allow(PortRange ports) { set_bits(ports, false); }
void IoPortBits::deny(PortRange ports) { set_bits(ports, true); }

void IoPortBits::set_bits(PortRange ports, bool denied) {
  ASSERT(ports.size != 0 && ports.last() < kIoPortCount && ports.last() >= ports.base);
  uint32_t port = ports.base;
  const uint32_t end = ports.base + ports.size;  // <= 65536
  // Partial first byte, whole middle bytes, partial last byte.
  while (port < end && port % 8 != 0) {
    const uint8_t bit = static_cast<uint8_t>(1u << (port % 8));
    bytes_[port / 8] = denied ? (bytes_[port / 8] | bit) : (bytes_[port / 8] & ~bit);
    ++port;
  }
  const uint8_t fill = denied ? 0xFF : 0x00;
  while (port + 8 <= end) {
    bytes_[port / 8] = fill;
    port += 8;
  }
  while (port < end) {
    const uint8_t bit = static_cast<uint8_t>(1u << (port % 8));
    bytes_[port / 8] = denied ? (bytes_[port / 8] | bit) : (bytes_[port / 8] & ~bit);
    ++port;
  }
}

bool IoPortBits::allows(uint32_t port, uint32_t width) const {
  if (width == 0 || port >= kIoPortCount || width > kIoPortCount - port) return false;
  for (uint32_t p = port; p < port + width; ++p) {
    if (!allows_port(p)) return false;
  }
  return true;
}

IoByteWindow IoPortBits::tight_window(IoByteWindow hint) const {
  ASSERT(hint.lo <= hint.hi && hint.hi <= kIoBitmapByteCount);
  uint32_t lo = hint.lo;
  uint32_t hi = hint.hi;
  while (lo < hi && bytes_[lo] == 0xFF) ++lo;
  while (hi > lo && bytes_[hi - 1] == 0xFF) --hi;
  if (lo == hi) return {};
  return {lo, hi};
}

bool IoPortBits::operator==(const IoPortBits& o) const {
  for (uint32_t i = 0; i < kIoBitmapByteCount; ++i) {
    if (bytes_[i] != o.bytes_[i]) return false;
  }
  return true;
}
