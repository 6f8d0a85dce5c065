// Fault messages: when a user thread faults, the kernel stops that thread and makes an IPC call on
// its behalf to its task's supervisor endpoint (task_set_supervisor). The supervisor receives it
// like any other call (label kFaultMessageLabel, four words) and its reply decides the thread's
// fate: kFaultReplyResume retries the faulting instruction (after the supervisor has mapped the
// page, granted the port, ...), any other label, or no reply at all, kills the task. With no
// supervisor the kernel logs the fault and kills the task. docs/faults.md has the details.
#pragma once

#include <stdint.h>

inline constexpr uint64_t kFaultMessageLabel = 0x0046'4155'4C54'0001;  // "FAULT", version 1
inline constexpr uint64_t kFaultReplyResume = 0;
inline constexpr uint64_t kFaultReplyKill = 1;

enum class FaultKind : uint8_t {
  kPage = 1,               // #PF: words[3] is the address (CR2)
  kGeneralProtection = 2,  // #GP other than a port access
  kInvalidOpcode = 3,      // #UD (also a failed ASSERT in libsys)
  kDivide = 4,             // #DE
  kPort = 5,               // IN/OUT/INS/OUTS on a port the task does not hold: words[3] says which
  kOther = 6,              // any other exception vector
};

// The four words of a fault message.
struct FaultMessage {
  uint32_t task_id = 0;  // Task and thread: kernel-wide ids, also in the kernel log
  uint32_t thread_id = 0;
  FaultKind kind = FaultKind::kOther;
  uint8_t vector = 0;
  uint32_t error_code = 0;  // the CPU's error code for the vector, else 0
  uint64_t rip = 0;
  uint64_t detail = 0;  // kPage: the address; kPort: port | width << 16 | kFaultPortOut
};
inline constexpr uint64_t kFaultPortOut = uint64_t{1} << 24;  // in detail: an OUT/OUTS

inline constexpr uint32_t kFaultMessageWords = 4;

constexpr void fault_message_pack(const FaultMessage& f, uint64_t* words) {
  words[0] = uint64_t{f.task_id} << 32 | f.thread_id;
  words[1] = uint64_t{static_cast<uint8_t>(f.kind)} | uint64_t{f.vector} << 8 |
             uint64_t{f.error_code} << 32;
  words[2] = f.rip;
  words[3] = f.detail;
}

constexpr FaultMessage fault_message_unpack(const uint64_t* words) {
  FaultMessage f;
  f.task_id = static_cast<uint32_t>(words[0] >> 32);
  f.thread_id = static_cast<uint32_t>(words[0]);
  f.kind = static_cast<FaultKind>(words[1] & 0xFF);
  f.vector = static_cast<uint8_t>(words[1] >> 8);
  f.error_code = static_cast<uint32_t>(words[1] >> 32);
  f.rip = words[2];
  f.detail = words[3];
  return f;
}

constexpr uint32_t fault_port(uint64_t detail) { return detail & 0xFFFF; }
constexpr uint32_t fault_port_width(uint64_t detail) { return (detail >> 16) & 0xFF; }
constexpr bool fault_port_is_out(uint64_t detail) { return (detail & kFaultPortOut) != 0; }
