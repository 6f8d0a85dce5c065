// The kernel's half of a change that takes I/O-port rights away: every CPU an IoInvalidation names
// invalidates its slot for that bitmap (the next access faults and reloads), and the call returns
// only when each has done so. After it returns no CPU can complete an access to a revoked port.
// Never an interrupt to CPUs the change does not name (Fiasco found a broadcast to be a
// denial-of-service path).
#pragma once

#include "kernel/object/io_bitmap.h"

void apply_io_invalidation(const IoInvalidation& invalidation);

// Closes grant `grant_id` in every bitmap that holds it (IoBitmap::revoke_grant_somewhere, until
// none does), applying each bitmap's invalidation before the next: when it returns, no CPU can
// complete an access that only this grant allowed, in any task. Takes no lock of the caller's:
// call it with none held (it waits for other CPUs).
void close_io_grant_everywhere(uint64_t grant_id);
