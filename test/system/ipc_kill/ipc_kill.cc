// A task killed while its threads are blocked in the kernel (the boot ipc-kill-wakes-blocked-
// qemu-4cpu): a caller queued on an endpoint nobody serves, a receiver waiting with no timeout, a
// server holding a call while it waits on a word, that call's caller (its call taken), and a
// thread in wait_while_equal with no timeout; and the same with the short calls (libsys/
// short_ipc.h): a short caller queued, a short receiver waiting, a short call being served. Then
// the main thread faults, which kills the task.
// Every blocked thread must wake and exit: the runner waits for all of them before it runs the
// next module, so the boot only reaches "program ticker: exited" if none stayed blocked (and the
// runner's memory check shows the task's endpoints and threads were freed).
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/thread_params.h"
#include "libsys/print.h"
#include "libsys/short_ipc.h"
#include "libsys/syscall_stubs.h"

namespace {

constexpr uint64_t kForever = UINT64_MAX;
constexpr uint64_t kTenMs = 10'000'000;
constexpr size_t kStackBytes = 16384;
constexpr uint32_t kThreads = 9;
constexpr uint32_t kBlockers = 8;  // all but the short call's server count themselves

struct alignas(16) Stack {
  uint8_t bytes[kStackBytes];
};
Stack g_stacks[kThreads];

uint32_t g_unserved;      // an endpoint nobody receives on
uint32_t g_silent;        // an endpoint nobody calls
uint32_t g_held;          // an endpoint whose server keeps the call
uint32_t g_short_held;    // the same, for a short call
uint32_t g_word = 0;      // never changes: waits on it last for ever
uint32_t g_blocked = 0;   // threads about to block (atomic)
uint32_t g_returned = 0;  // threads whose blocking call returned to ring 3 (must stay 0)

void note_blocking() { __atomic_fetch_add(&g_blocked, 1, __ATOMIC_ACQ_REL); }
void note_returned() { __atomic_fetch_add(&g_returned, 1, __ATOMIC_ACQ_REL); }

void caller_queued() {
  IpcMessage m;
  note_blocking();
  (void)sys_ipc_call(g_unserved, &m);
  note_returned();
}

void receiver_waiting() {
  IpcMessage m;
  note_blocking();
  (void)sys_ipc_receive(g_silent, &m, kForever);
  note_returned();
}

void server_holding_a_call() {
  IpcMessage m;
  if (sys_ipc_receive(g_held, &m, kForever).status != Status::kOk) return;
  note_blocking();
  (void)sys_wait_while_equal(&g_word, 0, kForever);
  note_returned();
}

void caller_being_served() {
  IpcMessage m;
  note_blocking();
  (void)sys_ipc_call(g_held, &m);
  note_returned();
}

void word_waiter() {
  note_blocking();
  (void)sys_wait_while_equal(&g_word, 0, kForever);
  note_returned();
}

void short_caller_queued() {
  IpcShortMessage m;
  note_blocking();
  (void)sys_ipc_call_short_message(g_unserved, m);
  note_returned();
}

void short_receiver_waiting() {
  IpcShortMessage m;
  note_blocking();
  (void)sys_ipc_reply_receive_short_message(g_silent, m);
  note_returned();
}

void short_caller_being_served() {
  IpcShortMessage m;
  note_blocking();
  (void)sys_ipc_call_short_message(g_short_held, m);
  note_returned();
}

// Holds the short call (it waits on the word) until the kill; not counted as a blocker of its
// own: it is server_holding_a_call's twin without the count, so that the main thread's count
// waits for the caller above.
void short_server_holding_a_call() {
  IpcShortMessage m;
  if (sys_ipc_reply_receive_short_message(g_short_held, m) != Status::kOk) return;
  (void)sys_wait_while_equal(&g_word, 0, kForever);
  note_returned();
}

using Work = void (*)();
constexpr Work kWork[kThreads] = {caller_queued,
                                  receiver_waiting,
                                  server_holding_a_call,
                                  caller_being_served,
                                  word_waiter,
                                  short_caller_queued,
                                  short_receiver_waiting,
                                  short_caller_being_served,
                                  short_server_holding_a_call};

}  // namespace

extern "C" [[noreturn]] void ipc_kill_thread_main(const Work* work) {
  (*work)();
  (void)sys_thread_exit();
  __builtin_trap();
}
asm(".text\n"
    ".globl ipc_kill_trampoline\n"
    "ipc_kill_trampoline:\n"
    "  xorl %ebp, %ebp\n"
    "  movq %rsp, %rdi\n"
    "  call ipc_kill_thread_main\n"
    "  ud2\n");
extern "C" void ipc_kill_trampoline();

int main(int, char**) {
  g_short_held = static_cast<uint32_t>(sys_endpoint_create(kCapSlotAny).extra);
  g_unserved = static_cast<uint32_t>(sys_endpoint_create(kCapSlotAny).extra);
  g_silent = static_cast<uint32_t>(sys_endpoint_create(kCapSlotAny).extra);
  g_held = static_cast<uint32_t>(sys_endpoint_create(kCapSlotAny).extra);
  for (uint32_t i = 0; i < kThreads; ++i) {
    auto* top = reinterpret_cast<uint8_t*>(&g_stacks[i + 1]) - 64;
    *reinterpret_cast<Work*>(top) = kWork[i];
    const SyscallResult r = sys_thread_create(
        kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&ipc_kill_trampoline),
        reinterpret_cast<uint64_t>(top), kCapSlotAny, kThreadPriorityDefault, kThreadCpuAny);
    if (r.status != Status::kOk) {
      sys::printf("ipc_kill: thread_create: %s\n", status_name(r.status));
      return 1;
    }
  }
  // Every thread is on its way into the kernel; a little longer and all of them are blocked.
  while (__atomic_load_n(&g_blocked, __ATOMIC_ACQUIRE) < kBlockers) {
    (void)sys_wait_while_equal(&g_word, 0, kTenMs);
  }
  (void)sys_wait_while_equal(&g_word, 0, 10 * kTenMs);
  sys::printf("ipc_kill: %u threads blocked in the kernel, %u returned; faulting\n",
              __atomic_load_n(&g_blocked, __ATOMIC_ACQUIRE),
              __atomic_load_n(&g_returned, __ATOMIC_ACQUIRE));
  __builtin_trap();
}
