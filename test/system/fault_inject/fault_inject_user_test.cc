// Every kernel allocation a syscall makes may fail, and each failure must end as a clean error:
// for each syscall that allocates, the sweep makes its N-th allocation fail (fault_inject(kinds,
// N, 1)) for N = 0, 1, 2, ... until the call succeeds without meeting the injected failure, and
// for every N checks that the call answered kNoMemory (or succeeded: a failure it could absorb),
// that nothing is half-done (the target slot is empty, the operation can be made afterwards),
// and that kernel_stats is back where it was once what a success made is deleted and the reaper
// backlog is 0: frames, heap blocks and bytes, and every kind of live kernel object. Run by init
// (fault_inject_test.manifest), which grants the child's Module and the root IoPorts capability.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_inject.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/kernel_stats.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/thread_params.h"
#include "abi/portcullis/vm_lookup.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/fault_inject.h"
#include "libsys/kernel_stats.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

// The slots fault_inject_test.manifest grants into, and this test's own.
constexpr uint32_t kChildModule = 10;
constexpr uint32_t kRootPorts = 11;
constexpr uint32_t kTarget = 40;  // where each swept call puts what it makes
constexpr uint32_t kChild = 41;   // a spawned child task
constexpr uint32_t kSecond = 42;  // a second object some calls need
constexpr uint32_t kThird = 43;

constexpr uint32_t kEveryRight = kCapRead | kCapWrite | kCapGrant;
constexpr uint64_t kSettleNs = 2'000'000'000;
constexpr uint64_t kMaxSteps = 64;  // more allocations than any one call makes
constexpr char kChildLine[] = "fault_inject_child";

uint64_t g_sweeps = 0;
uint64_t g_failures_met = 0;

// --- kernel_stats before and after ---------------------------------------------------------------

bool same(const KernelStats& a, const KernelStats& b) {
  if (kernel_stats_free_memory_pages(a) != kernel_stats_free_memory_pages(b)) return false;
  if (a.heap_blocks != b.heap_blocks || a.heap_bytes != b.heap_bytes) return false;
  for (uint32_t k = 0; k < kKernelObjectKindCount; ++k) {
    if (a.live_objects[k] != b.live_objects[k]) return false;
  }
  return true;
}

KernelStats settled() {
  KernelStats stats;
  TEST_ASSERT_STATUS(Status::kOk, sys::kernel_stats_settled(&stats, kSettleNs));
  return stats;
}

// Waits (at most kSettleNs) until the kernel is back at `before`; on a difference, names it.
void expect_back_to(const KernelStats& before, const char* call, uint64_t step) {
  const uint64_t deadline = sys_monotonic_ns().extra + kSettleNs;
  KernelStats now = settled();
  while (!same(before, now) && sys_monotonic_ns().extra < deadline) {
    (void)sys_thread_yield();
    now = settled();
  }
  if (same(before, now)) return;
  sys::printf("fault_inject: %s, failure at allocation %lu: kernel_stats differ:\n", call, step);
  sys::printf("fault_inject:   free pages %lu -> %lu, heap blocks %lu -> %lu, bytes %lu -> %lu\n",
              kernel_stats_free_memory_pages(before), kernel_stats_free_memory_pages(now),
              before.heap_blocks, now.heap_blocks, before.heap_bytes, now.heap_bytes);
  for (uint32_t k = 0; k < kKernelObjectKindCount; ++k) {
    if (before.live_objects[k] != now.live_objects[k]) {
      sys::printf("fault_inject:   %s %ld -> %ld\n", kKernelObjectKindNames[k],
                  before.live_objects[k], now.live_objects[k]);
    }
  }
  TEST_FAIL_MESSAGE("a failed or undone call left the kernel changed");
}

// Init starts its supervision after it started this program: wait until nothing else changes
// the figures (the same for 50 ms), so that the sweep's differences are its own.
void wait_until_quiet() {
  KernelStats last = settled();
  for (uint32_t same_count = 0; same_count < 5;) {
    const std::atomic<uint32_t> never{0};
    (void)sys_wait_while_equal(&never, 0, 10'000'000);
    const KernelStats now = settled();
    same_count = same(last, now) ? same_count + 1 : 0;
    last = now;
  }
}

