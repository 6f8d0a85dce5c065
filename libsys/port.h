// The driver API for I/O ports (docs/io-ports.md, docs/drivers.md).
//
// sys::PortRange owns an IoPorts capability slot (a sys::Cap) and keeps its ports open in the
// calling task while it lives: enable() calls io_ports_enable, the destructor io_ports_disable and
// then cap_delete. It hands out sys::Port<T> for offsets inside its window, each checked once by
// PortWindow (libsys/port_window.h): an offset outside, or an access straddling the end, is
// refused, never wrapped.
//
// sys::Port<T> (T = uint8_t, uint16_t or uint32_t) is one port of that width: read() is IN and
// write() is OUT, one instruction each, no syscall. A Port does not keep its range alive: it is
// valid while the PortRange it came from is.
//
//   Result<PortRange> rtc = PortRange::enable(Cap(kSlot), TRY(PortWindow::make(0x70, 2)));
//   Port<uint8_t> index = TRY(rtc.value().port<uint8_t>(0));
//   index.write(0x0A);
#pragma once

#include <stdint.h>
#include <type_traits>
#include <utility>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/cap.h"
#include "libsys/port_window.h"

namespace sys {

template <typename T>
concept PortWidth =
    std::is_same_v<T, uint8_t> || std::is_same_v<T, uint16_t> || std::is_same_v<T, uint32_t>;

// The IN instruction itself, on any port: the kernel checks it against the task's I/O bitmap (a
// port not granted faults). For code that must touch ports outside its grants on purpose (fault
// tests, stress); drivers go through Port, which keeps to the granted window.
template <PortWidth T>
T raw_in(uint16_t port) {
  T value;
  asm volatile("in %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

template <PortWidth T>
class Port {
 public:
  uint16_t number() const { return number_; }
  T read() const { return raw_in<T>(number_); }
  void write(T value) const { asm volatile("out %0, %1" ::"a"(value), "Nd"(number_)); }

 private:
  friend class PortRange;
  explicit Port(uint16_t number) : number_(number) {}
  uint16_t number_;
};

class PortRange {
 public:
  // Takes over `cap`, an IoPorts capability, and opens its ports in this task. `device` is the
  // window ports are handed out of: the registers the driver knows its device has. It is not
  // compared with the capability's range on purpose: the kernel enforces the grant (an access
  // outside it faults and the task's supervisor is told, docs/faults.md); granted() tells what
  // the capability covers. Errors: io_ports_enable's (kBadHandle, kWrongType, kAccessDenied
  // without read and write, kAlreadyExists); `cap` is deleted with them.
  // `cap` may instead be an IoBitmap capability (a bitmap init built for several drivers,
  // docs/io-ports.md "Sharing"): the task then adopts that shared bitmap (io_bitmap_attach, its
  // answers), and its ports stay open for the task's life (disable() only drops the capability).
  [[nodiscard]] static Result<PortRange> enable(Cap cap, const PortWindow& device);
  // The window is the capability's own range (cap_identify).
  [[nodiscard]] static Result<PortRange> enable(Cap cap);

  ~PortRange() { (void)disable(); }
  PortRange(PortRange&& other)
      : cap_(std::move(other.cap_)), window_(other.window_), shared_(other.shared_) {}
  PortRange& operator=(PortRange&& other);
  PortRange(const PortRange&) = delete;
  PortRange& operator=(const PortRange&) = delete;

  const PortWindow& window() const { return window_; }
  // The range the capability covers (cap_identify); kWrongType for a shared bitmap.
  [[nodiscard]] Result<PortWindow> granted() const;
  // Whether the ports come through a shared IoBitmap (enable's second form).
  bool shared() const { return shared_; }

  // The port at `offset` in the window, for accesses of T's width: kOutOfRange unless the whole
  // access lies inside the window, kBadHandle once the range is disabled or moved from.
  template <PortWidth T>
  [[nodiscard]] Result<Port<T>> port(uint32_t offset) const {
    if (!cap_.valid()) return Status::kBadHandle;  // disabled or moved from
    Result<uint16_t> number = window_.port_at(offset, sizeof(T));
    if (!number.is_ok()) return number.status();
    return Port<T>(number.value());
  }

  // Closes the ports (io_ports_disable) and deletes the capability; the range then owns nothing
  // and hands out nothing (kBadHandle). io_ports_disable's answer.
  Status disable();

 private:
  PortRange(Cap cap, const PortWindow& window, bool shared)
      : cap_(std::move(cap)), window_(window), shared_(shared) {}

  Cap cap_;
  PortWindow window_;
  bool shared_ = false;
};

}  // namespace sys
