// The IPC message: what ipc_call, ipc_reply_receive and ipc_receive read from and write to the
// caller's buffer. A few words of data and a few capabilities, copied by the kernel from sender to
// receiver; anything larger travels in shared memory.
#pragma once

#include <stdint.h>

inline constexpr uint32_t kIpcMessageWords = 4;
inline constexpr uint32_t kIpcMessageCaps = 2;

struct IpcMessage {
  uint64_t label = 0;  // what the message means, chosen by the protocol
  uint64_t badge = 0;  // on receive: the badge of the sender's endpoint capability; ignored on send
  uint8_t word_count = 0;  // words[0, word_count) are carried; at most kIpcMessageWords
  uint8_t cap_count = 0;   // caps[0, cap_count) are carried; at most kIpcMessageCaps
  uint16_t reserved0 = 0;  // must be 0
  uint32_t reserved1 = 0;  // must be 0
  uint64_t words[kIpcMessageWords] = {};
  // Send: slots in the sender's space (each needs kCapGrant). Receive: the slots the receiver
  // offers for incoming capabilities, filled in by the kernel.
  uint32_t caps[kIpcMessageCaps] = {};
};
static_assert(sizeof(IpcMessage) == 64, "IpcMessage is syscall ABI: its layout must not drift");
