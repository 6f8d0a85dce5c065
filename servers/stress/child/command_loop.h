// stress_child's `commands` mode (command_protocol.h): runs the parent's commands and reports each
// one's status, and the port spinner the ports workload closes ports under.
#pragma once

namespace stress {

// Returns when told to exit (0), when a call to the parent fails (1: the parent is gone), or
// after a close (kChildRevoked, kChildDisable) and its report (0; the spinner runs on).
int run_command_loop();

}  // namespace stress
