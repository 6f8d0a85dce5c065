// The commands that steer init's programs through init's control endpoint (libsys/init_protocol.h,
// docs/init.md "The control endpoint"), which portsh's manifest line grants into kShellInitSlot:
//
//   programs              init's programs: manifest line, task id, state, restarts, name
//   start PROGRAM [ARG]   a boot module started by init, supervised like the manifest's
//   kill TASK             a program of init's killed (restart=N restarts it)
//   grant TASK RANGE      ports from init's root granted to the task (a slot init picks)
//   revoke TASK RANGE     what init granted the task over exactly that range, taken back
//
// TASK is a task id (as `programs` shows it) or a program name init knows, for its running task.
// RANGE is libsys/port_range_text.h's: 0x60, 96, 0x60-0x64 or 0x60+5.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/c_string.h"
#include "base/format.h"
#include "base/result.h"
#include "libsys/init_protocol.h"
#include "libsys/port_range_text.h"
#include "libsys/syscall_stubs.h"
#include "servers/portsh/command.h"
#include "servers/portsh/init_requests.h"
#include "servers/portsh/shell_slots.h"

namespace portsh {
namespace {

// TASK: a decimal task id, or the name of a program init runs (its one running task).
// Prints why not and returns the status the command ends with.
Status resolve_task(Output& out, const char* command, const char* text, uint32_t* task_id,
                    sys::InitProgramEntry* found) {
  size_t length = 0;
  while (text[length] != '\0') ++length;
  uint32_t id;
  const bool numeric = sys::parse_decimal(text, length, UINT32_MAX, &id);
  uint32_t matches = 0;
  for (uint32_t i = 0;; ++i) {
    sys::InitProgramEntry entry;
    const Status s = init_list_entry(i, &entry);
    if (s == Status::kOutOfRange) break;
    if (s != Status::kOk) return report_init_call_failure(out, command, s);
    const bool live = entry.state == sys::InitProgramState::kRunning ||
                      entry.state == sys::InitProgramState::kKilling;
    if (!live) continue;
    if (numeric ? entry.task_id == id : base::same_text(entry.name, text)) {
      if (matches++ == 0) *found = entry;
    }
  }
  if (matches == 0) {
    if (numeric) {
      (void)out.printf("%s: no running program of init's has task id %u (see `programs`)\n",
                       command, id);
    } else {
      (void)out.printf("%s: init runs no program named '%s' (see `programs`)\n", command, text);
    }
    return Status::kNotFound;
  }
  if (matches > 1) {
    (void)out.printf("%s: %u running programs are named '%s': give a task id (see `programs`)\n",
                     command, matches, text);
    return Status::kAlreadyExists;
  }
  *task_id = found->task_id;
  return Status::kOk;
}

Status programs(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  (void)out.print(" line  task  state     restarts  name\n");
  for (uint32_t i = 0;; ++i) {
    sys::InitProgramEntry entry;
    const Status s = init_list_entry(i, &entry);
    if (s == Status::kOutOfRange) break;
    if (s != Status::kOk) return report_init_call_failure(out, "programs", s);
    char line[8] = "    -";
    if (entry.line_number != 0) (void)format(line, sizeof line, "%5u", entry.line_number);
    (void)out.printf("%s %5u  %-9s %8u  %s\n", line, entry.task_id,
                     sys::init_program_state_name(entry.state), entry.restarts, entry.name);
  }
  return Status::kOk;
}

Status start(Output& out, int argc, char** argv) {
  if (argc < 2) return Status::kInvalidArgument;
  // The line "PROGRAM ARG...", sent a part at a time.
  char line[kProgramMaxLineBytes];
  size_t length = 0;
  for (int i = 1; i < argc; ++i) {
    const size_t n = __builtin_strlen(argv[i]);
    if (length + (i > 1 ? 1 : 0) + n + 1 > sizeof line) {
      (void)out.printf("start: the line is longer than %u bytes\n", kProgramMaxLineBytes - 1);
      return Status::kOutOfRange;
    }
    if (i > 1) line[length++] = ' ';
    __builtin_memcpy(line + length, argv[i], n);
    length += n;
  }
  if (const Status s = send_init_start_text(line, length); s != Status::kOk) {
    if (!from_init(s)) return report_init_call_failure(out, "start", s);
    (void)out.printf("start: init refused the line (%s)\n", status_name(s));
    return s;
  }
  IpcMessage m;
  m.label = sys::kInitStart;
  const Status s = call_init(&m);
  switch (s) {
    case Status::kOk:
      (void)out.printf("started %s: task %lu\n", argv[1], m.words[0]);
      return Status::kOk;
    case Status::kNotFound:
      (void)out.printf("start: no boot module '%s'\n", argv[1]);
      return s;
    case Status::kAccessDenied:
      (void)out.printf("start: '%s' is granted the memory pool: init starts it only once\n",
                       argv[1]);
      return s;
    case Status::kNoSpace:
      (void)out.printf("start: init's program table is full\n");
      return s;
    default:
      if (!from_init(s)) return report_init_call_failure(out, "start", s);
      (void)out.printf("start: '%s' not started (%s)\n", argv[1], status_name(s));
      return s;
  }
}

Status kill(Output& out, int argc, char** argv) {
  if (argc != 2) return Status::kInvalidArgument;
  uint32_t task_id;
  sys::InitProgramEntry entry;
  TRY(resolve_task(out, "kill", argv[1], &task_id, &entry));
  IpcMessage m;
  m.label = sys::kInitKill;
  m.word_count = 1;
  m.words[0] = task_id;
  const Status s = call_init(&m);
  switch (s) {
    case Status::kOk:
      if (entry.state == sys::InitProgramState::kKilling) {
        (void)out.printf("task %u (%s) is being killed already: init woke its receives again\n",
                         task_id, entry.name);
      } else {
        (void)out.printf("killing task %u (%s): init restarts it if its manifest line says so\n",
                         task_id, entry.name);
      }
      return Status::kOk;
    case Status::kNotFound:
      (void)out.printf("kill: task %u is not running any more\n", task_id);
      return s;
    case Status::kAccessDenied:
      (void)out.printf("kill: task %u is the memory server: every program's memory is its\n",
                       task_id);
      return s;
    default:
      if (!from_init(s)) return report_init_call_failure(out, "kill", s);
      (void)out.printf("kill: task %u not killed (%s)\n", task_id, status_name(s));
      return s;
  }
}

// grant and revoke: TASK RANGE, then the request.
Status port_command(Output& out, int argc, char** argv, bool grant) {
  const char* command = grant ? "grant" : "revoke";
  if (argc != 3) return Status::kInvalidArgument;
  sys::PortSpan span;
  if (!sys::parse_port_range(argv[2], sys::PortRangeForm::kRangeOrPort, &span)) {
    (void)out.printf("%s: '%s' is no port range (0x60, 96, 0x60-0x64 or 0x60+5, inside 0-0xffff)\n",
                     command, argv[2]);
    return Status::kInvalidArgument;
  }
  uint32_t task_id;
  sys::InitProgramEntry entry;
  TRY(resolve_task(out, command, argv[1], &task_id, &entry));
  IpcMessage m;
  m.label = grant ? sys::kInitGrantPorts : sys::kInitRevokePorts;
  m.word_count = 3;
  m.words[0] = task_id;
  m.words[1] = span.base;
  m.words[2] = span.count;
  const Status s = call_init(&m);
  const uint32_t last = span.base + span.count - 1;
  if (s == Status::kOk && grant) {
    (void)out.printf("granted ports 0x%x-0x%x to task %u (%s) in its slot %lu\n", span.base, last,
                     task_id, entry.name, m.words[0]);
    return s;
  }
  if (s == Status::kOk) {
    (void)out.printf("revoked ports 0x%x-0x%x from task %u (%s): %lu capabilities removed\n",
                     span.base, last, task_id, entry.name, m.words[0]);
    return s;
  }
  if (!from_init(s)) return report_init_call_failure(out, command, s);
  if (!grant && s == Status::kNotFound) {
    (void)out.printf(
        "revoke: init granted task %u no ports 0x%x-0x%x (revoke takes back exactly "
        "a range granted)\n",
        task_id, span.base, last);
  } else if (s == Status::kNotFound) {
    (void)out.printf("grant: task %u is not running any more\n", task_id);
  } else if (s == Status::kNoSpace) {
    (void)out.printf(
        "grant: no room: init keeps %u grants at most, or the task's slots %u-%u are "
        "full\n",
        sys::kInitMaxKeptGrants, sys::kInitGrantFirstSlot, sys::kInitGrantLastSlot);
  } else {
    (void)out.printf("%s: ports 0x%x-0x%x, task %u: %s\n", command, span.base, last, task_id,
                     status_name(s));
  }
  return s;
}

Status grant(Output& out, int argc, char** argv) { return port_command(out, argc, argv, true); }
Status revoke(Output& out, int argc, char** argv) { return port_command(out, argc, argv, false); }

constexpr Command kControlCommands[] = {
    {"programs", "programs", "init's programs: manifest line, task, state, restarts", programs},
    {"start", "start PROGRAM [ARG...]", "start a boot module under init's supervision", start},
    {"kill", "kill TASK", "kill a program of init's (restart=N restarts it)", kill},
    {"grant", "grant TASK RANGE", "grant a task I/O ports from init's root", grant},
    {"revoke", "revoke TASK RANGE", "take back ports init granted a task", revoke},
};

}  // namespace

CommandGroup control_commands() {
  return CommandGroup{kControlCommands, sizeof kControlCommands / sizeof kControlCommands[0]};
}

}  // namespace portsh
