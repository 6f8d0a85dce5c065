// The timer watchdog of debug kernels: each CPU's timer interrupt looks at the next online CPU's
// tick count, and a count that has not moved for the lockup limit (kernel/lib/lockup_watch.h)
// means that CPU has had interrupts off all along: stuck in a loop no LockupWatch covers. The
// watchdog panics, naming it; the panic's NMI makes that CPU print where it is (kernel/panic.cc).
// Each stuck CPU has a predecessor in the ring, so one running CPU is enough to catch them.
#pragma once

#include "kernel/lib/lock_order.h"  // PORTCULLIS_LOCK_ORDER: on in debug kernels

namespace x86 {

#if PORTCULLIS_LOCK_ORDER
// From this CPU's timer interrupt, after its own tick is counted.
void lockup_watchdog_tick();
#else
inline void lockup_watchdog_tick() {}
#endif

}  // namespace x86
