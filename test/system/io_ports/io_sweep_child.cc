// The child of io_ports_user_test's port sweep: `io_sweep_child PORT` (decimal) makes one 8-bit
// IN from PORT. It holds no IoPorts capability, so the IN is a port fault that goes to the
// parent, its supervisor, which answers kill. Only if the IN completes does the child go on: it
// then calls the parent (kSweepReportSlot) to say so, and the sweep fails.
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "io_sweep_protocol.h"  // beside this file: test code is outside the user include path
#include "libsys/port.h"
#include "libsys/syscall_stubs.h"

int main(int argc, char** argv) {
  if (argc < 2) return 100;
  uint32_t port = 0;
  for (const char* c = argv[1]; *c >= '0' && *c <= '9'; ++c) port = port * 10 + (*c - '0');
  if (port > 0xFFFF) return 101;
  const uint8_t value = sys::raw_in<uint8_t>(static_cast<uint16_t>(port));
  IpcMessage m;
  m.label = kSweepInPassedLabel;
  m.word_count = 2;
  m.words[0] = port;
  m.words[1] = value;
  (void)sys_ipc_call(kSweepReportSlot, &m);
  return 0;
}
