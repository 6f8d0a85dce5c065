// What supervisor_user_test and its child supervised_child agree on: the slots the parent grants
// into, the labels of their messages, and the page the child faults on in its repair mode.
#pragma once

#include <stdint.h>

// In the child's space (the parent's task_grant targets).
inline constexpr uint32_t kChildReportSlot = 10;   // Endpoint: the child calls the parent here
inline constexpr uint32_t kChildRevokedSlot = 11;  // Endpoint or IoPorts the parent revokes
inline constexpr uint32_t kChildSignalSlot = 12;   // repair mode: its arrival means "map the page"

// Labels of the child's calls on kChildReportSlot (and kChildRevokedSlot's endpoint).
inline constexpr uint64_t kHelloLabel = 0x5355'5045'0001;           // over the endpoint to revoke
inline constexpr uint64_t kReadyForRevokeLabel = 0x5355'5045'0002;  // the parent may revoke now
inline constexpr uint64_t kPortsEnabledLabel = 0x5355'5045'0003;    // words: status, the IN's rip
inline constexpr uint64_t kResultLabel = 0x5355'5045'0004;          // words: what the mode measured
inline constexpr uint64_t kAnswerLabel = 0x5355'5045'0010;          // the parent's answers

// Repair mode: the main thread loads from here until a second thread has mapped the page (on the
// parent's signal) and stored kRepairMagic.
inline constexpr uint64_t kRepairAddress = uint64_t{0x5b00} << 20;
inline constexpr uint64_t kRepairMagic = 0x5245'5041'4952'4544;  // "REPAIRED"

// The port the ports mode enables, reads, and reads again after the revoke.
inline constexpr uint16_t kChildPort = 0x80;
