// The stress workloads' names, in the order of the controller's table (workloads.cc), for
// programs that ask for a run without linking the workloads: the shell's `stress` command checks
// its argument against them before it asks init to start the controller
// (servers/portsh/commands_stress.cc). test/harness/stress_driver_check.py keeps this list equal to
// the table.
#pragma once

#include <stdint.h>

namespace stress {

inline constexpr const char* kWorkloadNames[] = {"ports", "cow",    "churn", "ipc",
                                                 "kill",  "memsrv", "fuzz",  "crash"};
inline constexpr uint32_t kWorkloadNameCount = sizeof kWorkloadNames / sizeof kWorkloadNames[0];

}  // namespace stress
