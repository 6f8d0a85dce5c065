// What the controller and the stress_child tasks its kill and crash workloads spawn say to each
// other: the slots the controller grants into before the start, the labels, the line's words.
#pragma once

#include <stdint.h>

namespace stress {

// ---- kill: `stress_child ipc-victim until=NS` -------------------------------------------------
// The controller's service endpoint (call): the child's threads call it without pause.
inline constexpr uint32_t kVictimServiceSlot = 10;
// The kill endpoint (receive): the child's main thread waits there; a message makes it fault,
// which kills the task with its other threads in the middle of their calls.
inline constexpr uint32_t kVictimKillSlot = 11;
inline constexpr uint64_t kVictimEchoLabel = 0x4B49'4C4C'0000'0001;  // "KILL": words inverted back
inline constexpr uint64_t kVictimCapLabel = 0x4B49'4C4C'0000'0002;   // carries an endpoint copy
inline constexpr uint64_t kVictimWrongAnswerLabel = 0x4B49'4C4C'0000'0003;  // words: label, word0
inline constexpr uint64_t kVictimAnswerLabel = 0x4B49'4C4C'0000'0010;
inline constexpr uint64_t kVictimKillLabel = 0x4B49'4C4C'0000'0020;

// ---- crash: `stress_child port-driver port=P probe=Q` -----------------------------------------
// An IoPorts capability over port P alone (read, write): the child enables it and reads P, then
// reads Q, which it was not granted: that IN must fault (the controller is its supervisor).
inline constexpr uint32_t kDriverPortsSlot = 10;
// The controller's endpoint (call), for the one report a driver makes: that the IN did not fault.
inline constexpr uint32_t kDriverReportSlot = 11;
inline constexpr uint64_t kDriverNoFaultLabel = 0x4352'4153'4800'0001;  // "CRASH": words {status}

}  // namespace stress