// The kernel's count of live threads, settled.
int64_t live_threads() {
  return settled().live_objects[static_cast<uint32_t>(KernelObjectKind::kThreads)];
}

// A thread of this task that announced its end (a word it set just before thread_exit) may not
// have reached thread_exit yet: a loaded host can stall its CPU right there, and the next
// snapshot would then count a thread about to go (a flake seen as "threads 10 -> 9" on a loaded
// host). Waits (at most kSettleNs) until the kernel counts `count` threads or fewer.
void wait_for_threads(int64_t count) {
  const uint64_t deadline = sys_monotonic_ns().extra + kSettleNs;
  while (live_threads() > count && sys_monotonic_ns().extra < deadline) {
    const std::atomic<uint32_t> never{0};
    (void)sys_wait_while_equal(&never, 0, 1'000'000);
  }
  TEST_ASSERT_TRUE_MESSAGE(live_threads() <= count, "an ended thread of this task is still there");
}

void assert_empty(uint32_t slot) {
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(slot).status);
}

// --- the sweep -----------------------------------------------------------------------------------

// One call under test. prepare: what must exist before it (not swept; nothing to undo on its own:
// cleanup undoes it). call: the syscall, its Status. after_failure: checks nothing is half-done
// and may finish the job without injection. cleanup: deletes everything prepare and a success made.
struct SweptCall {
  const char* name;
  void (*prepare)();
  Status (*call)();
  void (*after_failure)();
  void (*cleanup)();
};

// Sweeps `c` with failures of `kinds`; returns how many failure points the call has. Normally
// the call is made once without injection first, so that what the first use of anything keeps
// for good (a slab page, the task's own I/O bitmap) is there before the first snapshot. A
// `first_use` sweep instead sweeps that first use itself: its success keeps what it made, so
// only the failed steps are compared.
// `count` failures from the N-th allocation on: 1 tests each allocation's own error path; a
// count larger than any call makes also fails whatever an error path allocates to undo its work.
uint64_t sweep(const SweptCall& c, uint64_t kinds, bool first_use = false, uint64_t count = 1) {
  if (!first_use) {
    if (c.prepare != nullptr) c.prepare();
    TEST_ASSERT_STATUS(Status::kOk, c.call());
    c.cleanup();
  }
  for (uint64_t step = 0; step < kMaxSteps; ++step) {
    const KernelStats before = settled();
    if (c.prepare != nullptr) c.prepare();
    TEST_ASSERT_STATUS(Status::kOk, sys::fault_inject(kinds, step, count).status());
    const Status s = c.call();
    const Result<uint64_t> injected = sys::fault_inject(0, 0, 0);
    TEST_ASSERT_STATUS(Status::kOk, injected.status());
    const bool met = injected.value() != 0;
    if (met) {
      ++g_failures_met;
      if (s != Status::kOk) {
        TEST_ASSERT_STATUS(Status::kNoMemory, s);
        if (c.after_failure != nullptr) c.after_failure();
      }
    } else {
      TEST_ASSERT_STATUS(Status::kOk, s);
    }
    c.cleanup();
    if (met || !first_use) expect_back_to(before, c.name, step);
    if (!met) {
      ++g_sweeps;
      return step;
    }
  }
  TEST_FAIL_MESSAGE("the call met an injected failure at every step");
  return kMaxSteps;
}

constexpr uint64_t kEveryLaterAllocation = uint64_t{1} << 32;

void sweep_all_kinds(const SweptCall& c) {
  const uint64_t heap = sweep(c, kFaultInjectHeap);
  const uint64_t frames = sweep(c, kFaultInjectFrames);
  const uint64_t both = sweep(c, kFaultInjectKinds);
  const uint64_t rest = sweep(c, kFaultInjectKinds, false, kEveryLaterAllocation);
  sys::printf("fault_inject: %-24s %lu heap, %lu frame allocations, %lu of either\n", c.name, heap,
              frames, both);
  TEST_ASSERT_TRUE(both >= heap && both >= frames);
  TEST_ASSERT_EQUAL_UINT64(both, rest);  // failing the rest too ends at the same point
}

