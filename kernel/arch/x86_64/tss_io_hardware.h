// The real TssIoHardware: one CPU's TSS slots (PerCpu::tss_slots) and their GDT descriptors. Every
// method runs on that CPU with interrupts off (the TssIoState contract).
#pragma once

#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/tss_io_state.h"

class X86TssIoHardware final : public TssIoHardware {
 public:
  explicit X86TssIoHardware(PerCpu* cpu) : cpu_(cpu) {}

  // rep movsq over the range rounded out to 8 bytes (the source is a whole 8 KiB bitmap, so the
  // rounded bytes exist there too); under QEMU -icount each iteration is one tick, 8x cheaper than
  // movsb.
  void write_bitmap(uint32_t slot, uint32_t offset, const uint8_t* bytes, uint32_t count) override;
  void set_io_map_base(uint32_t slot, bool valid) override;
  // LTR of a busy descriptor raises #GP and LTR leaves the previous one busy, so the target's busy
  // bit is cleared right before each LTR (docs/emulators.md: verified on TCG and Bochs).
  void activate(uint32_t slot) override;

 private:
  PerCpu* cpu_;
};
