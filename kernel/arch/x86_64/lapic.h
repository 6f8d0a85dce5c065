// The local APIC in xAPIC mode (MMIO at the address in IA32_APIC_BASE; TCG has no x2APIC), and the
// legacy PIT, used only to calibrate the LAPIC timer and to time the INIT-SIPI-SIPI sequence.
#pragma once

#include <stdint.h>

void lapic_init_this_cpu();  // enable, mask legacy LINTs, start the periodic timer
uint32_t lapic_id();
void lapic_eoi();
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);
void lapic_send_nmi(uint32_t apic_id);
void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint8_t page);
void lapic_calibrate_timer();    // once, on the boot CPU, before any lapic_init_this_cpu()
void pic_disable();              // remap the 8259s away from the exception vectors, mask them
void pit_delay_us(uint32_t us);  // busy wait measured by PIT channel 2
// PIT channel 2 as a countdown (gated through port 0x61, no IRQ): start it at `count` in mode 0,
// see whether it reached zero, read the count now (latched: the value of one instant).
inline constexpr uint32_t kPitHz = 1193182;
void pit_start_one_shot(uint16_t count);
bool pit_done();
uint16_t pit_read_count();
