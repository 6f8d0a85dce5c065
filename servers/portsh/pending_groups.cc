// PLACEHOLDER until commands_system.cc (ps, caps, ports) lands: an empty system group, so the
// shell links. The lead deletes this file (and its line in servers/programs.SConscript) then.
#include "servers/portsh/command.h"

namespace portsh {

CommandGroup system_commands() { return {nullptr, 0}; }

}  // namespace portsh
