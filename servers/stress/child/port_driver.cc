// stress_child's `port-driver` mode (the crash workload, servers/stress/crash_workload.cc): a
// driver that takes its port capability, uses its port, then touches a port it was not granted.
// That IN must fault (its supervisor, the controller, kills it); if it returns, the driver says
// so on the report endpoint and exits, which the controller counts as a violation.
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "libsys/cap.h"
#include "libsys/port.h"
#include "libsys/syscall_stubs.h"
#include "servers/stress/child/modes.h"
#include "servers/stress/child_protocol.h"
#include "servers/stress/line_words.h"

namespace stress {
namespace {

void report(uint64_t what) {
  IpcMessage m;
  m.label = kDriverNoFaultLabel;
  m.word_count = 1;
  m.words[0] = what;
  (void)sys_ipc_call(kDriverReportSlot, &m);
}

}  // namespace

int port_driver_main(int argc, char** argv) {
  uint64_t port = 0;
  uint64_t probe = 0;
  if (!line_value(argc, argv, "port", port) || !line_value(argc, argv, "probe", probe) ||
      port > 0xFFFF || probe > 0xFFFF) {
    return 1;
  }
  Result<sys::PortRange> granted = sys::PortRange::enable(sys::Cap(kDriverPortsSlot));
  if (granted.is_error()) {
    report(static_cast<uint64_t>(granted.status()));
    return 1;
  }
  (void)sys::raw_in<uint8_t>(static_cast<uint16_t>(port));  // granted: works
  (void)sys::raw_in<uint8_t>(
      static_cast<uint16_t>(probe));  // not granted: faults, the task dies here
  report(0);
  return 1;
}

}  // namespace stress
