// Local APIC and PIT. The timer runs periodic at kTimerHz on every CPU, calibrated once against PIT
// channel 2 (gated through port 0x61, so no IRQ is involved).
#include "kernel/arch/x86_64/lapic.h"

#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/interrupt_frame.h"

namespace {

constexpr uint32_t kRegId = 0x20;
constexpr uint32_t kRegTpr = 0x80;
constexpr uint32_t kRegEoi = 0xB0;
constexpr uint32_t kRegSvr = 0xF0;
constexpr uint32_t kRegIcrLow = 0x300;
constexpr uint32_t kRegIcrHigh = 0x310;
constexpr uint32_t kRegLvtTimer = 0x320;
constexpr uint32_t kRegLvtLint0 = 0x350;
constexpr uint32_t kRegLvtLint1 = 0x360;
constexpr uint32_t kRegLvtError = 0x370;
constexpr uint32_t kRegTimerInitial = 0x380;
constexpr uint32_t kRegTimerCurrent = 0x390;
constexpr uint32_t kRegTimerDivide = 0x3E0;
constexpr uint32_t kIcrDeliveryPending = 1 << 12;
constexpr uint32_t kLvtMasked = 1 << 16;
constexpr uint32_t kTimerPeriodic = 1 << 17;
constexpr uint32_t kTimerHz = 100;

uint32_t g_timer_initial_count = 0;

volatile uint32_t* lapic_reg(uint32_t offset) {
  const uint64_t base = x86::rdmsr(x86::kMsrApicBase) & 0xFFFFFFFFF000ull;
  return arch::phys_to_virt<volatile uint32_t>(base + offset);
}
uint32_t read(uint32_t offset) { return *lapic_reg(offset); }
void write(uint32_t offset, uint32_t v) { *lapic_reg(offset) = v; }

void wait_icr_idle() {
  while (read(kRegIcrLow) & kIcrDeliveryPending) cpu_relax();
}

// ICR high must be written before ICR low (the low write sends); no interrupt may slip in between.
void send_icr(uint32_t apic_id, uint32_t low) {
  const uint64_t flags = x86::read_rflags();
  x86::cli();
  wait_icr_idle();
  write(kRegIcrHigh, apic_id << 24);
  write(kRegIcrLow, low);
  wait_icr_idle();
  if (flags & x86::kRflagsIf) x86::sti();
}

}  // namespace

// Channel 2 in mode 0 counts down from `count`; out goes high at zero (port 0x61 bit 5).
void pit_start_one_shot(uint16_t count) {
  const uint8_t gate = x86::inb(0x61);
  x86::outb(0x61, (gate & 0xFC));  // gate low, speaker off
  x86::outb(0x43, 0xB0);           // channel 2, lobyte/hibyte, mode 0
  x86::outb(0x42, count & 0xFF);
  x86::outb(0x42, count >> 8);
  x86::outb(0x61, (gate & 0xFC) | 1);  // gate high: counting starts
}
bool pit_done() { return (x86::inb(0x61) & 0x20) != 0; }

uint16_t pit_read_count() {
  x86::outb(0x43, 0x80);  // latch channel 2's count; the two reads then return it, low byte first
  const uint8_t low = x86::inb(0x42);
  const uint8_t high = x86::inb(0x42);
  return static_cast<uint16_t>(low | (high << 8));
}

uint32_t lapic_id() { return read(kRegId) >> 24; }
void lapic_eoi() { write(kRegEoi, 0); }

void lapic_send_ipi(uint32_t apic_id, uint8_t vector) { send_icr(apic_id, vector); }
void lapic_send_nmi(uint32_t apic_id) { send_icr(apic_id, 4 << 8); }
void lapic_send_init(uint32_t apic_id) { send_icr(apic_id, (5 << 8) | (1 << 14)); }
void lapic_send_startup(uint32_t apic_id, uint8_t page) { send_icr(apic_id, (6 << 8) | page); }

void pit_delay_us(uint32_t us) {
  while (us > 0) {
    const uint32_t chunk = us > 50000 ? 50000 : us;
    const uint32_t count = static_cast<uint32_t>((uint64_t{chunk} * kPitHz) / 1000000);
    pit_start_one_shot(static_cast<uint16_t>(count < 1 ? 1 : count));
    while (!pit_done()) cpu_relax();
    us -= chunk;
  }
}

void pic_disable() {
  // ICW1-4: remap master to 0xE0 and slave to 0xE8 so a stray legacy IRQ never looks like an
  // exception, then mask every line. Interrupts come from the LAPIC only.
  x86::outb(0x20, 0x11);
  x86::outb(0xA0, 0x11);
  x86::outb(0x21, kVectorLegacyPicBase);
  x86::outb(0xA1, kVectorLegacyPicBase + 8);
  x86::outb(0x21, 4);
  x86::outb(0xA1, 2);
  x86::outb(0x21, 1);
  x86::outb(0xA1, 1);
  x86::outb(0x21, 0xFF);
  x86::outb(0xA1, 0xFF);
}

void lapic_calibrate_timer() {
  write(kRegTimerDivide, 0x3);  // divide by 16
  write(kRegLvtTimer, kLvtMasked);
  constexpr uint32_t kWindowUs = 10000;
  pit_start_one_shot(static_cast<uint16_t>(uint64_t{kWindowUs} * kPitHz / 1000000));
  write(kRegTimerInitial, 0xFFFFFFFF);
  while (!pit_done()) cpu_relax();
  const uint32_t elapsed = 0xFFFFFFFF - read(kRegTimerCurrent);
  write(kRegTimerInitial, 0);
  const uint64_t per_second = uint64_t{elapsed} * (1000000 / kWindowUs);
  g_timer_initial_count = static_cast<uint32_t>(per_second / kTimerHz);
  if (g_timer_initial_count == 0) g_timer_initial_count = 1;
}

void lapic_init_this_cpu() {
  write(kRegTpr, 0);
  write(kRegSvr, 0x100 | kVectorSpurious);  // software enable
  write(kRegLvtLint0, kLvtMasked);
  write(kRegLvtLint1, kLvtMasked);
  write(kRegLvtError, kLvtMasked);
  write(kRegTimerDivide, 0x3);
  write(kRegLvtTimer, kTimerPeriodic | kVectorTimer);
  write(kRegTimerInitial, g_timer_initial_count);
}
