// K, the number of TSS I/O-bitmap slots per CPU. It is the build option io_tss_slots (its default
// is written once, in SConstruct), passed to every compiler as PORTCULLIS_IO_TSS_SLOTS.
#pragma once

#include <stdint.h>

#ifndef PORTCULLIS_IO_TSS_SLOTS
#error "PORTCULLIS_IO_TSS_SLOTS is set by the build (scons io_tss_slots=K)"
#endif

inline constexpr uint32_t kIoTssSlots = PORTCULLIS_IO_TSS_SLOTS;
static_assert(kIoTssSlots >= 1 && kIoTssSlots <= 16, "io_tss_slots is 1..16");
