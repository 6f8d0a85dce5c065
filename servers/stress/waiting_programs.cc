#include "servers/stress/waiting_programs.h"

#include "abi/portcullis/ipc_message.h"
#include "libsys/syscall_stubs.h"
#include "servers/stress/stress_endpoint.h"

namespace stress {
namespace {

// Longer than a parked program's pause between two calls (mem_client.cc: 5 ms), with room for a
// loaded emulator.
constexpr uint64_t kQuietNs = 300'000'000;

}  // namespace

uint32_t dismiss_waiting_programs(uint32_t stress_slot) {
  uint32_t answered = 0;
  IpcMessage m;
  Status s = sys_ipc_receive(stress_slot, &m, kQuietNs).status;
  while (s == Status::kOk) {
    m = IpcMessage{};
    m.label = kStressExitLabel;
    ++answered;
    s = sys_ipc_reply_receive(stress_slot, &m, kQuietNs).status;
  }
  return answered;
}

}  // namespace stress
