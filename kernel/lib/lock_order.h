// The lock-order checker of debug kernels (docs/lock-order.md): every SpinLock acquisition is
// checked against the locks this CPU holds and the order recorded so far (kernel/lib/
// lock_order_graph.h); an inversion panics with both classes and the sites of both orders. Release
// kernels (NDEBUG) and host builds compile it out: SpinLock then stores no class and its code is
// what it was without the checker.
#pragma once

#include <stdint.h>

#include "kernel/lib/lock_class.h"

#if defined(PORTCULLIS_KERNEL) && !defined(NDEBUG)
#define PORTCULLIS_LOCK_ORDER 1
#else
#define PORTCULLIS_LOCK_ORDER 0
#endif

namespace lock_order {

#if PORTCULLIS_LOCK_ORDER
// Where an acquisition happened: the caller's file, line and function.
using Site = LockSite;

// Called by SpinLock before it waits for the lock (so an inversion panics instead of hanging) and
// when it releases it. Any context, interrupts on or off.
void acquire(const void* lock, LockClass lock_class, LockNesting nesting, Site site);
void release(const void* lock, Site site);

// Turns checking on: arch::early_init has installed this CPU's per-CPU data (kernel_main).
void start();
// Panics if this CPU holds any lock: a thread must not be switched away from with one.
void assert_none_held(const char* where);

// A spinlock wait that lasted the lockup limit (kernel/lib/lockup_watch.h): panics naming the
// lock, where this CPU asked for it and how long it waited.
[[noreturn]] void lockup(const void* lock, LockClass lock_class, Site site, uint64_t seconds);
// The spinlocks this CPU holds, for a panic's report (the panicking CPU's and each stopped one's).
void print_held_here();

// Non-panicking queries, for tests.
uint32_t held_count();  // on this CPU
bool has_edge(LockClass before, LockClass after);
uint32_t edge_count();
// Prints every recorded edge with its first sites (the end of a test boot).
void print_graph();
#else
// Release and host builds: nothing to start, check or print.
inline void start() {}
inline void assert_none_held(const char*) {}
inline void print_graph() {}
inline void print_held_here() {}
#endif

}  // namespace lock_order