void delete_slot(uint32_t slot) { (void)sys_cap_delete(slot); }
void delete_target() { delete_slot(kTarget); }
void target_empty() { assert_empty(kTarget); }

// --- the calls -----------------------------------------------------------------------------------

// endpoint_create: the Endpoint and its capability's node.
Status create_endpoint() { return sys_endpoint_create(kTarget).status; }

// cap_copy: a node for the copy (of a Frames capability: no object).
Status copy_frames() { return sys_cap_copy(kSlotInitialFrames, kTarget, kCapRead, 0, 0, 0).status; }
// cap_copy with kCapCopyNarrow of the root IoPorts capability (a mint).
Status mint_ports() {
  return sys_cap_copy(kRootPorts, kTarget, kEveryRight, kCapCopyNarrow, 0x80, 1).status;
}
// An Endpoint some calls carry; cap_copy of it with a badge.
void make_endpoint() { TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kSecond).status); }
Status badge_endpoint() {
  return sys_cap_copy(kSecond, kTarget, kCapWrite, kCapCopyBadge, 0x5eed, 0).status;
}
void delete_target_and_second() {
  delete_slot(kTarget);
  delete_slot(kSecond);
}

// io_bitmap_create: the IoBitmap and its node.
Status create_io_bitmap() { return sys_io_bitmap_create(kTarget).status; }

// io_bitmap_add: the membership (and maybe a copy of a shared bitmap).
void make_bitmap_and_port() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kSecond).status);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_cap_copy(kRootPorts, kThird, kEveryRight, kCapCopyNarrow, 0x80, 1).status);
}
Status add_to_bitmap() { return sys_io_bitmap_add(kSecond, kThird).status; }
void add_not_done() {
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_bitmap_remove(kSecond, kThird).status);
}
void delete_bitmap_and_port() {
  delete_slot(kThird);
  delete_slot(kSecond);
}

// io_ports_enable: the enablement and the task's own I/O bitmap.
void make_port() {
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_cap_copy(kRootPorts, kThird, kEveryRight, kCapCopyNarrow, 0x80, 1).status);
}
Status enable_port() { return sys_io_ports_enable(kThird).status; }
void enable_not_done() {
  TEST_ASSERT_STATUS(Status::kBadState, sys_io_ports_disable(kThird).status);
}
void delete_port() {
  (void)sys_io_ports_disable(kThird);
  delete_slot(kThird);
}

// thread_create: the Thread, its kernel stack, its capability's node. The thread sets a word and
// ends; the test waits for the word so that the thread's end is what the settled stats see.
std::atomic<uint32_t> g_thread_ran{0};
alignas(16) uint8_t g_thread_stack[4096];

[[noreturn]] void thread_entry() {
  g_thread_ran.store(1, std::memory_order_release);
  (void)sys_wake_waiters(&g_thread_ran, 1);
  (void)sys_thread_exit();
  __builtin_unreachable();
}
int64_t g_threads_before_create = 0;
void reset_thread_word() {
  g_thread_ran.store(0, std::memory_order_relaxed);
  g_threads_before_create = live_threads();
}
Status create_thread() {
  return sys_thread_create(kSlotSelfAddressSpace, &thread_entry,
                           g_thread_stack + sizeof g_thread_stack, kTarget, kThreadPriorityDefault,
                           kThreadCpuAny)
      .status;
}
void wait_for_thread_and_delete() {
  if (sys_cap_type(kTarget).status == Status::kOk) {
    while (g_thread_ran.load(std::memory_order_acquire) == 0) {
      (void)sys_wait_while_equal(&g_thread_ran, 0, 1'000'000);
    }
    delete_target();
    wait_for_threads(g_threads_before_create);  // freed once it has exited and its cap is gone
    return;
  }
  delete_target();
}

