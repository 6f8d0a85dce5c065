// The register frame interrupt_entry.S builds on the stack before calling interrupt_dispatch().
#pragma once

#include <stdint.h>

struct InterruptFrame {
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
  uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t vector;
  uint64_t error_code;                // 0 for vectors without one
  uint64_t rip, cs, rflags, rsp, ss;  // pushed by the CPU
};
static_assert(sizeof(InterruptFrame) == 22 * 8);

inline constexpr uint8_t kVectorTimer = 0x20;
inline constexpr uint8_t kVectorCallIpi = 0xF0;
inline constexpr uint8_t kVectorRescheduleIpi = 0xF1;  // "look at your run queue"
inline constexpr uint8_t kVectorSpurious = 0xFF;
inline constexpr uint8_t kVectorLegacyPicBase = 0xE0;  // remapped and masked
// The one software interrupt ring 3 may raise (a DPL3 gate): "this user code is done". Stands in
// for the exit system call until syscalls exist.
inline constexpr uint8_t kVectorUserTrap = 0x81;
