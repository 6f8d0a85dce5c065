// The kernel's half of a change that takes I/O-port rights away: every CPU an IoInvalidation names
// invalidates its slot for that bitmap (the next access faults and reloads), and the call returns
// only when each has done so. After it returns no CPU can complete an access to a revoked port.
// Never an interrupt to CPUs the change does not name (Fiasco found a broadcast to be a
// denial-of-service path).
#pragma once

#include "kernel/object/io_bitmap.h"

void apply_io_invalidation(const IoInvalidation& invalidation);
