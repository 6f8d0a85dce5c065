// The IDT, shared by all CPUs: 256 interrupt gates into interrupt_entry.S. Double fault, NMI and
// machine check run on their own IST stacks so a broken kernel stack still reaches the panic path.
#include "kernel/arch/x86_64/descriptors.h"
#include "kernel/arch/x86_64/interrupt_frame.h"

namespace {

struct [[gnu::packed]] IdtGate {
  uint16_t offset_low;
  uint16_t selector;
  uint8_t ist;
  uint8_t type_attr;
  uint16_t offset_mid;
  uint32_t offset_high;
  uint32_t reserved;
};
static_assert(sizeof(IdtGate) == 16);

alignas(16) IdtGate g_idt[256];

struct [[gnu::packed]] IdtPointer {
  uint16_t limit;
  uint64_t base;
};

}  // namespace

extern "C" const uint64_t isr_stub_table[256];

void idt_init_table() {
  for (int v = 0; v < 256; ++v) {
    const uint64_t addr = isr_stub_table[v];
    IdtGate& g = g_idt[v];
    g.offset_low = addr & 0xFFFF;
    g.selector = kKernelCodeSelector;
    g.ist = 0;
    g.type_attr = 0x8E;  // present, DPL0, 64-bit interrupt gate
    g.offset_mid = (addr >> 16) & 0xFFFF;
    g.offset_high = static_cast<uint32_t>(addr >> 32);
    g.reserved = 0;
  }
  g_idt[8].ist = kIstDoubleFault;
  g_idt[2].ist = kIstNmi;
  g_idt[18].ist = kIstMachineCheck;
  g_idt[kVectorUserTrap].type_attr = 0xEE;  // DPL3: int $0x81 from ring 3 is allowed
}

void idt_load() {
  const IdtPointer ptr{sizeof(g_idt) - 1, reinterpret_cast<uint64_t>(&g_idt)};
  asm volatile("lidt %0" ::"m"(ptr));
}