// task_spawn: the task, its address space and capability space, the loaded image, the nodes.
Status spawn_child() {
  return sys_task_spawn(kChildModule, kChildLine, sizeof kChildLine - 1, kTarget).status;
}

// task_start: the first thread and the task's capability to itself. A start that failed must
// leave the task startable.
void spawn_child_prepared() {
  TEST_ASSERT_STATUS(
      Status::kOk, sys_task_spawn(kChildModule, kChildLine, sizeof kChildLine - 1, kChild).status);
}
Status start_child() { return sys_task_start(kChild).status; }
void start_not_done() { TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChild).status); }
void wait_and_delete_child() {
  const SyscallResult end = sys_task_wait(kChild);
  TEST_ASSERT_STATUS(Status::kOk, end.status);
  TEST_ASSERT_EQUAL_UINT64(0, end.extra);  // exited, not faulted
  delete_slot(kChild);
}

// task_grant: a node in the child's space. A grant that failed must leave the child's slot free.
void spawn_child_and_endpoint() {
  spawn_child_prepared();
  make_endpoint();
}
Status grant_endpoint() {
  return sys_task_grant(kChild, kSecond, kFirstFreeSlot + 20, kCapWrite).status;
}
void grant_not_done() {
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(kChild, kSecond, kFirstFreeSlot + 20, kCapWrite).status);
}
void delete_child_and_endpoint() {
  delete_slot(kChild);
  delete_slot(kSecond);
}

// task_address_space: an original AddressSpace capability's node.
Status child_address_space() { return sys_task_address_space(kChild, kTarget).status; }
void delete_child_and_target() {
  delete_slot(kTarget);
  delete_slot(kChild);
}

// vm_batch: a map far from anything mapped in the child's address space needs three new page
// tables (and the copied operations a heap block). A failed batch maps nothing.
constexpr uint64_t kFarAddress = uint64_t{1} << 45;
alignas(8) VmOp g_ops[1];
VmLookupEntry g_lookup[1];
CapIdentity g_frames;
void spawn_child_with_space() {
  spawn_child_prepared();
  TEST_ASSERT_STATUS(Status::kOk, sys_task_address_space(kChild, kSecond).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(kSlotInitialFrames, &g_frames).status);
  g_ops[0] = vm_map_op(kFarAddress, g_frames.base * kPageSize, 1, kVmRead);
}
Status map_far() { return sys_vm_batch(kSecond, kSlotInitialFrames, g_ops, 1).status; }
void nothing_mapped() {
  TEST_ASSERT_STATUS(Status::kOk, sys_vm_lookup(kSecond, kFarAddress, 1, g_lookup).status);
  TEST_ASSERT_EQUAL_UINT64(0, g_lookup[0].rights);
  TEST_ASSERT_EQUAL_UINT64(0, g_lookup[0].frame);
}
void delete_child_and_space() {
  delete_slot(kSecond);
  delete_slot(kChild);
}
// vm_lookup: its kernel buffer.
VmLookupEntry g_entries[64];
Status lookup_own() {
  return sys_vm_lookup(kSlotSelfAddressSpace, kFarAddress, 64, g_entries).status;
}
void nothing() {}

// vm_batch with two maps in two far regions: a failure in the second one's tables must undo the
// first one's map (all or nothing).
constexpr uint64_t kOtherFarAddress = (uint64_t{1} << 45) + (uint64_t{1} << 40);
alignas(8) VmOp g_two_ops[2];
void spawn_child_with_space_two_ops() {
  spawn_child_with_space();
  g_two_ops[0] = vm_map_op(kFarAddress, g_frames.base * kPageSize, 1, kVmRead);
  g_two_ops[1] = vm_map_op(kOtherFarAddress, g_frames.base * kPageSize, 1, kVmRead);
}
Status map_two_far() { return sys_vm_batch(kSecond, kSlotInitialFrames, g_two_ops, 2).status; }
void neither_mapped() {
  nothing_mapped();
  TEST_ASSERT_STATUS(Status::kOk, sys_vm_lookup(kSecond, kOtherFarAddress, 1, g_lookup).status);
  TEST_ASSERT_EQUAL_UINT64(0, g_lookup[0].rights);
}

