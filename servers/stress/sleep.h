// Sleeping for a while in a workload thread (libsys/sleep.h).
#pragma once

#include "libsys/sleep.h"

namespace stress {

using sys::sleep_ns;

}  // namespace stress
