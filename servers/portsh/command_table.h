// CommandTable: every portsh command, found by name over the command groups
// (servers/portsh/command.h), and the one place that runs a command line's words and says what
// went wrong: an unknown name, bad arguments (with the usage line), any other error.
#pragma once

#include <stddef.h>

#include "abi/portcullis/status.h"
#include "servers/portsh/command.h"

namespace portsh {

class CommandTable {
 public:
  static constexpr size_t kMaxGroups = 5;

  // The shell's table: shell, system, control, device and stress commands, in that order.
  static const CommandTable& all();

  CommandTable(const CommandGroup* groups, size_t count);

  const Command* find(const char* name) const;
  size_t size() const;
  const Command& at(size_t index) const;  // index < size(), in group order

  // Runs argv[0] with its arguments and prints any failure to `out`:
  //   portsh: unknown command 'x' (help lists them)
  //   NAME: invalid argument / usage: USAGE        (the command returned kInvalidArgument)
  //   NAME: <status name>                          (any other error)
  // The command's Status (kNotFound for an unknown one).
  Status run(Output& out, int argc, char** argv) const;

 private:
  CommandGroup groups_[kMaxGroups];
  size_t group_count_;
};

}  // namespace portsh
