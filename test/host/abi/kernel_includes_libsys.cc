// The case the kernel's include boundary check expects to fail: kernel code reaching for the
// user-space runtime. With the kernel build's include path, libsys/ does not exist.
#include "libsys/semaphore.h"

void take(Semaphore& semaphore) { semaphore.down(); }
