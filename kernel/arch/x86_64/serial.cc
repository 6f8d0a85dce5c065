// Console output on COM1 (16550, 115200 8N1) and the 0xE9 debug port. COM1 waits for the
// transmitter before each byte: Bochs in file mode drops bytes written while it is busy
// (docs/emulators.md).
#include "kernel/arch/x86_64/serial.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"

namespace {
constexpr uint16_t kCom1 = 0x3F8;
constexpr uint16_t kDebugPort = 0xE9;
constexpr uint8_t kLsrTransmitterEmpty = 1 << 5;
}  // namespace

void serial_init() {
  x86::outb(kCom1 + 1, 0x00);  // no interrupts
  x86::outb(kCom1 + 3, 0x80);  // DLAB on
  x86::outb(kCom1 + 0, 0x01);  // divisor 1: 115200 baud
  x86::outb(kCom1 + 1, 0x00);
  x86::outb(kCom1 + 3, 0x03);  // 8N1, DLAB off
  x86::outb(kCom1 + 2, 0xC7);  // FIFO on, cleared
  x86::outb(kCom1 + 4, 0x03);  // DTR, RTS
}

static void put_byte(uint8_t c) {
  for (int spins = 0; spins < 100000 && (x86::inb(kCom1 + 5) & kLsrTransmitterEmpty) == 0;
       ++spins) {
    __builtin_ia32_pause();
  }
  x86::outb(kCom1, c);
  x86::outb(kDebugPort, c);
}

void arch::console_write(const char* s, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    if (s[i] == '\n') put_byte('\r');
    put_byte(static_cast<uint8_t>(s[i]));
  }
}
