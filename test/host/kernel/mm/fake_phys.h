// A buffer standing in for physical memory [base, base + bytes) in host tests, reached through a
// PhysToVirt function as the kernel reaches RAM through its direct map.
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct FakePhys {
  static inline uint8_t* buffer = nullptr;
  static inline uint64_t base = 0;
  static inline uint64_t bytes = 0;

  static void map(uint64_t phys_base, uint64_t size) {
    unmap();
    buffer = static_cast<uint8_t*>(aligned_alloc(4096, size));
    memset(buffer, 0xcc, size);
    base = phys_base;
    bytes = size;
  }
  static void unmap() {
    free(buffer);
    buffer = nullptr;
    bytes = 0;
  }
  static void* to_virt(uint64_t phys) {
    if (phys < base || phys - base >= bytes) return nullptr;
    return buffer + (phys - base);
  }
};
