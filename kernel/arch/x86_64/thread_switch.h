// The per-thread machine state every context switch saves and loads, inline: the FXSAVE image
// and the FS base. A call each would be a sizeable share of a switch, which the IPC fast path
// makes twice per round trip. kernel/arch/arch.h exports these; FpuState is declared there.
#pragma once

#include <stdint.h>

namespace arch {

struct FpuState;

inline constexpr uint32_t kMsrFsBase = 0xC0000100;

inline void fpu_save(FpuState* state) { asm volatile("fxsave64 (%0)" ::"r"(state) : "memory"); }
inline void fpu_restore(const FpuState* state) {
  asm volatile("fxrstor64 (%0)" ::"r"(state) : "memory");
}

inline uint64_t read_fs_base() {
  uint32_t lo, hi;
  asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(kMsrFsBase));
  return (uint64_t{hi} << 32) | lo;
}
inline void write_fs_base(uint64_t base) {
  asm volatile("wrmsr" ::"c"(kMsrFsBase), "a"(static_cast<uint32_t>(base)),
               "d"(static_cast<uint32_t>(base >> 32)));
}

}  // namespace arch
