#include "kernel/arch/x86_64/tss_io_hardware.h"

namespace {
constexpr uint64_t kTssBusyBit = uint64_t{1} << 41;  // type 0xB (busy) vs 0x9 (available)
}  // namespace

void X86TssIoHardware::write_bitmap(uint32_t slot, uint32_t offset, const uint8_t* bytes,
                                    uint32_t count) {
  const uint32_t start = offset & ~7u;
  uint32_t end = (offset + count + 7) & ~7u;
  if (end > kIoBitmapByteCount) end = kIoBitmapByteCount;
  const uint8_t* src = bytes - (offset - start);
  uint8_t* dst = cpu_->tss_slots[slot]->io_bitmap + start;
  uint64_t words = (end - start) / 8;
  asm volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(words)::"memory");
}

void X86TssIoHardware::set_io_map_base(uint32_t slot, bool valid) {
  cpu_->tss_slots[slot]->tss.io_map_base = valid ? kIoMapBaseValid : kIoMapBaseInvalid;
}

void X86TssIoHardware::activate(uint32_t slot) {
  // The context switch keeps RSP0 only in the loaded slot (set_kernel_stack): carry it over.
  uint8_t* rsp0 = tss_rsp0_field(cpu_->tss_slots[slot]->tss);
  __builtin_memcpy(rsp0, cpu_->loaded_rsp0, sizeof(uint64_t));
  cpu_->loaded_rsp0 = rsp0;
  cpu_->active_tss_slot = slot;
  const uint16_t selector = tss_selector(slot);
  cpu_->gdt.entries[selector / 8] &= ~kTssBusyBit;
  asm volatile("ltr %0" ::"r"(selector) : "memory");
}
