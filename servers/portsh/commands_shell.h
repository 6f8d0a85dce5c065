// What the shell's own commands (commands_shell.cc) tell the main loop: `exit` was asked for.
#pragma once

namespace portsh {

bool exit_requested();

}  // namespace portsh
