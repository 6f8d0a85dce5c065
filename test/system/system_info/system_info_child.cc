// The child system_info_user_test spawns: one call on the endpoint in slot 3, which blocks it
// until the parent answers, so the parent sees it alive (and waiting); then it ends.
#include "abi/portcullis/ipc_message.h"
#include "libsys/syscall_stubs.h"

int main() {
  IpcMessage m;
  m.label = 1;
  return sys_ipc_call(3, &m).status == Status::kOk ? 0 : 1;
}