// io_ports_enable while the task's I/O bitmap is shared with a child (task_share_ports): the
// enable gives this task a private copy first. kKeptPort stays enabled for the whole test, so
// this task has a bitmap to share.
constexpr uint32_t kKeptPort = 44;
void spawn_sharing_child_and_port() {
  spawn_child_prepared();
  TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(kChild).status);
  make_port();
}
void delete_port_and_child() {
  delete_port();
  delete_slot(kChild);
}
// task_share_ports itself.
Status share_with_child() { return sys_task_share_ports(kChild).status; }
void share_not_done() { TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(kChild).status); }
void delete_child() { delete_slot(kChild); }

// IPC carrying capabilities, with a server thread of this task on kEndpoint. A capability sent
// is copied by the receive, a capability answered by the reply: for either to draw from the
// task's fault_inject setting the server's syscall must start after the sweep armed it, so the
// server waits for a go (g_server_go) before each receive, and the swept call gives it.
constexpr uint32_t kEndpoint = 45;
constexpr uint32_t kReplyCap = 46;          // what the server's answers carry
constexpr uint64_t kLabelPlain = 1;         // delete what came, answer without capabilities
constexpr uint64_t kLabelReplyCap = 2;      // delete what came, answer with kReplyCap
constexpr uint64_t kLabelSend = 3;          // a send: delete what came, nothing to answer
constexpr uint64_t kLabelReplyTwoCaps = 5;  // delete what came, answer with two copies of kReplyCap
constexpr uint64_t kLabelStop = 4;          // a send: the server ends
std::atomic<uint32_t> g_server_go{0};
std::atomic<uint32_t> g_server_handled{0};
std::atomic<uint32_t> g_server_ended{0};
uint32_t g_server_replies_refused = 0;
alignas(16) uint8_t g_server_stack[8192];

void go_server() {
  g_server_go.fetch_add(1, std::memory_order_release);
  (void)sys_wake_waiters(&g_server_go, 1);
}

[[noreturn]] void server_entry() {
  uint32_t seen = 0;
  for (;;) {
    uint32_t go;
    while ((go = g_server_go.load(std::memory_order_acquire)) == seen) {
      (void)sys_wait_while_equal(&g_server_go, seen, kSettleNs);
    }
    seen = go;
    IpcMessage m;
    if (sys_ipc_receive(kEndpoint, &m, kSettleNs).status != Status::kOk) continue;
    for (uint32_t i = 0; i < m.cap_count; ++i) (void)sys_cap_delete(m.caps[i]);
    const uint64_t label = m.label;
    g_server_handled.fetch_add(1, std::memory_order_release);
    (void)sys_wake_waiters(&g_server_handled, 1);
    if (label == kLabelStop) break;
    if (label != kLabelPlain && label != kLabelReplyCap && label != kLabelReplyTwoCaps) {
      continue;  // a send
    }
    // A reply refused for want of memory leaves the call pending: answer it again, without the
    // capability (a sweep that fails every later allocation would refuse it for ever, and the
    // caller, blocked in its call, could not turn that off). The receive that follows takes
    // nothing (timeout 0).
    uint8_t caps = label == kLabelReplyCap ? 1 : label == kLabelReplyTwoCaps ? 2 : 0;
    for (;;) {
      m = IpcMessage{};
      m.cap_count = caps;
      m.caps[0] = kReplyCap;
      m.caps[1] = kReplyCap;
      const Status s = sys_ipc_reply_receive(kEndpoint, &m, 0).status;
      if (s != Status::kNoMemory) break;
      ++g_server_replies_refused;
      caps = 0;
    }
  }
  g_server_ended.store(1, std::memory_order_release);
  (void)sys_wake_waiters(&g_server_ended, 1);
  (void)sys_thread_exit();
  __builtin_unreachable();
}

