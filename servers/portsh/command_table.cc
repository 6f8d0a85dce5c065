#include "servers/portsh/command_table.h"

#include "base/assert.h"
#include "base/c_string.h"

namespace portsh {

const CommandTable& CommandTable::all() {
  // Built on first use: the groups are other files' functions, not constants.
  static const CommandGroup groups[] = {shell_commands(), system_commands(), control_commands(),
                                        device_commands(), stress_commands()};
  static const CommandTable table(groups, sizeof groups / sizeof groups[0]);
  return table;
}

CommandTable::CommandTable(const CommandGroup* groups, size_t count)
    : group_count_(count < kMaxGroups ? count : kMaxGroups) {
  for (size_t i = 0; i < group_count_; ++i) groups_[i] = groups[i];
}

const Command* CommandTable::find(const char* name) const {
  for (size_t g = 0; g < group_count_; ++g) {
    for (size_t i = 0; i < groups_[g].count; ++i) {
      if (base::same_text(groups_[g].commands[i].name, name)) return &groups_[g].commands[i];
    }
  }
  return nullptr;
}

size_t CommandTable::size() const {
  size_t n = 0;
  for (size_t g = 0; g < group_count_; ++g) n += groups_[g].count;
  return n;
}

const Command& CommandTable::at(size_t index) const {
  for (size_t g = 0; g < group_count_; ++g) {
    if (index < groups_[g].count) return groups_[g].commands[index];
    index -= groups_[g].count;
  }
  ASSERT(false && "CommandTable::at past the end");
  return groups_[0].commands[0];
}

Status CommandTable::run(Output& out, int argc, char** argv) const {
  if (argc < 1) return Status::kOk;
  const Command* command = find(argv[0]);
  if (command == nullptr) {
    (void)out.printf("portsh: unknown command '%s' (help lists them)\n", argv[0]);
    return Status::kNotFound;
  }
  const Status s = command->run(out, argc, argv);
  if (s == Status::kInvalidArgument) {
    (void)out.printf("%s: invalid argument\nusage: %s\n", command->name, command->usage);
  } else if (s != Status::kOk) {
    (void)out.printf("%s: %s\n", command->name, status_name(s));
  }
  return s;
}

}  // namespace portsh
