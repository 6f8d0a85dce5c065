// A 16550-compatible UART driven by polling (no interrupt is enabled): set up for 115200 baud,
// 8 data bits, no parity, one stop bit, FIFOs on; bytes out when the transmitter holding
// register is empty, bytes in when the line status says one is ready. The eight registers are a
// PortRange's (libsys/port.h).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/port.h"

class Uart16550 {
 public:
  // The registers at offsets 0-7 of `ports`; kOutOfRange if its window has fewer than eight.
  [[nodiscard]] static Result<Uart16550> make(const sys::PortRange& ports);

  // Finds the chip (the scratch register keeps a value; kNotFound if not), programs it, and
  // checks the receive path in loopback mode: each byte of a test pattern sent comes back
  // (kBadState if not). Ends in normal mode with the receive buffer empty.
  [[nodiscard]] Status initialize();
  bool has_fifo() const { return fifo_; }
  uint32_t loopback_bytes() const { return loopback_bytes_; }

  // Sends one byte once the transmitter can take it; kTimedOut if it never can.
  [[nodiscard]] Status write_byte(uint8_t byte) const;
  // A byte received and not read yet; false if there is none.
  bool read_byte(uint8_t* byte) const;

 private:
  Uart16550(sys::Port<uint8_t> data, sys::Port<uint8_t> interrupt_enable,
            sys::Port<uint8_t> fifo_control, sys::Port<uint8_t> line_control,
            sys::Port<uint8_t> modem_control, sys::Port<uint8_t> line_status,
            sys::Port<uint8_t> scratch)
      : data_(data),
        interrupt_enable_(interrupt_enable),
        fifo_control_(fifo_control),
        line_control_(line_control),
        modem_control_(modem_control),
        line_status_(line_status),
        scratch_(scratch) {}

  [[nodiscard]] Status loopback_test();
  void drain() const;

  sys::Port<uint8_t> data_;              // 0: RBR / THR (DLL with DLAB set)
  sys::Port<uint8_t> interrupt_enable_;  // 1: IER (DLM with DLAB set)
  sys::Port<uint8_t> fifo_control_;      // 2: FCR on write, IIR on read
  sys::Port<uint8_t> line_control_;      // 3: LCR
  sys::Port<uint8_t> modem_control_;     // 4: MCR
  sys::Port<uint8_t> line_status_;       // 5: LSR
  sys::Port<uint8_t> scratch_;           // 7: SCR
  bool fifo_ = false;
  uint32_t loopback_bytes_ = 0;
};
