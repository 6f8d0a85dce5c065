// The IPC message: what ipc_call, ipc_send, ipc_reply_receive and ipc_receive read from and write
// to the caller's buffer (ipc_receive only writes it). A few words of data and a few capabilities,
// copied by the kernel from sender to receiver; anything larger travels in shared memory.
// docs/ipc.md has the rules (the reply rule, where capabilities land).
#pragma once

#include <stdint.h>

inline constexpr uint32_t kIpcMessageWords = 4;
inline constexpr uint32_t kIpcMessageCaps = 2;

struct IpcMessage {
  uint64_t label = 0;  // what the message means, chosen by the protocol
  // On receive: the badge of the sender's endpoint capability (0: none; a reply carries none);
  // ignored on send (docs/capabilities.md, "Badges").
  uint64_t badge = 0;
  uint8_t word_count = 0;  // words[0, word_count) are carried; at most kIpcMessageWords
  uint8_t cap_count = 0;   // caps[0, cap_count) are carried; at most kIpcMessageCaps
  uint16_t reserved0 = 0;  // must be 0
  uint32_t reserved1 = 0;  // must be 0
  uint64_t words[kIpcMessageWords] = {};
  // Send, call and reply: slots in the sender's space (each needs kCapGrant; the receiver gets
  // copies). On return from ipc_receive, ipc_reply_receive and ipc_call: the slots of the
  // receiver's space the copies landed in, the lowest free ones.
  uint32_t caps[kIpcMessageCaps] = {};
};
static_assert(sizeof(IpcMessage) == 64, "IpcMessage is syscall ABI: its layout must not drift");

// A short message: the label and the words, nothing in memory (ipc_call_short and
// ipc_reply_receive_short carry it in registers: docs/ipc.md, "Short messages"). Sent, it always
// carries kIpcMessageWords words; received, word_count says how many the sender sent (an ipc_call
// may send fewer; the rest read 0). No capabilities travel with one.
struct IpcShortMessage {
  uint64_t label = 0;
  uint64_t words[kIpcMessageWords] = {};
  uint32_t word_count = kIpcMessageWords;
};
