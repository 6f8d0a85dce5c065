// The protocol of init's control endpoint (servers/init/main.cc, docs/init.md "The control
// endpoint"): what a program granted `init_control` on its manifest line (the shell, portsh) may
// ask init about the programs init started. One IPC call per request; the reply's label is the
// request's Status (abi/portcullis/status.h), its words the answer. Every request checks its word
// count exactly (kInvalidArgument otherwise); an unknown label answers kNotSupported.
//
// Holding the endpoint is power over init's children: start, kill, and grant or take back any I/O
// ports. Only the shell's manifest line gets it.
//
//   kInitList      {index} -> the entry of init's index-th program, packed (init_entry_pack);
//                  kOutOfRange past the last one. A call per entry: a list is paged one program a
//                  message, from index 0 until kOutOfRange.
//   kInitStartText {count | offset << 8, bytes...} -> {}: puts `count` (1 to kInitTextBytesPerPart)
//                  bytes of a start line at `offset` of the caller's pending line; offset 0 begins
//                  a new line, any other offset must be where the pending line ends (kBadState
//                  otherwise); kOutOfRange past kProgramMaxLineBytes - 1 bytes.
//   kInitStart     {} -> {task id, program index}: starts the pending line "NAME [ARG...]" (and
//                  forgets it): the boot module NAME with those arguments (none: the module line's
//                  own), supervised like a manifest program. With the grants, memory, priority and
//                  restart=N of the first manifest line that names NAME (an `on_request` line,
//                  which init starts only this way, included); none (no grants, not a
//                  memory client, the default priority, no restarts) if no line names it.
//                  kBadState without a pending line; kNotFound for an unknown module; kAccessDenied
//                  for a line granted the memory pool (the memory server); kNoSpace when init's
//                  program table is full; else task_spawn's or a grant's answer.
//   kInitKill      {task id} -> {}: kills a running task init started (task_kill: every thread
//                  of it ends, one blocked in a call as the call returns at once), logged as a
//                  kill rather than a fault. The reply comes once the kill is under way; the
//                  program's end follows, and restart=N restarts it like a fault. kNotFound for a
//                  task id that is not one of init's running programs; kAccessDenied for the
//                  memory server (granted the memory pool). Asked again while the kill is under
//                  way: kOk (task_kill is harmless twice).
//   kInitGrantPorts  {task id, base, count} -> {slot}: an IoPorts capability over ports
//                  [base, base + count) derived from init's root, granted (read, write, grant) into
//                  the lowest free slot of the task from kInitGrantFirstSlot up, which the answer
//                  names. init keeps its own copy (the intermediate) so that kInitRevokePorts can
//                  take the task's back. kInvalidArgument for count 0, kOutOfRange past port
//                  0xFFFF, kNotFound for an unknown task, kNoSpace when init keeps
//                  kInitMaxKeptGrants already or the task has no free slot.
//   kInitRevokePorts {task id, base, count} -> {capabilities removed}: revokes what init granted
//                  that task over exactly that range (by kInitGrantPorts, or by the task's manifest
//                  line's grant=io_ports:RANGE while init could keep it), so the task's copy goes
//                  and with it the ports on every CPU before the answer (docs/io-ports.md).
//                  kNotFound if init granted it no such range.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/program_layout.h"

