// Per-CPU counters of the I/O-bitmap engine, for tests and benchmarks. Each CPU owns one instance
// (its TssIoState holds it) and is its only writer; generic code that changes bitmaps is handed the
// calling CPU's instance, so no counter is ever shared between CPUs.
#pragma once

#include <stdint.h>

struct IoCounters {
  uint64_t switches = 0;           // TssIoState::switch_to calls (context switches into user tasks)
  uint64_t loads = 0;              // slot refills (a copy into a TSS bitmap area, possibly 0 bytes)
  uint64_t bytes_copied = 0;       // bytes written into TSS bitmap areas
  uint64_t slot_hits = 0;          // bitmap found in a slot with the same sequence: nothing copied
  uint64_t slot_misses = 0;        // bitmap had to be copied into a slot
  uint64_t portless_switches = 0;  // switches to a task without ports (one map-base store at most)
  uint64_t cow_duplications = 0;   // shared bitmaps duplicated before a change
  uint64_t revocations = 0;        // changes that removed rights
  uint64_t revocation_targets = 0;  // CPUs those changes asked to invalidate (sum)
  uint64_t invalidations = 0;       // invalidate requests this CPU acted on (map base made invalid)
  uint64_t stale_repairs = 0;       // #GPs on an allowed port repaired by a reload

  IoCounters& operator+=(const IoCounters& o) {
    switches += o.switches;
    loads += o.loads;
    bytes_copied += o.bytes_copied;
    slot_hits += o.slot_hits;
    slot_misses += o.slot_misses;
    portless_switches += o.portless_switches;
    cow_duplications += o.cow_duplications;
    revocations += o.revocations;
    revocation_targets += o.revocation_targets;
    invalidations += o.invalidations;
    stale_repairs += o.stale_repairs;
    return *this;
  }
};
