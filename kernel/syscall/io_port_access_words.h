// The port-I/O calls' checks (io_in, io_out, io_vector; docs/io-ports.md, "Port I/O by system
// call"): what makes one access well formed, and whether an IoPorts capability allows it. Plain
// C++: the host tests run it too. The calls make no access before every check has passed.
//
// The answers, in the order they are checked:
//   kInvalidArgument  width not 1, 2 or 4; direction neither in nor out; an out value wider than
//                     the width
//   kOutOfRange       (io_in, io_out) a port word above 65535
//   -- then the capability: kBadHandle, kWrongType (CapSpace::with_capability) --
//   kAccessDenied     in without kCapRead, out without kCapWrite
//   kOutOfRange       [port, port + width) not wholly inside the capability's range (an access
//                     that straddles its edge, or the top of the port space, is refused whole)
#pragma once

#include <stdint.h>

#include "abi/portcullis/io_port_op.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/status.h"
#include "base/result.h"
#include "kernel/object/derivation_tree.h"
#include "kernel/object/io_port_bits.h"

// The words every access must get right on their own, before any capability is looked at.
constexpr Status check_io_op_words(const IoPortOp& op) {
  if (!io_port_width_valid(op.width)) return Status::kInvalidArgument;
  if (op.direction != IoPortDirection::kIn && op.direction != IoPortDirection::kOut) {
    return Status::kInvalidArgument;
  }
  if (op.direction == IoPortDirection::kOut && op.width < 4 && (op.value >> (8 * op.width)) != 0) {
    return Status::kInvalidArgument;
  }
  return Status::kOk;
}

// io_in(slot, port, width) and io_out(slot, port, width, value): the words as one operation.
inline Result<IoPortOp> decode_io_access(uint64_t port, uint64_t width, IoPortDirection direction,
                                         uint64_t value) {
  if (!io_port_width_valid(width)) return Status::kInvalidArgument;
  if (value > UINT32_MAX) return Status::kInvalidArgument;
  const IoPortOp op{static_cast<uint16_t>(port), static_cast<uint8_t>(width), direction,
                    static_cast<uint32_t>(value)};
  if (const Status s = check_io_op_words(op); s != Status::kOk) return s;
  if (port >= kIoPortCount) return Status::kOutOfRange;
  return op;
}

// The right the access needs and whether every port it touches lies inside the capability.
constexpr Status check_io_op_allowed(const IoPortOp& op, const CapInfo& cap) {
  const uint32_t needed = op.direction == IoPortDirection::kIn ? kCapRead : kCapWrite;
  if (!capability_rights_within(needed, cap.rights)) return Status::kAccessDenied;
  // port + width - 1 <= 65538: no wrap in 64 bits; a straddle of 0xFFFF falls outside any range.
  const CapRange touched{op.port, op.width};
  return cap.range.contains(touched) ? Status::kOk : Status::kOutOfRange;
}

// io_vector's check of every operation before the first access: the first bad one's index and
// why, or kOk and `count`.
struct IoVectorCheck {
  Status status = Status::kOk;
  uint32_t bad_index = 0;
};

constexpr IoVectorCheck check_io_vector(const IoPortOp* ops, uint32_t count, const CapInfo& cap) {
  for (uint32_t i = 0; i < count; ++i) {
    Status s = check_io_op_words(ops[i]);
    if (s == Status::kOk) s = check_io_op_allowed(ops[i], cap);
    if (s != Status::kOk) return IoVectorCheck{s, i};
  }
  return IoVectorCheck{Status::kOk, count};
}
