// What init_control_user_test and its control_child say to each other over the endpoint `control`
// (test/system/init_control/init_control_test.manifest): the child in `ports` mode calls once it
// has read its granted port, then spins on it until init's revoke makes the next IN fault.
#pragma once

#include <stdint.h>

inline constexpr uint32_t kControlSlot = 5;  // the endpoint `control`: the test serves it
inline constexpr uint16_t kChildPort = 0x80;
// The child read kChildPort through the capability init granted (words[0]: the slot it found it
// in); the test answers, and the child spins.
inline constexpr uint64_t kPortReadLabel = 0x4354'4C00'0000'0001;  // "CTL"
// Where the child looks for the grant (libsys/init_protocol.h: init's first free slot from 16).
inline constexpr uint32_t kGrantSearchFirst = 16;
inline constexpr uint32_t kGrantSearchLast = 31;
