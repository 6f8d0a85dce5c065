// IN and OUT made by the kernel itself (ring 0: no bitmap applies), inline: the port-I/O calls
// (io_in, io_out, io_vector) make one per access, and io_in's whole budget is a few dozen
// instructions. kernel/arch/arch.h exports these; `width` is 1, 2 or 4 (checked by the caller:
// anything else reads 0 and writes nothing).
#pragma once

#include <stdint.h>

namespace arch {

inline uint32_t io_port_read(uint16_t port, uint32_t width) {
  uint32_t value = 0;
  if (width == 1) {
    uint8_t v;
    asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    value = v;
  } else if (width == 2) {
    uint16_t v;
    asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    value = v;
  } else if (width == 4) {
    asm volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
  }
  return value;
}

inline void io_port_write(uint16_t port, uint32_t width, uint32_t value) {
  if (width == 1) {
    asm volatile("outb %0, %1" ::"a"(static_cast<uint8_t>(value)), "Nd"(port));
  } else if (width == 2) {
    asm volatile("outw %0, %1" ::"a"(static_cast<uint16_t>(value)), "Nd"(port));
  } else if (width == 4) {
    asm volatile("outl %0, %1" ::"a"(value), "Nd"(port));
  }
}

}  // namespace arch
