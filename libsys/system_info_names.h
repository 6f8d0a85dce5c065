// Words for system_info's figures (abi/portcullis/system_info.h), as the shell and tests print
// them: state names, capability type names, rights as "rwxg" letters. Header only, no allocation:
// the host tests check every value.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/system_info.h"

namespace sys {

constexpr const char* task_state_name(uint8_t state) {
  switch (static_cast<TaskInfoState>(state)) {
    case TaskInfoState::kNew:
      return "new";
    case TaskInfoState::kRunning:
      return "running";
    case TaskInfoState::kKilled:
      return "killed";
    case TaskInfoState::kExited:
      return "exited";
  }
  return "?";
}

constexpr const char* thread_state_name(uint8_t state) {
  switch (static_cast<ThreadInfoState>(state)) {
    case ThreadInfoState::kReady:
      return "ready";
    case ThreadInfoState::kRunning:
      return "running";
    case ThreadInfoState::kBlocked:
      return "blocked";
    case ThreadInfoState::kBlockedKillable:
      return "waiting";  // in IPC or wait_while_equal: a kill ends it
    case ThreadInfoState::kExited:
      return "exited";
  }
  return "?";
}

// A CapabilityType's name (abi/portcullis/capability_type.h), or "?" for a value it does not know.
constexpr const char* capability_type_name(uint32_t type) {
  return ::capability_type_name(static_cast<CapabilityType>(type));
}

// "rwxg" with '-' for a right not held: read, write, execute, grant (abi/portcullis/rights.h).
struct RightsText {
  char text[5] = {};
};
constexpr RightsText rights_text(uint32_t rights) {
  RightsText r;
  r.text[0] = (rights & kCapRead) != 0 ? 'r' : '-';
  r.text[1] = (rights & kCapWrite) != 0 ? 'w' : '-';
  r.text[2] = (rights & kCapExecute) != 0 ? 'x' : '-';
  r.text[3] = (rights & kCapGrant) != 0 ? 'g' : '-';
  r.text[4] = '\0';
  return r;
}

}  // namespace sys
