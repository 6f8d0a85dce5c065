// The port-I/O syscalls' arguments (io_in, io_out, io_vector; docs/io-ports.md, "Port I/O by
// system call"): the access widths, the two directions, and one operation of an io_vector call.
// The fallback for tasks that do not enable their IoPorts capabilities, and the baseline the
// benchmarks compare the I/O bitmap with.
#pragma once

#include <stdint.h>

// An access is 1, 2 or 4 bytes wide (IN/OUT with AL, AX or EAX) and covers ports
// [port, port + width): all of them must lie inside the IoPorts capability.
constexpr bool io_port_width_valid(uint64_t width) {
  return width == 1 || width == 2 || width == 4;
}

enum class IoPortDirection : uint8_t {
  kIn = 0,   // needs kCapRead; the value read is written back into the operation
  kOut = 1,  // needs kCapWrite; the value must fit the width
};

// One access of an io_vector call. In results land in `value` (zero-extended), in the caller's
// array, when the call succeeds.
struct IoPortOp {
  uint16_t port = 0;
  uint8_t width = 1;  // 1, 2 or 4
  IoPortDirection direction = IoPortDirection::kIn;
  uint32_t value = 0;  // out: the value written; in: the value read
  constexpr bool operator==(const IoPortOp&) const = default;
};
static_assert(sizeof(IoPortOp) == 8, "IoPortOp is syscall ABI: its layout must not drift");

// The most operations one io_vector call takes. The kernel performs them with the capability-tree
// lock held and interrupts off (so a revoke cannot return between the check and an access): 64
// accesses at ISA speed (about 1 us each) bound that hold as kRevokeChunk bounds a revoke's.
inline constexpr uint32_t kIoVectorMaxOps = 64;

constexpr IoPortOp io_in_op(uint16_t port, uint8_t width) {
  return IoPortOp{port, width, IoPortDirection::kIn, 0};
}
constexpr IoPortOp io_out_op(uint16_t port, uint8_t width, uint32_t value) {
  return IoPortOp{port, width, IoPortDirection::kOut, value};
}
