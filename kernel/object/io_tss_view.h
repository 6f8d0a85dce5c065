// What one CPU's TSS I/O state looks like from outside (system_info's cpus and tss_slots topics):
// which bitmap each of its slots was loaded for, the content's sequence, the LRU stamps and which
// slot is active. The CPU fills it itself (arch::io_ports_view_here, in a cross-CPU call), so the
// view is one consistent moment of state only that CPU ever changes.
#pragma once

#include <stdint.h>

#include "kernel/object/io_port_bits.h"

struct IoTssSlotView {
  uint64_t bitmap_id = 0;  // the IoBitmap last loaded or matched into the slot; 0: never used
  uint64_t sequence = 0;   // its content's sequence; 0: none
  uint64_t last_use = 0;   // the CPU's LRU clock when the slot was last activated
  IoByteWindow dirty;      // outside it the slot's area is all 0xFF
  bool map_valid = false;  // the slot's I/O map base points at its bitmap area
};

struct IoTssView {
  static constexpr uint32_t kMaxSlots = 16;  // the io_tss_slots build option's upper bound
  uint32_t slot_count = 0;
  uint32_t active_slot = 0;
  uint64_t active_bitmap_id = 0;  // the bitmap the CPU is marked active on; 0: none
  uint64_t clock = 0;             // the LRU clock now
  IoTssSlotView slots[kMaxSlots];
};
