// A child for task_user_test's task_kill tests (test/system/task/): it never ends by itself, in
// the way argv[1] names, so only a kill ends it.
//   spin:  three threads (this one and two more) loop in ring 3 without a system call;
//   block: waits in ipc_receive on an endpoint of its own, with no timeout (nobody sends);
//   wait:  waits in wait_while_equal on a word nobody changes, with no timeout.
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/thread_params.h"
#include "base/c_string.h"
#include "libsys/syscall_stubs.h"

namespace {

volatile uint64_t g_spins = 0;
uint32_t g_never_changed = 0;
alignas(16) uint8_t g_stacks[2][4096];

[[noreturn]] void spin() {
  for (;;) g_spins = g_spins + 1;
}

extern "C" [[noreturn]] void spin_thread() { spin(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 1;
  if (base::same_text(argv[1], "spin")) {
    for (auto& stack : g_stacks) {
      (void)sys_thread_create(kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&spin_thread),
                              reinterpret_cast<uint64_t>(stack + sizeof stack), kCapSlotAny,
                              kThreadPrioritySame, kThreadCpuAny);
    }
    spin();
  }
  if (base::same_text(argv[1], "block")) {
    const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
    if (endpoint.status != Status::kOk) return 2;
    IpcMessage m;
    (void)sys_ipc_receive(static_cast<uint32_t>(endpoint.extra), &m, UINT64_MAX);
    return 3;  // a kill does not return here: the thread exits as the call returns
  }
  if (base::same_text(argv[1], "wait")) {
    (void)sys_wait_while_equal(&g_never_changed, 0, UINT64_MAX);
    return 4;
  }
  return 5;
}
