// Per-CPU GDT and TSS layouts. Each CPU has kIoTssSlots TSS slots (build option io_tss_slots), each
// a full 104-byte TSS followed by an 8 KiB I/O permission bitmap and the trailing 0xFF byte the CPU
// needs (it reads two bitmap bytes per check, both inside the limit). Every slot carries the same
// RSP0 and IST pointers, so whichever slot is active, entry from ring 3 lands on this CPU's stacks.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/x86_64/io_tss_slots.h"
#include "kernel/object/io_port_bits.h"

inline constexpr uint16_t kKernelCodeSelector = 0x08;
inline constexpr uint16_t kKernelDataSelector = 0x10;
inline constexpr uint16_t kUserDataSelector = 0x18 | 3;
inline constexpr uint16_t kUserCodeSelector = 0x20 | 3;
inline constexpr uint16_t kFirstTssSelector = 0x28;
inline constexpr uint16_t tss_selector(uint32_t slot) {
  return static_cast<uint16_t>(kFirstTssSelector + 16 * slot);
}

struct [[gnu::packed]] Tss64 {
  uint32_t reserved0;
  uint64_t rsp[3];
  uint64_t reserved1;
  uint64_t ist[7];
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t io_map_base;
};
static_assert(sizeof(Tss64) == 104);

// Where a TSS keeps RSP0 (offset 4, not 8-byte aligned: the hardware's layout).
inline uint8_t* tss_rsp0_field(Tss64& tss) {
  return reinterpret_cast<uint8_t*>(&tss) + offsetof(Tss64, rsp);
}

struct [[gnu::packed]] TssBlock {
  Tss64 tss;
  uint8_t io_bitmap[kIoBitmapByteCount];
  uint8_t io_bitmap_end;  // always 0xFF
};
static_assert(offsetof(TssBlock, io_bitmap) == 104);
static_assert(sizeof(TssBlock) == 104 + 8192 + 1);
inline constexpr uint32_t kTssLimit = sizeof(TssBlock) - 1;
// An I/O map base past the limit: every port faults, and nothing needs copying.
inline constexpr uint16_t kIoMapBaseInvalid = sizeof(TssBlock);
inline constexpr uint16_t kIoMapBaseValid = offsetof(TssBlock, io_bitmap);

inline constexpr size_t kGdtEntries = 5 + 2 * kIoTssSlots;

struct alignas(16) Gdt {
  uint64_t entries[kGdtEntries];
};

// IST slots (1-based in the IDT gate).
inline constexpr uint8_t kIstDoubleFault = 1;
inline constexpr uint8_t kIstNmi = 2;
inline constexpr uint8_t kIstMachineCheck = 3;
inline constexpr size_t kIstStackBytes = 8192;
inline constexpr size_t kKernelStackBytes = 32768;

struct PerCpu;
void gdt_init(PerCpu* cpu);  // builds and loads this CPU's GDT, loads TSS slot 0
void idt_init_table();       // once, on the boot CPU
void idt_load();             // on every CPU
