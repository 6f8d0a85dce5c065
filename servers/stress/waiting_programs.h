// The programs init started for the workloads wait on the `stress` endpoint for the end of the
// run (stress_endpoint.h): after its `end` line the controller tells each one to exit, so that
// init, and with it the boot, can end.
#pragma once

#include <stdint.h>

namespace stress {

// Answers kStressExitLabel to every call on `stress_slot` until none has come for a while (a
// parked program calls again every few milliseconds); how many were answered.
uint32_t dismiss_waiting_programs(uint32_t stress_slot);

}  // namespace stress
