// stress_child's `inject SEED` mode (inject.h). Only this task's own syscalls meet the failures
// (docs/fault-injection.md), so the rest of the stress run is untouched; what a failed call
// leaves behind is the controller's leak check's to find (the task's end frees what it held).
#include "servers/stress/child/inject.h"

#include <stddef.h>
#include <stdint.h>

#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_inject.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/thread_params.h"
#include "libsys/fault_inject.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"
#include "servers/stress/command_protocol.h"
#include "servers/stress/random.h"

namespace stress {
namespace {

uint64_t parse_hex(const char* text) {
  uint64_t value = 0;
  for (const char* c = text; *c != '\0'; ++c) {
    const char d = *c;
    const uint32_t digit = d >= '0' && d <= '9'   ? d - '0'
                           : d >= 'a' && d <= 'f' ? d - 'a' + 10
                           : d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                  : 16;
    if (digit == 16) continue;  // the 0x prefix's x
    value = value << 4 | digit;
  }
  return value;
}

// A documented answer of a call under injection: it worked, or memory ran out.
bool documented(Status s) { return s == Status::kOk || s == Status::kNoMemory; }

[[noreturn]] void undocumented(const char* what, Status s, uint64_t seed) {
  (void)sys::printf("stress_child inject 0x%lx: %s answered %s under fault_inject\n", seed, what,
                    status_name(s));
  __builtin_trap();
}

// The thread case uses thread_create itself, on a stack of this file's: sys::Thread's own
// failure path unmaps its stack, and libsys takes an unmap that fails (as one may under
// injection: vm_batch answers kNoMemory) for a broken invariant.
constexpr size_t kStackBytes = 1024;
alignas(16) uint8_t g_stacks[kInjectRounds][kStackBytes];
std::atomic<uint32_t> g_thread_done[kInjectRounds];

}  // namespace

// The thread's whole life: say so, wake the waiter, exit, in C called from a stub that takes
// the word's address from the stack top (thread_create starts a thread with every register 0
// and rsp at the top, 16-byte aligned: the call leaves it as a C function expects).
extern "C" [[noreturn]] void stress_inject_thread_main(std::atomic<uint32_t>* done) {
  done->store(1, std::memory_order_release);
  (void)sys_wake_waiters(done, 1);
  (void)sys_thread_exit();
  __builtin_trap();
}
extern "C" void stress_inject_thread_entry();
asm(".text\n"
    ".globl stress_inject_thread_entry\n"
    "stress_inject_thread_entry:\n"
    "  mov (%rsp), %rdi\n"
    "  call stress_inject_thread_main\n"
    "  ud2\n");

int run_inject(const char* seed_text) {
  const uint64_t seed = parse_hex(seed_text);
  Random rng(seed);
  // Made before any injection: what the badged copies are made from.
  const SyscallResult base = sys_endpoint_create(kCapSlotAny);
  if (base.status != Status::kOk) undocumented("endpoint_create (no injection)", base.status, seed);
  for (uint32_t round = 0; round < kInjectRounds; ++round) {
    const uint64_t kinds = 1 + rng.below(3);  // heap, frames or both
    const Result<uint64_t> set = sys::fault_inject(kinds, rng.below(4), 1 + rng.below(3));
    if (!set.is_ok()) undocumented("fault_inject", set.status(), seed);
    const char* what = "";
    Status s = Status::kOk;
    uint64_t made = kCapSlotAny;
    bool thread_started = false;
    switch (rng.below(4)) {
      case 0: {
        what = "endpoint_create";
        const SyscallResult r = sys_endpoint_create(kCapSlotAny);
        s = r.status;
        made = r.extra;
        break;
      }
      case 1: {
        what = "cap_copy with a badge";
        const SyscallResult r =
            sys_cap_copy(base.extra, kCapSlotAny, kCapWrite, kCapCopyBadge, 1 + round, 0);
        s = r.status;
        made = r.extra;
        break;
      }
      case 2: {
        what = "io_bitmap_create";
        const SyscallResult r = sys_io_bitmap_create(kCapSlotAny);
        s = r.status;
        made = r.extra;
        break;
      }
      default: {
        what = "thread_create";
        // The stack top holds the thread's done word; rsp starts there, 16-byte aligned.
        auto* top = reinterpret_cast<uint64_t*>(g_stacks[round] + kStackBytes - 16);
        top[0] = reinterpret_cast<uint64_t>(&g_thread_done[round]);
        const SyscallResult r = sys_thread_create(
            kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&stress_inject_thread_entry),
            reinterpret_cast<uint64_t>(top), kCapSlotAny, kThreadPriorityDefault, kThreadCpuAny);
        s = r.status;
        made = r.extra;
        thread_started = s == Status::kOk;
        break;
      }
    }
    (void)sys::fault_inject(0, 0, 0);
    if (!documented(s)) undocumented(what, s, seed);
    while (thread_started && g_thread_done[round].load(std::memory_order_acquire) == 0) {
      (void)wait_while_equal(g_thread_done[round], 0, kWaitForever);
    }
    if (s == Status::kOk && made != kCapSlotAny) (void)sys_cap_delete(made);
  }
  return 0;
}

}  // namespace stress
