// A child for ipc_timeout_user_test's kill case (test/system/ipc_timeout/): one ipc_call_timed
// with a long timeout on the endpoint its parent granted into kEndpointSlot, then it spins; its
// parent kills it while the call is queued or held (it never gets that far by itself).
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "libsys/syscall_stubs.h"

namespace {

constexpr uint32_t kEndpointSlot = 5;         // ipc_timeout_user_test's kChildEndpointSlot
constexpr uint64_t kLongNs = 60'000'000'000;  // far past the parent's kill
constexpr uint64_t kRequestLabel = 0x7141;    // the parent's kRequestLabel

}  // namespace

int main(int, char**) {
  IpcMessage m;
  m.label = kRequestLabel;
  const Status s = sys_ipc_call_timed(kEndpointSlot, &m, kLongNs).status;
  return s == Status::kOk ? 1 : 2;  // a kill does not return here: the thread exits in the call
}
