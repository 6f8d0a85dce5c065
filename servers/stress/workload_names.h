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

// Per name: the workload needs what only the stress boot (`./portcullis stress`) starts, so a
// running system (the shell) cannot run it. memsrv: its clients are stress.manifest's lines.
inline constexpr bool kWorkloadNeedsStressBoot[] = {false, false, false, false,
                                                    false, true,  false, false};
static_assert(sizeof kWorkloadNeedsStressBoot == kWorkloadNameCount, "one flag per name");

}  // namespace stress