void start_server() {
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kEndpoint).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kReplyCap).status);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_thread_create(kSlotSelfAddressSpace, &server_entry,
                                       g_server_stack + sizeof g_server_stack, kCapSlotAny,
                                       kThreadPriorityDefault, kThreadCpuAny)
                         .status);
}

void stop_server() {
  IpcMessage m;
  m.label = kLabelStop;
  go_server();
  while (sys_ipc_send(kEndpoint, &m).status == Status::kNotFound) (void)sys_thread_yield();
  while (g_server_ended.load(std::memory_order_acquire) == 0) {
    (void)sys_wait_while_equal(&g_server_ended, 0, 1'000'000);
  }
  delete_slot(kEndpoint);
  delete_slot(kReplyCap);
}

IpcMessage g_message;
uint32_t g_handled_before = 0;
void prepare_message_with_cap() {
  make_endpoint();  // kSecond: the capability the message carries
  g_message = IpcMessage{};
  g_message.cap_count = 1;
  g_message.caps[0] = kSecond;
  g_handled_before = g_server_handled.load(std::memory_order_acquire);
}
// Two capabilities: the second copy may fail after the first was made.
void prepare_message_with_two_caps() {
  prepare_message_with_cap();
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kThird).status);
  g_message.cap_count = 2;
  g_message.caps[1] = kThird;
}
Status g_last_status = Status::kOk;  // the swept IPC call's answer, for its cleanup
Status call_with_cap() {
  g_message.label = kLabelPlain;
  go_server();
  return g_last_status = sys_ipc_call(kEndpoint, &g_message).status;
}
Status call_for_cap() {
  g_message = IpcMessage{};
  g_message.label = kLabelReplyCap;
  go_server();
  return sys_ipc_call(kEndpoint, &g_message).status;
}
Status call_for_two_caps() {
  g_message = IpcMessage{};
  g_message.label = kLabelReplyTwoCaps;
  go_server();
  return sys_ipc_call(kEndpoint, &g_message).status;
}
// A send finds the server waiting unless it is still busy with the last message.
Status send_with_cap() {
  g_message.label = kLabelSend;
  go_server();
  Status s;
  while ((s = sys_ipc_send(kEndpoint, &g_message).status) == Status::kNotFound) {
    (void)sys_thread_yield();
  }
  return g_last_status = s;
}
// What a delivered call or send made the server do is done (it deletes what came first).
void wait_for_server() {
  if (g_last_status != Status::kOk) return;  // nothing was delivered
  for (;;) {
    const uint32_t handled = g_server_handled.load(std::memory_order_acquire);
    if (handled != g_handled_before) return;
    (void)sys_wait_while_equal(&g_server_handled, handled, 1'000'000);
  }
}
// A call or send refused (kNoMemory) reached nobody: the server must not have seen it.
void server_saw_nothing() {
  TEST_ASSERT_EQUAL_UINT32(g_handled_before, g_server_handled.load(std::memory_order_acquire));
}
void after_call_with_cap() {
  wait_for_server();
  delete_slot(kSecond);
}
void after_call_with_two_caps() {
  after_call_with_cap();
  delete_slot(kThird);
}
void after_call_for_cap() {
  for (uint32_t i = 0; i < g_message.cap_count; ++i) delete_slot(g_message.caps[i]);
}
void after_send_with_cap() {
  if (sys_cap_type(kSecond).status == Status::kOk) delete_slot(kSecond);
}

// --- the tests -----------------------------------------------------------------------------------