namespace sys {

// Request labels: "INIT" and a number in a block of their own (init's internal messages use
// 0x0000'0001).
inline constexpr uint64_t kInitList = 0x494E'4954'0000'0101;
inline constexpr uint64_t kInitStartText = 0x494E'4954'0000'0102;
inline constexpr uint64_t kInitStart = 0x494E'4954'0000'0103;
inline constexpr uint64_t kInitKill = 0x494E'4954'0000'0104;
inline constexpr uint64_t kInitGrantPorts = 0x494E'4954'0000'0105;
inline constexpr uint64_t kInitRevokePorts = 0x494E'4954'0000'0106;

// Where kInitGrantPorts puts a capability in the task: its first free slot from here up to
// kInitGrantLastSlot (below the well-known slots at the top, abi/portcullis/cap_slots.h).
inline constexpr uint32_t kInitGrantFirstSlot = 16;
inline constexpr uint32_t kInitGrantLastSlot = 239;
// The port grants init keeps (their intermediate capabilities), both kinds together.
inline constexpr uint32_t kInitMaxKeptGrants = 24;

// A program's state as kInitList reports it. A restart happens while init handles the end, so a
// list never sees one under way: the restart count shows it.
enum class InitProgramState : uint8_t {
  kRunning = 1,
  kKilling = 2,  // kInitKill asked for its end, which has not come yet
  kExited = 3,   // ended by itself
  kFaulted = 4,  // faulted, and no restart=N to restart it
  kKilled = 5,   // killed by kInitKill, and no restart=N to restart it
  kGivenUp = 6,  // faulted or killed with its restart budget used up, or its restart failed
  kLost = 7,     // task_wait failed: init no longer knows
};

inline const char* init_program_state_name(InitProgramState state) {
  switch (state) {
    case InitProgramState::kRunning:
      return "running";
    case InitProgramState::kKilling:
      return "killing";
    case InitProgramState::kExited:
      return "exited";
    case InitProgramState::kFaulted:
      return "faulted";
    case InitProgramState::kKilled:
      return "killed";
    case InitProgramState::kGivenUp:
      return "given-up";
    case InitProgramState::kLost:
      return "lost";
  }
  return "unknown";
}

// One program as kInitList answers it.
inline constexpr size_t kInitEntryNameBytes = 3 * sizeof(uint64_t);  // a longer name is cut
struct InitProgramEntry {
  uint32_t task_id = 0;      // of its current (or last) task: what kill, grant and revoke name
  uint32_t line_number = 0;  // its manifest line; 0 for a program kInitStart started
  InitProgramState state = InitProgramState::kRunning;
  uint32_t restarts = 0;                    // so far (at most 255 reported)
  char name[kInitEntryNameBytes + 1] = {};  // its module name, NUL-terminated
};

// words[0]: task id (bits 0-31), line number (32-47), state (48-55), restarts (56-63);
// words[1..3]: the name's bytes, little-endian within each word, NUL-padded.
inline void init_entry_pack(const InitProgramEntry& entry, IpcMessage* message) {
  const uint64_t restarts = entry.restarts < 255 ? entry.restarts : 255;
  const uint64_t line = entry.line_number < 0xFFFF ? entry.line_number : 0xFFFF;
  message->words[0] = uint64_t{entry.task_id} | line << 32 |
                      uint64_t{static_cast<uint8_t>(entry.state)} << 48 | restarts << 56;
  for (size_t w = 1; w < kIpcMessageWords; ++w) message->words[w] = 0;
  for (size_t i = 0; i < kInitEntryNameBytes && entry.name[i] != '\0'; ++i) {
    message->words[1 + i / 8] |= uint64_t{static_cast<uint8_t>(entry.name[i])} << (8 * (i % 8));
  }
  message->word_count = kIpcMessageWords;
}

// False for a message that is not a packed entry (too few words, a state that is none).
inline bool init_entry_unpack(const IpcMessage& message, InitProgramEntry* entry) {
  if (message.word_count != kIpcMessageWords) return false;
  const uint8_t state = static_cast<uint8_t>(message.words[0] >> 48);
  if (state < static_cast<uint8_t>(InitProgramState::kRunning) ||
      state > static_cast<uint8_t>(InitProgramState::kLost)) {
    return false;
  }
  entry->task_id = static_cast<uint32_t>(message.words[0]);
  entry->line_number = static_cast<uint32_t>(message.words[0] >> 32) & 0xFFFF;
  entry->state = static_cast<InitProgramState>(state);
  entry->restarts = static_cast<uint32_t>(message.words[0] >> 56);
  for (size_t i = 0; i < kInitEntryNameBytes; ++i) {
    entry->name[i] = static_cast<char>(message.words[1 + i / 8] >> (8 * (i % 8)));
  }
  entry->name[kInitEntryNameBytes] = '\0';
  return true;
}

// A start line travels in parts: words[0] holds the part's byte count (bits 0-7) and its offset
// in the line (bits 8-23); words[1..3] the bytes.
inline constexpr size_t kInitTextBytesPerPart = 3 * sizeof(uint64_t);

// Packs up to kInitTextBytesPerPart bytes from `text` at `offset` (label untouched); how many.
inline size_t init_text_pack(const char* text, size_t count, size_t offset, IpcMessage* message) {
  const size_t n = count < kInitTextBytesPerPart ? count : kInitTextBytesPerPart;
  for (size_t w = 1; w < kIpcMessageWords; ++w) message->words[w] = 0;
  for (size_t i = 0; i < n; ++i) {
    message->words[1 + i / 8] |= uint64_t{static_cast<uint8_t>(text[i])} << (8 * (i % 8));
  }
  message->words[0] = n | uint64_t{offset & 0xFFFF} << 8;
  message->word_count = kIpcMessageWords;
  return n;
}

// The part's bytes into `out` (room for kInitTextBytesPerPart) and its offset; how many bytes, or
// SIZE_MAX for a malformed part (no bytes, too many, bits outside count and offset, a NUL byte).
inline size_t init_text_unpack(const IpcMessage& message, char* out, size_t* offset) {
  if (message.word_count != kIpcMessageWords) return SIZE_MAX;
  const size_t n = message.words[0] & 0xFF;
  if (n == 0 || n > kInitTextBytesPerPart || (message.words[0] >> 24) != 0) return SIZE_MAX;
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<char>(message.words[1 + i / 8] >> (8 * (i % 8)));
    if (out[i] == '\0') return SIZE_MAX;
  }
  *offset = static_cast<size_t>(message.words[0] >> 8) & 0xFFFF;
  return n;
}

}  // namespace sys
