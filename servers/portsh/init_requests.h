// portsh's requests to init over its control endpoint (kShellInitSlot; libsys/init_protocol.h,
// docs/init.md "The control endpoint"), shared by the control commands and `stress`. Every call
// is bounded (ipc_call_timed): a killed or stuck init makes the shell say so, not hang.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "libsys/init_protocol.h"
#include "servers/portsh/command.h"

namespace portsh {

// How long init has to answer one request (guest time).
inline constexpr uint64_t kInitAnswerTimeoutNs = 5'000'000'000;

// One request: the call's own failure (no endpoint in the slot: kBadHandle or kWrongType; no
// answer in time: kTimedOut), or init's answer in the label.
Status call_init(IpcMessage* m);

// Whether `s` is one of init's answers rather than the call's own failure (init never answers
// kBadHandle, kWrongType or kTimedOut).
bool from_init(Status s);

// Prints why a call that init did not answer failed, for `command`; returns `s`.
Status report_init_call_failure(Output& out, const char* command, Status s);

// The index-th entry of init's list: kOk, kOutOfRange past the last, or the call's failure.
Status init_list_entry(uint32_t index, sys::InitProgramEntry* entry);

// Sends a start line ("PROGRAM ARG...") a part at a time (kInitStartText); kOk, or the first
// part's refusal. The kInitStart that starts it is the caller's (its answers differ by command).
Status send_init_start_text(const char* line, size_t length);

}  // namespace portsh