void test_endpoint_create() {
  sweep_all_kinds({"endpoint_create", nullptr, create_endpoint, target_empty, delete_target});
}
void test_cap_copy() {
  sweep_all_kinds({"cap_copy", nullptr, copy_frames, target_empty, delete_target});
}
void test_cap_copy_narrow() {
  sweep_all_kinds({"cap_copy narrow", nullptr, mint_ports, target_empty, delete_target});
}
void test_cap_copy_badge() {
  sweep_all_kinds(
      {"cap_copy badge", make_endpoint, badge_endpoint, target_empty, delete_target_and_second});
}
void test_io_bitmap_create() {
  sweep_all_kinds({"io_bitmap_create", nullptr, create_io_bitmap, target_empty, delete_target});
}
void test_io_bitmap_add() {
  sweep_all_kinds(
      {"io_bitmap_add", make_bitmap_and_port, add_to_bitmap, add_not_done, delete_bitmap_and_port});
}
// The task's first io_ports_enable also makes its own I/O bitmap (kept until the task ends).
void test_io_ports_enable_first_in_the_task() {
  const uint64_t steps =
      sweep({"io_ports_enable first", make_port, enable_port, enable_not_done, delete_port},
            kFaultInjectKinds, true);
  sys::printf("fault_inject: %-24s %lu allocations\n", "io_ports_enable first", steps);
}
void test_io_ports_enable() {
  sweep_all_kinds({"io_ports_enable", make_port, enable_port, enable_not_done, delete_port});
}
void test_thread_create() {
  sweep_all_kinds({"thread_create", reset_thread_word, create_thread, target_empty,
                   wait_for_thread_and_delete});
}
void test_task_spawn() {
  sweep_all_kinds({"task_spawn", nullptr, spawn_child, target_empty, delete_target});
}
void test_task_start() {
  sweep_all_kinds(
      {"task_start", spawn_child_prepared, start_child, start_not_done, wait_and_delete_child});
}
void test_task_grant() {
  sweep_all_kinds({"task_grant", spawn_child_and_endpoint, grant_endpoint, grant_not_done,
                   delete_child_and_endpoint});
}
void test_task_address_space() {
  sweep_all_kinds({"task_address_space", spawn_child_prepared, child_address_space, target_empty,
                   delete_child_and_target});
}
void test_vm_batch_map() {
  sweep_all_kinds(
      {"vm_batch map", spawn_child_with_space, map_far, nothing_mapped, delete_child_and_space});
}
void test_vm_lookup() { sweep_all_kinds({"vm_lookup", nullptr, lookup_own, nothing, nothing}); }

void test_vm_batch_two_maps() {
  sweep_all_kinds({"vm_batch two maps", spawn_child_with_space_two_ops, map_two_far, neither_mapped,
                   delete_child_and_space});
}
void test_io_ports_enable_shared_bitmap() {
  TEST_ASSERT_STATUS(
      Status::kOk,
      sys_cap_copy(kRootPorts, kKeptPort, kEveryRight, kCapCopyNarrow, 0x81, 1).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kKeptPort).status);
  sweep_all_kinds({"io_ports_enable shared", spawn_sharing_child_and_port, enable_port,
                   enable_not_done, delete_port_and_child});
  sweep_all_kinds(
      {"task_share_ports", spawn_child_prepared, share_with_child, share_not_done, delete_child});
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_disable(kKeptPort).status);
  delete_slot(kKeptPort);
}
void test_ipc_carrying_capabilities() {
  start_server();
  sweep_all_kinds({"ipc_call with a cap", prepare_message_with_cap, call_with_cap, nullptr,
                   after_call_with_cap});
  sweep_all_kinds({"ipc_call, a cap back", nullptr, call_for_cap, nullptr, after_call_for_cap});
  sweep_all_kinds({"ipc_call with two caps", prepare_message_with_two_caps, call_with_cap, nullptr,
                   after_call_with_two_caps});
  sweep_all_kinds(
      {"ipc_call, two caps back", nullptr, call_for_two_caps, nullptr, after_call_for_cap});
  sweep_all_kinds(
      {"ipc_send with a cap", prepare_message_with_cap, send_with_cap, server_saw_nothing, [] {
         wait_for_server();
         after_send_with_cap();
       }});
  stop_server();
  sys::printf("fault_inject: the server answered again %u times after a refused reply\n",
              g_server_replies_refused);
}

