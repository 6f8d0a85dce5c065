// Per-CPU GDT and TSS slots. Selectors: 0x08 kernel code, 0x10 kernel data, 0x18 user data, 0x20
// user code (the order SYSRET expects: STAR base 0x10 -> SS 0x18, CS 0x20), then one 16-byte system
// descriptor per TSS slot.
#include "kernel/arch/x86_64/descriptors.h"
#include "kernel/arch/x86_64/per_cpu.h"

namespace {

constexpr uint64_t kCode64 = 0x00AF9A000000FFFF;      // present, DPL0, code, L=1
constexpr uint64_t kData = 0x00CF92000000FFFF;        // present, DPL0, data, writable
constexpr uint64_t kUserData = 0x00CFF2000000FFFF;    // DPL3
constexpr uint64_t kUserCode64 = 0x00AFFA000000FFFF;  // DPL3, L=1
constexpr uint64_t kTssAvailable = 0x9;               // 64-bit TSS, not busy

void set_tss_descriptor(Gdt& gdt, uint32_t slot, const TssBlock* tss) {
  const uint64_t base = reinterpret_cast<uint64_t>(tss);
  const uint64_t limit = kTssLimit;
  uint64_t low = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (kTssAvailable << 40) |
                 (uint64_t{1} << 47) | (((limit >> 16) & 0xF) << 48) |
                 (((base >> 24) & 0xFF) << 56);
  const size_t index = tss_selector(slot) / 8;
  gdt.entries[index] = low;
  gdt.entries[index + 1] = base >> 32;
}

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

}  // namespace

void gdt_init(PerCpu* cpu) {
  Gdt& gdt = cpu->gdt;
  gdt.entries[0] = 0;
  gdt.entries[1] = kCode64;
  gdt.entries[2] = kData;
  gdt.entries[3] = kUserData;
  gdt.entries[4] = kUserCode64;
  for (uint32_t slot = 0; slot < kIoTssSlots; ++slot)
    set_tss_descriptor(gdt, slot, cpu->tss_slots[slot]);

  const DescriptorPointer ptr{sizeof(gdt.entries) - 1, reinterpret_cast<uint64_t>(&gdt)};
  asm volatile(
      "lgdt %0\n"
      "mov %1, %%ds\n"
      "mov %1, %%es\n"
      "mov %1, %%ss\n"
      "pushq %2\n"
      "leaq 1f(%%rip), %%rax\n"
      "pushq %%rax\n"
      "lretq\n"
      "1:\n" ::"m"(ptr),
      "r"(static_cast<uint64_t>(kKernelDataSelector)),
      "i"(static_cast<uint64_t>(kKernelCodeSelector))
      : "rax", "memory");
  asm volatile("ltr %0" ::"r"(tss_selector(0)));
}
