// The case the user include boundary check (include_boundary_check.sh) expects to fail: user
// code reaching for a kernel header. With the user build's include path, kernel/ does not exist.
#include "kernel/lib/spin_lock.h"

void take(SpinLock& lock) { lock.lock(); }
