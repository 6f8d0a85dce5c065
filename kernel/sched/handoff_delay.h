// Debug kernels: a test can make one thread pause, interrupts off, between dropping a wait queue's
// lock and handing its CPU to the thread it chose under that lock (WaitQueue::block_killable's
// hand-off). On real machines that window is a few instructions, but a virtual CPU can be
// descheduled by its host for milliseconds inside it; the pause makes that case happen on
// purpose, so that a test can prove the hand-off target cannot run, time out or block again in
// between (test/kernel/object/endpoint_handoff_kernel_test.cc).
//
// Release kernels and host builds: pause_point() is an empty inline function.
#pragma once

#include <stdint.h>

#include "kernel/lib/lock_order.h"  // PORTCULLIS_LOCK_ORDER: on in debug kernels

class Thread;

namespace handoff_delay {

#if PORTCULLIS_LOCK_ORDER
// From now on, `thread`'s hand-offs pause `ns` nanoseconds first (nullptr: nobody's).
void inject(const Thread* thread, uint64_t ns);
// How many pauses have happened since boot: a test checks that it hit the window.
uint64_t pauses();
void pause_point();
#else
inline void pause_point() {}
#endif

}  // namespace handoff_delay
