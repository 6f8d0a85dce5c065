// What io_ports_user_test and its child io_sweep_child agree on: the slot the parent grants its
// endpoint into, and the label the child calls with when its IN did not fault.
#pragma once

#include <stdint.h>

inline constexpr uint32_t kSweepReportSlot = 10;                   // Endpoint: the parent's
inline constexpr uint64_t kSweepInPassedLabel = 0x494F'5357'0001;  // the IN did not fault
