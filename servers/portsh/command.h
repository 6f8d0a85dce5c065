// A portsh command as the command table holds it: its name, its usage line, one line for `help`,
// and the function that runs it. The commands live in groups, one file each
// (servers/portsh/commands_*.cc); the table (servers/portsh/command_table.cc) lists the groups.
//
// A command reads its arguments itself (argv[0] is its name) and never crashes on bad ones: it
// returns kInvalidArgument, and the shell prints "NAME: invalid argument" and the usage line.
// Any other error it returns is printed as "NAME: <status name>" (abi/portcullis/status.h); a
// command that printed a clearer message itself returns kOk or the error as well.
#pragma once

#include <stddef.h>

#include "abi/portcullis/status.h"

namespace portsh {

// Where a command writes: the console (servers/portsh/console.h). Lines end in "\n"; the console
// turns it into the terminal's line end.
class Output {
 public:
  virtual Status write(const char* bytes, size_t count) = 0;
  Status print(const char* text);
  // printf-style (base/format.h); longer text than kPrintfMaxBytes is cut.
  Status printf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  static constexpr size_t kPrintfMaxBytes = 256;

 protected:
  ~Output() = default;
};

struct Command {
  const char* name;     // "caps"
  const char* usage;    // "caps TASK"
  const char* summary;  // one line for help: "a task's capability slots"
  Status (*run)(Output& out, int argc, char** argv);
};

struct CommandGroup {
  const Command* commands;
  size_t count;
};

// The groups, each defined in its own file:
CommandGroup shell_commands();    // commands_shell.cc: help, counters, mem, halt, ...
CommandGroup system_commands();   // commands_system.cc: ps, caps, ports (system_info)
CommandGroup control_commands();  // commands_control.cc: programs, start, kill, grant, revoke
CommandGroup device_commands();   // commands_devices.cc: date, lspci, disk (the drivers' endpoints)
CommandGroup stress_commands();   // commands_stress.cc: stress (a workload run through init)

}  // namespace portsh
