#include "servers/portsh/init_requests.h"

#include "libsys/syscall_stubs.h"
#include "servers/portsh/shell_slots.h"

namespace portsh {

Status call_init(IpcMessage* m) {
  const Status s = sys_ipc_call_timed(kShellInitSlot, m, kInitAnswerTimeoutNs).status;
  if (s != Status::kOk) return s;
  return static_cast<Status>(m->label);
}

bool from_init(Status s) {
  return s != Status::kBadHandle && s != Status::kWrongType && s != Status::kTimedOut;
}

Status report_init_call_failure(Output& out, const char* command, Status s) {
  if (s == Status::kBadHandle || s == Status::kWrongType) {
    (void)out.printf("%s: no control endpoint in slot %u (the manifest gives no init_control)\n",
                     command, kShellInitSlot);
  } else if (s == Status::kTimedOut) {
    (void)out.printf("%s: init did not answer within %u s (is it running?)\n", command,
                     static_cast<unsigned>(kInitAnswerTimeoutNs / 1'000'000'000));
  } else {
    (void)out.printf("%s: init did not answer (%s)\n", command, status_name(s));
  }
  return s;
}

Status init_list_entry(uint32_t index, sys::InitProgramEntry* entry) {
  IpcMessage m;
  m.label = sys::kInitList;
  m.word_count = 1;
  m.words[0] = index;
  const Status s = call_init(&m);
  if (s != Status::kOk) return s;
  return sys::init_entry_unpack(m, entry) ? Status::kOk : Status::kBadState;
}

Status send_init_start_text(const char* line, size_t length) {
  for (size_t at = 0; at < length;) {
    IpcMessage m;
    m.label = sys::kInitStartText;
    const size_t n = sys::init_text_pack(line + at, length - at, at, &m);
    if (const Status s = call_init(&m); s != Status::kOk) return s;
    at += n;
  }
  return Status::kOk;
}

}  // namespace portsh
