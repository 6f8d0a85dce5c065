// What the ports, cow and churn workloads and stress_child (servers/stress/child/) agree on: the
// child's modes they use (its first argument), the slots a workload grants into, and the command
// protocol of the `commands` mode. The child calls its parent over kChildReportSlot, which is also
// its supervisor endpoint, so a fault of the child arrives on the same endpoint as its reports: a
// call labelled kChildReady or kChildResult, each answered with the next command. A parent that
// receives while holding another child's call drops that call; the child then calls again with the
// same message.
#pragma once

#include <stdint.h>

namespace stress {

// Modes (stress_child MODE ...).
inline constexpr char kChildModeExit[] = "exit";          // returns at once
inline constexpr char kChildModeThreads[] = "threads";    // `threads N`: N threads, joined, exit
inline constexpr char kChildModeCommands[] = "commands";  // the command loop below
inline constexpr uint32_t kChildMaxThreads = 4;           // its 32 initial frames hold 4 stacks

// In the child's space (the parent's task_grant targets).
inline constexpr uint32_t kChildReportSlot = 10;  // Endpoint: reports and fault messages
inline constexpr uint32_t kChildPortsSlot = 11;   // IoPorts: what kChildEnable enables
inline constexpr uint32_t kChildBitmapSlot = 12;  // IoBitmap: what kChildAttach attaches

// The child's calls. kChildResult: words[0] the Status of the command it ran, words[1..] what
// the command answers.
inline constexpr uint64_t kChildReady = 0x5354'5253'0001;
inline constexpr uint64_t kChildResult = 0x5354'5253'0002;
// The spinner's call when an IN it started after the time kChildRevoked gave succeeded:
// words[0] the access's start (TSC), words[1] that time, words[2] the spinner's count of INs.
inline constexpr uint64_t kChildLateAccess = 0x5354'5253'0003;

// The parent's answers: a command, words[0] its argument.
inline constexpr uint64_t kChildIn8 = 0x5354'5253'0010;     // IN from port words[0]; faults
                                                            // unless the port is open
inline constexpr uint64_t kChildEnable = 0x5354'5253'0011;  // io_ports_enable(kChildPortsSlot)
inline constexpr uint64_t kChildAttach = 0x5354'5253'0012;  // io_bitmap_attach(kChildBitmapSlot)
inline constexpr uint64_t kChildExit = 0x5354'5253'0013;    // return from main
// Start the spinner: a thread pinned to CPU words[1] that INs from port words[0] without pause;
// answered once it has made kSpinWarmUp INs (words[1]: how many so far).
inline constexpr uint64_t kChildSpin = 0x5354'5253'0014;
inline constexpr uint64_t kSpinWarmUp = 64;
// The ports closed at TSC words[0] (the parent read it after its closing call returned): the
// spinner must not complete an IN it started later. The child's main thread passes the time on
// to the spinner and returns (no answer: the parent next hears the spinner's fault, or its
// kChildLateAccess).
inline constexpr uint64_t kChildRevoked = 0x5354'5253'0015;
// The child closes the port itself: io_ports_disable(kChildPortsSlot) on its main thread while
// the spinner spins, then reads the TSC and acts as for kChildRevoked (reports nothing either).
inline constexpr uint64_t kChildDisable = 0x5354'5253'0016;

}  // namespace stress
