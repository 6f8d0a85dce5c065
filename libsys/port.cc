#include "libsys/port.h"

#include <utility>

#include "abi/portcullis/capability_type.h"
#include "libsys/syscall_stubs.h"

namespace sys {

namespace {

// The window an IoPorts capability covers; checked before narrowing to port numbers.
Result<PortWindow> window_of(const CapIdentity& identity) {
  if (identity.type != static_cast<uint32_t>(CapabilityType::kIoPorts)) return Status::kWrongType;
  if (identity.base >= kPortCount || identity.count > kPortCount) return Status::kOutOfRange;
  return PortWindow::make(static_cast<uint32_t>(identity.base),
                          static_cast<uint32_t>(identity.count));
}

}  // namespace

Result<PortRange> PortRange::enable(Cap cap, const PortWindow& device) {
  const Status s = sys_io_ports_enable(cap.slot()).status;
  if (s == Status::kOk) return PortRange(std::move(cap), device, /*shared=*/false);
  if (s != Status::kWrongType) return s;
  // Not IoPorts: a shared IoBitmap is the other way to hold ports.
  if (const Status a = sys_io_bitmap_attach(cap.slot()).status; a != Status::kOk) return a;
  return PortRange(std::move(cap), device, /*shared=*/true);
}

Result<PortRange> PortRange::enable(Cap cap) {
  Result<CapIdentity> identity = cap.identify();
  if (!identity.is_ok()) return identity.status();
  Result<PortWindow> window = window_of(identity.value());
  if (!window.is_ok()) return window.status();
  return enable(std::move(cap), window.value());
}

PortRange& PortRange::operator=(PortRange&& other) {
  if (this != &other) {
    (void)disable();
    cap_ = std::move(other.cap_);
    window_ = other.window_;
    shared_ = other.shared_;
  }
  return *this;
}

Result<PortWindow> PortRange::granted() const {
  Result<CapIdentity> identity = cap_.identify();
  if (!identity.is_ok()) return identity.status();
  return window_of(identity.value());
}

Status PortRange::disable() {
  if (!cap_.valid()) return Status::kOk;
  // A shared bitmap stays the task's: only the capability goes.
  const Status s = shared_ ? Status::kOk : sys_io_ports_disable(cap_.slot()).status;
  (void)cap_.reset();
  return s;
}

}  // namespace sys
