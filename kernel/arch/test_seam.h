// Calls on the machine that only tests and benchmarks make. The arch code implements them next to
// what they reach into, but no kernel code calls them, and only test/ includes this header.
#pragma once

#include <stdint.h>

#include "base/result.h"

namespace arch {

// Idle CPUs spin with pause (interrupts on) instead of halting: benchmarks use it to stand for busy
// threads on the other CPUs, as in the Linux figures they are compared with.
void set_idle_spin(bool spin);

// Single 4 KiB pages in the kernel's page tables, to test the walk the kernel's own tables use.
enum PageFlags : uint32_t { kWritable = 1, kUser = 2, kNoExecute = 4, kUncached = 8 };
Status map_page(uint64_t virt, uint64_t phys, uint32_t flags);
Status unmap_page(uint64_t virt);           // also invalidates the local TLB entry
Result<uint64_t> translate(uint64_t virt);  // physical address mapped at virt (any page size)

}  // namespace arch
