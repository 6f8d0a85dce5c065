// PortWindow: a run of I/O port numbers {base, count} (a device's registers) and the one check
// every port handed out of it passes: an access of `width_bytes` at `offset` lies wholly inside
// the window. An offset outside, an access straddling the end, or a window past port 65535 is
// refused, never wrapped. Plain C++ with no syscalls, so the host tests run it
// (test/host/libsys/port_window/); libsys/port.h's PortRange is built on it.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"

namespace sys {

inline constexpr uint32_t kPortCount = 65536;  // ports 0-65535

class PortWindow {
 public:
  // kOutOfRange for an empty window or one that runs past port 65535.
  [[nodiscard]] static Result<PortWindow> make(uint32_t base, uint32_t count) {
    if (count == 0 || base >= kPortCount || count > kPortCount - base) return Status::kOutOfRange;
    return PortWindow(static_cast<uint16_t>(base), count);
  }

  uint16_t base() const { return base_; }
  uint32_t count() const { return count_; }
  uint16_t last() const { return static_cast<uint16_t>(base_ + count_ - 1); }

  // The port number of a `width_bytes` access (1, 2 or 4) at `offset`: kInvalidArgument for
  // another width, kOutOfRange unless every byte of the access is inside the window.
  [[nodiscard]] Result<uint16_t> port_at(uint32_t offset, uint32_t width_bytes) const {
    if (width_bytes != 1 && width_bytes != 2 && width_bytes != 4) return Status::kInvalidArgument;
    // Compared without adding offset and width, so no sum can overflow into the window.
    if (offset >= count_ || width_bytes > count_ - offset) return Status::kOutOfRange;
    return static_cast<uint16_t>(base_ + offset);
  }

  // Whether `other` lies wholly inside this window.
  bool covers(const PortWindow& other) const {
    return other.base_ >= base_ && other.base_ - base_ + other.count_ <= count_;
  }

 private:
  PortWindow(uint16_t base, uint32_t count) : base_(base), count_(count) {}

  uint16_t base_;
  uint32_t count_;  // at least 1; base_ + count_ <= 65536
};

}  // namespace sys
