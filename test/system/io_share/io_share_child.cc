// The child io_share_user_test spawns: runs the parent's commands (io_share_protocol.h) and reports
// each one's status. An IN on a port it does not hold faults; the fault message goes to the
// parent, its supervisor, which answers with kill.
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "io_share_protocol.h"  // beside this file: test code is outside the user include path
#include "libsys/port.h"
#include "libsys/syscall_stubs.h"

namespace {

Status run(const IpcMessage& command) {
  const auto port = static_cast<uint16_t>(command.words[0]);
  switch (command.label) {
    case kCommandIn:
      (void)sys::raw_in<uint8_t>(port);
      return Status::kOk;
    case kCommandIn16:
      (void)sys::raw_in<uint16_t>(port);
      return Status::kOk;
    case kCommandIn32:
      (void)sys::raw_in<uint32_t>(port);
      return Status::kOk;
    case kCommandEnable:
      return sys_io_ports_enable(kChildPortsSlot).status;
    case kCommandDisable:
      return sys_io_ports_disable(kChildPortsSlot).status;
    case kCommandAttach:
      return sys_io_bitmap_attach(kChildBitmapSlot).status;
    default:
      return Status::kInvalidArgument;
  }
}

}  // namespace

int main() {
  uint64_t label = kReadyLabel;
  Status last = Status::kOk;
  for (;;) {
    IpcMessage m;
    m.label = label;
    m.word_count = 1;
    m.words[0] = static_cast<uint64_t>(last);
    const Status called = sys_ipc_call(kChildReportSlot, &m).status;
    if (called == Status::kBadState) continue;  // dropped while the parent served another child
    if (called != Status::kOk) return 1;
    if (m.label == kCommandExit) return 0;
    last = run(m);
    label = kResultLabel;
  }
}
