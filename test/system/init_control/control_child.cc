// A child of init for init_control_user_test (test/system/init_control/): argv[1] picks its mode.
//   idle: naps 10 ms at a time for ever, until init's control endpoint kills it.
//   serve: waits in ipc_receive on kControlSlot for ever (an endpoint it serves): the kill
//     (task_kill) must wake it and end it there.
//   until-granted: waits for an IoPorts capability in those slots, then exits (the line that
//     grants it the memory pool, which init will not kill, ends this way).
//   ports: waits for an IoPorts capability in slots kGrantSearchFirst..kGrantSearchLast (the
//     control endpoint's grant), enables it, reads kChildPort, tells the test, then reads the port
//     for ever: the IN after init's revoke faults, and init, its supervisor, logs the port fault.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "base/c_string.h"
#include "control_test_protocol.h"  // beside this file: test code is outside the user include path
#include "libsys/port.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"

namespace {

uint32_t g_never_woken = 0;

void nap() { (void)sys_wait_while_equal(&g_never_woken, 0, 10 * 1000 * 1000); }

[[noreturn]] void idle() {
  for (;;) nap();
}

[[noreturn]] void serve() {
  for (;;) {
    IpcMessage m;
    (void)sys_ipc_receive(kControlSlot, &m, UINT64_MAX);
  }
}

// The slot init granted the ports into, once it is there.
uint32_t wait_for_grant() {
  for (;;) {
    for (uint32_t slot = kGrantSearchFirst; slot <= kGrantSearchLast; ++slot) {
      const SyscallResult type = sys_cap_type(slot);
      if (type.status == Status::kOk &&
          type.extra == static_cast<uint64_t>(CapabilityType::kIoPorts)) {
        return slot;
      }
    }
    nap();
  }
}

int ports() {
  const uint32_t slot = wait_for_grant();
  if (const Status s = sys_io_ports_enable(slot).status; s != Status::kOk) {
    sys::printf("control_child: io_ports_enable of slot %u: %s\n", slot, status_name(s));
    return 1;
  }
  const uint8_t value = sys::raw_in<uint8_t>(kChildPort);
  sys::printf("control_child: read port 0x%x through slot %u (0x%x)\n", kChildPort, slot, value);
  IpcMessage m;
  m.label = kPortReadLabel;
  m.word_count = 1;
  m.words[0] = slot;
  if (const Status s = sys_ipc_call(kControlSlot, &m).status; s != Status::kOk) {
    sys::printf("control_child: the test did not answer (%s)\n", status_name(s));
    return 2;
  }
  // Until the revoke: then this IN faults and init kills the task.
  for (;;) (void)sys::raw_in<uint8_t>(kChildPort);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && base::same_text(argv[1], "idle")) idle();
  if (argc >= 2 && base::same_text(argv[1], "ports")) return ports();
  if (argc >= 2 && base::same_text(argv[1], "serve")) serve();
  if (argc >= 2 && base::same_text(argv[1], "until-granted")) {
    sys::printf("control_child: granted ports in slot %u: exiting\n", wait_for_grant());
    return 0;
  }
  sys::printf("control_child: unknown mode\n");
  return 100;
}
