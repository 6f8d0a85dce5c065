#include "servers/drivers/uart16550/uart16550.h"

#include <stddef.h>

namespace {

constexpr uint8_t kLcrDivisorLatch = 0x80;
constexpr uint8_t kLcr8N1 = 0x03;
constexpr uint8_t kFcrEnableClear14 = 0xC7;  // FIFOs on, both cleared, receive trigger at 14
constexpr uint8_t kIirFifoEnabled = 0xC0;    // both bits: a 16550A's working FIFO
constexpr uint8_t kMcrNormal = 0x0B;         // DTR, RTS, OUT2
constexpr uint8_t kMcrLoopback = 0x1B;       // the same with the loop bit: nothing reaches the line
constexpr uint8_t kLsrDataReady = 0x01;
constexpr uint8_t kLsrTransmitterEmpty = 0x20;  // THRE: the holding register (or FIFO) is empty
constexpr uint16_t kDivisor115200 = 1;          // 115200 / 115200

// How long a polled wait may last, in reads of the line status: far beyond one byte's time at
// 115200 baud (87 us) on the emulators, so only a dead chip reaches it.
constexpr uint32_t kMaxStatusReads = 1'000'000;

}  // namespace

Result<Uart16550> Uart16550::make(const sys::PortRange& ports) {
  return Uart16550(TRY(ports.port<uint8_t>(0)), TRY(ports.port<uint8_t>(1)),
                   TRY(ports.port<uint8_t>(2)), TRY(ports.port<uint8_t>(3)),
                   TRY(ports.port<uint8_t>(4)), TRY(ports.port<uint8_t>(5)),
                   TRY(ports.port<uint8_t>(7)));
}

Status Uart16550::initialize() {
  // An 8250 without a scratch register, or no chip (the bus reads 0xFF), is not driven.
  for (uint8_t probe : {uint8_t{0x5A}, uint8_t{0xA5}}) {
    scratch_.write(probe);
    if (scratch_.read() != probe) return Status::kNotFound;
  }
  interrupt_enable_.write(0);  // polled: no interrupt
  line_control_.write(kLcrDivisorLatch);
  data_.write(static_cast<uint8_t>(kDivisor115200 & 0xFF));
  interrupt_enable_.write(static_cast<uint8_t>(kDivisor115200 >> 8));
  line_control_.write(kLcr8N1);
  fifo_control_.write(kFcrEnableClear14);
  fifo_ = (fifo_control_.read() & kIirFifoEnabled) == kIirFifoEnabled;
  TRY(loopback_test());
  modem_control_.write(kMcrNormal);
  drain();
  return Status::kOk;
}

Status Uart16550::loopback_test() {
  static constexpr char kPattern[] = "Portcullis\x00\xFF\x55\xAA";
  modem_control_.write(kMcrLoopback);
  drain();
  for (size_t i = 0; i < sizeof kPattern - 1; ++i) {
    const uint8_t sent = static_cast<uint8_t>(kPattern[i]);
    TRY(write_byte(sent));
    uint8_t received = 0;
    uint32_t reads = 0;
    while (!read_byte(&received)) {
      if (++reads == kMaxStatusReads) return Status::kTimedOut;
    }
    if (received != sent) return Status::kBadState;
    ++loopback_bytes_;
  }
  return Status::kOk;
}

void Uart16550::drain() const {
  uint8_t byte;
  for (uint32_t i = 0; i < 64 && read_byte(&byte); ++i) {
  }
}

Status Uart16550::write_byte(uint8_t byte) const {
  for (uint32_t reads = 0; (line_status_.read() & kLsrTransmitterEmpty) == 0; ++reads) {
    if (reads == kMaxStatusReads) return Status::kTimedOut;
  }
  data_.write(byte);
  return Status::kOk;
}

bool Uart16550::read_byte(uint8_t* byte) const {
  if ((line_status_.read() & kLsrDataReady) == 0) return false;
  *byte = data_.read();
  return true;
}
