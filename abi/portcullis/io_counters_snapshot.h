// What the io_counters syscall copies out: one CPU's I/O-port counters, or their sum over every
// online CPU (docs/io-ports.md, "Counters"). Each field is read with one relaxed 64-bit load while
// its CPU keeps counting, so every value is one the counter really had, but the fields of one
// snapshot were not all read at the same instant.
#pragma once

#include <stdint.h>

// io_counters' CPU argument for the sum over every online CPU.
inline constexpr uint64_t kIoCountersAllCpus = 0xFFFFFFFFu;

struct IoCountersSnapshot {
  uint64_t switches = 0;            // context switches into user tasks (the I/O-bitmap part)
  uint64_t loads = 0;               // TSS slot refills (copies into a bitmap area)
  uint64_t bytes_copied = 0;        // bytes those refills wrote
  uint64_t slot_hits = 0;           // a slot held the bitmap's sequence: nothing copied
  uint64_t slot_misses = 0;         // the bitmap had to be copied into a slot
  uint64_t portless_switches = 0;   // switches to a task without ports
  uint64_t cow_duplications = 0;    // shared bitmaps duplicated before a change
  uint64_t revocations = 0;         // changes that removed rights
  uint64_t revocation_targets = 0;  // CPUs those changes asked to invalidate (sum)
  uint64_t invalidations = 0;       // invalidation requests this CPU acted on
  uint64_t invalidation_ipis = 0;   // CPUs this CPU interrupted to invalidate (itself excluded)
  uint64_t stale_repairs = 0;       // #GPs on a held port repaired by a reload
  uint64_t syscall_accesses = 0;    // port accesses made by io_in, io_out and io_vector
};
static_assert(sizeof(IoCountersSnapshot) == 13 * 8, "IoCountersSnapshot is syscall ABI");
