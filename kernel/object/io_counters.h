// Per-CPU counters of the I/O-port code, for tests, benchmarks and the io_counters syscall. Each
// CPU owns one instance (its TssIoState holds it) and is its only writer, with interrupts off;
// generic code that changes bitmaps is handed the calling CPU's instance, so no counter is ever
// written by two CPUs. Other CPUs read them racily but atomically (CpuCounter).
#pragma once

#include <stdint.h>

#include "abi/portcullis/io_counters_snapshot.h"
#include "kernel/lib/cpu_counter.h"

struct IoCounters {
  CpuCounter switches;            // TssIoState::switch_to calls (context switches into user tasks)
  CpuCounter loads;               // slot refills (a copy into a TSS bitmap area, possibly 0 bytes)
  CpuCounter bytes_copied;        // bytes written into TSS bitmap areas
  CpuCounter slot_hits;           // bitmap found in a slot with the same sequence: nothing copied
  CpuCounter slot_misses;         // bitmap had to be copied into a slot
  CpuCounter portless_switches;   // switches to a task without ports (one map-base store at most)
  CpuCounter cow_duplications;    // shared bitmaps duplicated before a change
  CpuCounter revocations;         // changes that removed rights
  CpuCounter revocation_targets;  // CPUs those changes asked to invalidate (sum)
  CpuCounter invalidations;       // invalidate requests this CPU acted on (map base made invalid)
  CpuCounter invalidation_ipis;   // CPUs other than itself this CPU sent an invalidation call
  CpuCounter stale_repairs;       // #GPs on an allowed port repaired by a reload
  CpuCounter syscall_accesses;    // port accesses made here by io_in, io_out and io_vector

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
    invalidation_ipis += o.invalidation_ipis;
    stale_repairs += o.stale_repairs;
    syscall_accesses += o.syscall_accesses;
    return *this;
  }

  // Each field read once (relaxed): what io_counters copies out.
  IoCountersSnapshot snapshot() const {
    return IoCountersSnapshot{switches,           loads,
                              bytes_copied,       slot_hits,
                              slot_misses,        portless_switches,
                              cow_duplications,   revocations,
                              revocation_targets, invalidations,
                              invalidation_ipis,  stale_repairs,
                              syscall_accesses};
  }
};
