// The child supervisor_user_test spawns and supervises; argv[1] picks what it does:
//   revoke-endpoint: calls the parent over an endpoint capability derived from the parent's
//     (kChildRevokedSlot), tells it to revoke (kChildReportSlot), then reports what cap_type and
//     ipc_call answer for that slot now (both kBadHandle once the copy is gone).
//   revoke-ports: enables the IoPorts capability in kChildRevokedSlot, reads its port, reports,
//     and after the parent's revoke reads it again: that IN faults, and the fault message goes to
//     the parent, its supervisor.
//   repair: a second thread waits for kChildSignalSlot to be filled, then maps a page at
//     kRepairAddress and stores kRepairMagic there; the main thread's load from it faults until
//     then, each fault resumed by the parent; the value it reads is reported.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/thread_params.h"
#include "abi/portcullis/vm_op.h"
#include "base/c_string.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "supervise_protocol.h"  // beside this file: test code is outside the user include path

// An IN from kChildPort as the first instruction of a function, so its address is the fault's rip.
asm(".text\n"
    ".globl read_child_port\n"
    "read_child_port:\n"
    "  inb $0x80, %al\n"
    "  ret\n");
extern "C" uint8_t read_child_port();
static_assert(kChildPort == 0x80, "read_child_port reads port 0x80");

namespace {

// Calls the parent on `slot`; the answer's label, or 0 if the call failed.
uint64_t call(uint32_t slot, uint64_t label, uint64_t word0 = 0, uint64_t word1 = 0) {
  IpcMessage m;
  m.label = label;
  m.word_count = 2;
  m.words[0] = word0;
  m.words[1] = word1;
  if (sys_ipc_call(slot, &m).status != Status::kOk) return 0;
  return m.label;
}

int revoke_endpoint() {
  if (call(kChildRevokedSlot, kHelloLabel) != kAnswerLabel) return 1;
  if (call(kChildReportSlot, kReadyForRevokeLabel) != kAnswerLabel) return 2;
  IpcMessage m;
  m.label = kHelloLabel;
  const Status type = sys_cap_type(kChildRevokedSlot).status;
  const Status ipc = sys_ipc_call(kChildRevokedSlot, &m).status;
  call(kChildReportSlot, kResultLabel, static_cast<uint64_t>(type), static_cast<uint64_t>(ipc));
  return 0;
}

int revoke_ports() {
  const Status enabled = sys_io_ports_enable(kChildRevokedSlot).status;
  if (enabled == Status::kOk) (void)read_child_port();
  if (call(kChildReportSlot, kPortsEnabledLabel, static_cast<uint64_t>(enabled),
           reinterpret_cast<uint64_t>(&read_child_port)) != kAnswerLabel) {
    return 1;
  }
  (void)read_child_port();                     // the parent revoked the capability: this faults
  call(kChildReportSlot, kResultLabel, 0, 0);  // only if it did not
  return 0;
}

// --- repair ---------------------------------------------------------------------------------

struct alignas(16) Stack {
  uint8_t bytes[16384];
};
Stack g_stack;
uint32_t g_never_woken = 0;

}  // namespace

// The repair thread: polls (10 ms naps) until the parent's signal is in its slot, then maps the
// page and stores the value the main thread waits for.
extern "C" [[noreturn]] void repair_main() {
  while (sys_cap_type(kChildSignalSlot).status != Status::kOk) {
    (void)sys_wait_while_equal(&g_never_woken, 0, 1000 * 1000);
  }
  CapIdentity frames;
  if (sys_cap_identify(kSlotInitialFrames, &frames).status == Status::kOk) {
    const uint64_t last_frame = (frames.base + frames.count - 1) * kPageSize;
    const VmOp op = vm_map_op(kRepairAddress, last_frame, 1, kVmRead | kVmWrite);
    if (sys_vm_batch(kSlotSelfAddressSpace, kSlotInitialFrames, &op, 1).status == Status::kOk) {
      __atomic_store_n(reinterpret_cast<uint64_t*>(kRepairAddress), kRepairMagic, __ATOMIC_RELEASE);
    }
  }
  (void)sys_thread_exit();
  __builtin_trap();
}
asm(".text\n"
    ".globl repair_trampoline\n"
    "repair_trampoline:\n"
    "  xorl %ebp, %ebp\n"
    "  call repair_main\n"
    "  ud2\n");
extern "C" void repair_trampoline();

namespace {

int repair() {
  // The trampoline's call pushes a return address: a stack top 16-byte aligned, as the ABI wants
  // at a call.
  const uint64_t top = reinterpret_cast<uint64_t>(&g_stack + 1);
  if (sys_thread_create(kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&repair_trampoline), top,
                        kCapSlotAny, kThreadPriorityDefault, kThreadCpuAny)
          .status != Status::kOk) {
    return 1;
  }
  // Faults (the parent resumes it) until the page is there, then waits for the value.
  uint64_t value = 0;
  while ((value = __atomic_load_n(reinterpret_cast<const uint64_t*>(kRepairAddress),
                                  __ATOMIC_ACQUIRE)) != kRepairMagic) {
    __builtin_ia32_pause();
  }
  call(kChildReportSlot, kResultLabel, value, 0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 100;
  if (base::same_text(argv[1], "revoke-endpoint")) return revoke_endpoint();
  if (base::same_text(argv[1], "revoke-ports")) return revoke_ports();
  if (base::same_text(argv[1], "repair")) return repair();
  sys::printf("supervised_child: unknown mode '%s'\n", argv[1]);
  return 100;
}