// fault_inject itself: its answers, and that only the caller's syscalls are touched.
void test_fault_inject_answers() {
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::fault_inject(4, 0, 1).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::fault_inject(kFaultInjectHeap, 0, 0).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::fault_inject(0, 1, 0).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::fault_inject(0, 0, 1).status());
  KernelStats before;
  TEST_ASSERT_STATUS(Status::kOk, sys::kernel_stats(&before));
  // Two failures in a row, then the setting stops by itself.
  TEST_ASSERT_STATUS(Status::kOk, sys::fault_inject(kFaultInjectHeap, 0, 2).status());
  TEST_ASSERT_STATUS(Status::kNoMemory, sys_endpoint_create(kTarget).status);
  TEST_ASSERT_STATUS(Status::kNoMemory, sys_endpoint_create(kTarget).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kTarget).status);
  delete_target();
  const Result<uint64_t> injected = sys::fault_inject(0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, injected.status());
  TEST_ASSERT_EQUAL_UINT64(2, injected.value());
  KernelStats after;
  TEST_ASSERT_STATUS(Status::kOk, sys::kernel_stats(&after));
  TEST_ASSERT_TRUE(after.injected_failures >= before.injected_failures + 2);
  // A setting that never meets an allocation injects nothing.
  TEST_ASSERT_STATUS(Status::kOk, sys::fault_inject(kFaultInjectFrames, 1000, 1).status());
  TEST_ASSERT_STATUS(Status::kOk, sys_null().status);
  TEST_ASSERT_EQUAL_UINT64(0, sys::fault_inject(0, 0, 0).value());
}

// kernel_stats' own answers: a bad pointer changes nothing, the kinds have names.
void test_kernel_stats_answers() {
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_kernel_stats(0).status);
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_kernel_stats(uint64_t{1} << 63).status);
  const KernelStats stats = settled();
  TEST_ASSERT_TRUE(stats.free_frames > 0);
  TEST_ASSERT_TRUE(stats.heap_blocks > 0 && stats.heap_bytes >= 16 * stats.heap_blocks);
  TEST_ASSERT_EQUAL_UINT64(0, stats.reaper_backlog);
  // This task, its address space and space, init's: at least two of each.
  TEST_ASSERT_TRUE(stats.live_objects[static_cast<uint32_t>(KernelObjectKind::kTasks)] >= 2);
  TEST_ASSERT_TRUE(stats.live_objects[static_cast<uint32_t>(KernelObjectKind::kCapSpaces)] >= 2);
  TEST_ASSERT_TRUE(stats.live_objects[static_cast<uint32_t>(KernelObjectKind::kThreads)] >= 2);
}

}  // namespace

void setUp() {}
void tearDown() {
  (void)sys::fault_inject(0, 0, 0);
  for (uint32_t slot = kTarget; slot <= kThird; ++slot) (void)sys_cap_delete(slot);
}

int main() {
  wait_until_quiet();
  UNITY_BEGIN();
  RUN_TEST(test_kernel_stats_answers);
  RUN_TEST(test_fault_inject_answers);
  RUN_TEST(test_io_ports_enable_first_in_the_task);  // before anything else opens a port
  RUN_TEST(test_endpoint_create);
  RUN_TEST(test_cap_copy);
  RUN_TEST(test_cap_copy_narrow);
  RUN_TEST(test_cap_copy_badge);
  RUN_TEST(test_io_bitmap_create);
  RUN_TEST(test_io_bitmap_add);
  RUN_TEST(test_io_ports_enable);
  RUN_TEST(test_thread_create);
  RUN_TEST(test_task_spawn);
  RUN_TEST(test_task_start);
  RUN_TEST(test_task_grant);
  RUN_TEST(test_task_address_space);
  RUN_TEST(test_vm_batch_map);
  RUN_TEST(test_vm_lookup);
  RUN_TEST(test_vm_batch_two_maps);
  RUN_TEST(test_io_ports_enable_shared_bitmap);
  RUN_TEST(test_ipc_carrying_capabilities);
  sys::printf("fault_inject: %lu sweeps, %lu injected failures answered\n", g_sweeps,
              g_failures_met);
  return UNITY_END();
}
