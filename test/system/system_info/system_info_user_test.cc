// system_info (abi/portcullis/system_info.h) checked against facts this program knows, started by
// init (system_info_test.manifest) with the SystemInfo capability in slot 3 (where portsh finds
// its own), system_info_child's Module capability and the root IoPorts capability:
//   - tasks: this task and init, with their names, states, thread counts and bitmap ids; a child
//     it spawns shows up new, then running with one waiting thread, then exited, then not at all;
//   - threads: a thread pinned to the last CPU shows that CPU, its priority and "waiting", the
//     calling thread shows running; every CPU has its idle thread;
//   - task_caps: every slot as cap_identify says it, with its derivation parent (init's slots
//     for what init granted, this task's own for a copy, "dead" under a deleted capability);
//   - io_bitmaps / io_grants: a bitmap built here, its sequence changing with io_bitmap_add, its
//     window, grants, holders and the tasks sharing it; the CPUs where it is active while a thread
//     there uses its port;
//   - cpus / tss_slots: every online CPU, and the slot of the CPU that ran the IN holding the
//     bitmap's id and sequence;
//   - every bad input answers its code and copies nothing;
//   - the shell's `ps`, `caps` and `ports` (servers/portsh/commands_system.cc) run on the real
//     state, print tables of at most 80 columns with the facts above, and refuse bad arguments.
#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/system_info.h"
#include "abi/portcullis/thread_params.h"
#include "base/c_string.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/system_info.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "servers/portsh/command.h"
#include "servers/portsh/shell_slots.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))
#define TEST_ASSERT_STATUS_VALUE(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

// The slots system_info_test.manifest grants into.
constexpr uint32_t kInfo = portsh::kShellSystemInfoSlot;
constexpr uint32_t kChildModule = 10;
constexpr uint32_t kRootPorts = 12;
// This test's own.
constexpr uint32_t kInfoCopy = 20;
constexpr uint32_t kInfoNoRead = 21;
constexpr uint32_t kChildTask = 22;
constexpr uint32_t kChildEndpoint = 23;
constexpr uint32_t kBitmap = 24;
constexpr uint32_t kPort80 = 25;
constexpr uint32_t kInfoGrandchild = 26;
constexpr uint32_t kChildCallSlot = 3;  // where system_info_child calls

constexpr uint64_t kWaitNs = uint64_t{60} * 1000 * 1000 * 1000;
constexpr uint64_t kPollNs = 1000000;

TaskInfo g_tasks[128];
ThreadInfo g_threads[256];
TaskCapInfo g_caps[kTaskCapSlots];
IoBitmapInfo g_bitmaps[64];
IoGrantInfo g_grants[64];
CpuInfo g_cpus[64];
TssSlotInfo g_slots[16];

CapIdentity identify(uint32_t slot) {
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(slot, &id));
  return id;
}

uint32_t my_id() { return static_cast<uint32_t>(identify(kSlotSelfTask).base); }

template <typename Entry, size_t kCapacity>
uint32_t read(Entry (&entries)[kCapacity], uint64_t arg = 0) {
  uint32_t count = 0;
  uint32_t total = 0;
  TEST_ASSERT_STATUS_VALUE(Status::kOk,
                           sys::system_info_read(kInfo, arg, entries, kCapacity, &count, &total));
  TEST_ASSERT_EQUAL_UINT32(total, count);  // every buffer here has room for the whole topic
  return count;
}

const TaskInfo* find_task(uint32_t id) {
  const uint32_t n = read(g_tasks);
  for (uint32_t i = 0; i < n; ++i) {
    if (g_tasks[i].id == id) return &g_tasks[i];
  }
  return nullptr;
}

uint32_t init_id() {
  const uint32_t n = read(g_tasks);
  for (uint32_t i = 0; i < n; ++i) {
    if (base::same_text(g_tasks[i].name, "init")) return g_tasks[i].id;
  }
  TEST_FAIL_MESSAGE("init is not in the task list");
  return 0;
}

const TaskCapInfo* find_cap(uint32_t count, uint32_t slot) {
  for (uint32_t i = 0; i < count; ++i) {
    if (g_caps[i].slot == slot) return &g_caps[i];
  }
  return nullptr;
}

const IoBitmapInfo* find_bitmap(uint64_t id) {
  const uint32_t n = read(g_bitmaps);
  for (uint32_t i = 0; i < n; ++i) {
    if (g_bitmaps[i].id == id) return &g_bitmaps[i];
  }
  return nullptr;
}

uint32_t cpu_count() { return read(g_cpus); }

void sleep_a_little() {
  const std::atomic<uint32_t> never{0};
  (void)wait_while_equal(never, 0, kPollNs);
}

// --- helper threads ---------------------------------------------------------------------------

std::atomic<uint32_t> g_release{0};
std::atomic<uint32_t> g_ins{0};

void wait_for_release(void*) {
  while (g_release.load() == 0) (void)wait_while_equal(g_release, 0, kWaitNs);
}

uint8_t in8(uint16_t port) {
  uint8_t value;
  asm volatile("inb %w1, %b0" : "=a"(value) : "Nd"(port));
  return value;
}

// Uses port 0x80 (the bitmap's) until released: the bitmap stays active on this thread's CPU.
void spin_on_port(void*) {
  while (g_release.load() == 0) {
    (void)in8(0x80);
    g_ins.fetch_add(1);
  }
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_tasks_show_this_task_and_init() {
  const uint32_t me = my_id();
  const TaskInfo* mine = find_task(me);
  TEST_ASSERT_NOT_NULL(mine);
  TEST_ASSERT_EQUAL_STRING("system_info_user_test", mine->name);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(TaskInfoState::kRunning), mine->state);
  TEST_ASSERT_EQUAL_UINT32(1, mine->live_threads);
  TEST_ASSERT_EQUAL_UINT8(kThreadPriorityDefault, mine->priority);
  TEST_ASSERT_EQUAL_UINT64(0, mine->io_bitmap_id);  // no ports yet
  const TaskInfo* init = find_task(init_id());
  TEST_ASSERT_NOT_NULL(init);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(TaskInfoState::kRunning), init->state);
  TEST_ASSERT_EQUAL_UINT8(kThreadPriorityInit, init->priority);
  // Less room than the topic has: what fits, and the total.
  uint32_t count = 0;
  uint32_t total = 0;
  TEST_ASSERT_STATUS_VALUE(Status::kOk,
                           sys::system_info_read(kInfo, 0, g_tasks, 1, &count, &total));
  TEST_ASSERT_EQUAL_UINT32(1, count);
  TEST_ASSERT_TRUE(total >= 2);
  TEST_ASSERT_STATUS_VALUE(Status::kOk,
                           sys::system_info(kInfo, SystemInfoTopic::kTasks, 0, nullptr, 0, &count));
  TEST_ASSERT_EQUAL_UINT32(total, count);
}

void test_threads_show_cpu_priority_and_affinity() {
  const uint32_t me = my_id();
  const uint32_t cpus = cpu_count();
  const uint32_t last = cpus - 1;
  g_release.store(0);
  sys::Thread helper;
  sys::ThreadOptions options;
  options.cpu = last;
  TEST_ASSERT_STATUS_VALUE(Status::kOk, helper.start(wait_for_release, nullptr, options));
  // Until the helper waits on its word.
  const ThreadInfo* pinned = nullptr;
  const uint64_t deadline = monotonic_ns() + kWaitNs;
  while (pinned == nullptr && monotonic_ns() < deadline) {
    const uint32_t n = read(g_threads);
    for (uint32_t i = 0; i < n; ++i) {
      const ThreadInfo& t = g_threads[i];
      if (t.task_id == me && t.pinned_cpu == last &&
          t.state == static_cast<uint8_t>(ThreadInfoState::kBlockedKillable)) {
        pinned = &t;
      }
    }
    if (pinned == nullptr) sleep_a_little();
  }
  TEST_ASSERT_NOT_NULL_MESSAGE(pinned, "the pinned helper never showed up waiting");
  TEST_ASSERT_EQUAL_UINT32(last, pinned->cpu);
  TEST_ASSERT_EQUAL_UINT8(kThreadPriorityDefault, pinned->priority);
  TEST_ASSERT_EQUAL_UINT8(kThreadInfoUser, pinned->flags);
  // The calling thread is running (on some online CPU, any CPU allowed); idle threads everywhere.
  const uint32_t n = read(g_threads);
  uint32_t mine = 0;
  uint32_t running = 0;
  uint64_t idle_cpus = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const ThreadInfo& t = g_threads[i];
    if ((t.flags & kThreadInfoIdle) != 0) {
      TEST_ASSERT_EQUAL_UINT32(0, t.task_id);
      TEST_ASSERT_EQUAL_UINT32(t.cpu, t.pinned_cpu);
      idle_cpus |= uint64_t{1} << t.pinned_cpu;
    }
    if (t.task_id != me) continue;
    ++mine;
    if (t.state == static_cast<uint8_t>(ThreadInfoState::kRunning)) {
      ++running;
      TEST_ASSERT_EQUAL_UINT32(kSystemInfoAnyCpu, t.pinned_cpu);
      TEST_ASSERT_TRUE(t.cpu < cpus);
    }
  }
  TEST_ASSERT_EQUAL_UINT32(2, mine);
  TEST_ASSERT_EQUAL_UINT32(1, running);
  TEST_ASSERT_EQUAL_UINT64(cpus == 64 ? ~uint64_t{0} : (uint64_t{1} << cpus) - 1, idle_cpus);
  TEST_ASSERT_EQUAL_UINT32(2, find_task(me)->live_threads);
  g_release.store(1);
  wake_waiters(g_release, 1);
  helper.join();
}

void test_spawned_task_appears_and_disappears() {
  const uint32_t me = my_id();
  static const char kLine[] = "system_info_child";
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_spawn(kChildModule, kLine, sizeof kLine - 1, kChildTask));
  const uint32_t child = static_cast<uint32_t>(identify(kChildTask).base);
  const TaskInfo* t = find_task(child);
  TEST_ASSERT_NOT_NULL(t);
  TEST_ASSERT_EQUAL_STRING("system_info_child", t->name);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(TaskInfoState::kNew), t->state);
  TEST_ASSERT_EQUAL_UINT32(0, t->live_threads);

  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kChildEndpoint));
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(kChildTask, kChildEndpoint, kChildCallSlot, kCapWrite));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChildTask));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kChildEndpoint, &m, kWaitNs));
  // The child waits for the answer: running, one thread, waiting in its call.
  t = find_task(child);
  TEST_ASSERT_NOT_NULL(t);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(TaskInfoState::kRunning), t->state);
  TEST_ASSERT_EQUAL_UINT32(1, t->live_threads);
  const uint32_t n = read(g_threads);
  uint32_t childs = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (g_threads[i].task_id != child) continue;
    ++childs;
    TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(ThreadInfoState::kBlockedKillable),
                            g_threads[i].state);
  }
  TEST_ASSERT_EQUAL_UINT32(1, childs);
  // Its endpoint came from this task's slot.
  const uint32_t caps = read(g_caps, child);
  const TaskCapInfo* call = find_cap(caps, kChildCallSlot);
  TEST_ASSERT_NOT_NULL(call);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), call->type);
  TEST_ASSERT_EQUAL_UINT32(kCapWrite, call->rights);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(CapParentKind::kLive), call->parent);
  TEST_ASSERT_EQUAL_UINT32(me, call->parent_task_id);
  TEST_ASSERT_EQUAL_UINT32(kChildEndpoint, call->parent_slot);

  m = IpcMessage{};
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(kChildEndpoint, &m, 0));
  const SyscallResult end = sys_task_wait(kChildTask);
  TEST_ASSERT_STATUS(Status::kOk, end);
  TEST_ASSERT_EQUAL_UINT64(0, end.extra);  // exited, not faulted
  t = find_task(child);
  TEST_ASSERT_NOT_NULL(t);  // this task's capability holds it
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(TaskInfoState::kExited), t->state);
  TEST_ASSERT_EQUAL_UINT32(0, t->live_threads);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChildTask));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChildEndpoint));
  // The reaper lets go of it soon after.
  const uint64_t deadline = monotonic_ns() + kWaitNs;
  while (find_task(child) != nullptr && monotonic_ns() < deadline) sleep_a_little();
  TEST_ASSERT_NULL_MESSAGE(find_task(child), "the ended child is still listed");
  uint32_t total = 0;
  TEST_ASSERT_STATUS_VALUE(
      Status::kNotFound,
      sys::system_info(kInfo, SystemInfoTopic::kTaskCaps, child, g_caps, kTaskCapSlots, &total));
}

void test_own_caps_match_cap_identify_with_parents() {
  const uint32_t me = my_id();
  const uint32_t init = init_id();
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kInfo, kInfoCopy, kCapRead, 0, 0, 0));
  const uint32_t count = read(g_caps, me);
  uint32_t filled = 0;
  for (uint32_t slot = 0; slot < kTaskCapSlots; ++slot) {
    CapIdentity id;
    if (sys_cap_identify(slot, &id).status != Status::kOk) {
      TEST_ASSERT_NULL(find_cap(count, slot));
      continue;
    }
    ++filled;
    const TaskCapInfo* c = find_cap(count, slot);
    TEST_ASSERT_NOT_NULL(c);
    TEST_ASSERT_EQUAL_UINT32(id.type, c->type);
    TEST_ASSERT_EQUAL_UINT32(id.rights, c->rights);
    TEST_ASSERT_EQUAL_UINT64(id.base, c->base);
    TEST_ASSERT_EQUAL_UINT64(id.count, c->count);
  }
  TEST_ASSERT_EQUAL_UINT32(filled, count);
  // The kernel's own: originals.
  const TaskCapInfo* self = find_cap(count, kSlotSelfTask);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(CapParentKind::kNone), self->parent);
  TEST_ASSERT_EQUAL_UINT64(me, self->base);
  TEST_ASSERT_EQUAL_UINT16(0, self->depth);
  // What init granted: children of init's slots.
  const TaskCapInfo* info = find_cap(count, kInfo);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kSystemInfo), info->type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, info->rights);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(CapParentKind::kLive), info->parent);
  TEST_ASSERT_EQUAL_UINT32(init, info->parent_task_id);
  TEST_ASSERT_EQUAL_UINT32(kSlotSystemInfo, info->parent_slot);
  TEST_ASSERT_EQUAL_UINT16(1, info->depth);
  const TaskCapInfo* ports = find_cap(count, kRootPorts);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kIoPorts), ports->type);
  TEST_ASSERT_EQUAL_UINT64(0, ports->base);
  TEST_ASSERT_EQUAL_UINT64(65536, ports->count);
  TEST_ASSERT_EQUAL_UINT32(init, ports->parent_task_id);
  TEST_ASSERT_EQUAL_UINT32(kSlotIoPortsRoot, ports->parent_slot);
  const TaskCapInfo* module = find_cap(count, kChildModule);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kModule), module->type);
  TEST_ASSERT_EQUAL_UINT32(init, module->parent_task_id);
  TEST_ASSERT_TRUE(module->parent_slot >= kSlotFirstModule);
  // A copy made here: a child of this task's slot; under a deleted capability: a dead parent.
  const TaskCapInfo* copy = find_cap(count, kInfoCopy);
  TEST_ASSERT_EQUAL_UINT32(me, copy->parent_task_id);
  TEST_ASSERT_EQUAL_UINT32(kInfo, copy->parent_slot);
  TEST_ASSERT_EQUAL_UINT16(2, copy->depth);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kInfoCopy, kInfoGrandchild, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kInfoCopy));
  const uint32_t after = read(g_caps, me);
  TEST_ASSERT_NULL(find_cap(after, kInfoCopy));
  const TaskCapInfo* orphan = find_cap(after, kInfoGrandchild);
  TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(CapParentKind::kDead), orphan->parent);
  TEST_ASSERT_EQUAL_UINT16(3, orphan->depth);
  // It still reads: a copy of the capability is as good as the original.
  uint32_t total = 0;
  TEST_ASSERT_STATUS_VALUE(Status::kOk, sys::system_info(kInfoGrandchild, SystemInfoTopic::kTasks,
                                                         0, nullptr, 0, &total));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kInfoGrandchild));
}

void test_io_bitmap_sharers_sequence_and_tss_slots() {
  const uint32_t me = my_id();
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_create(kBitmap));
  const uint64_t id = identify(kBitmap).base;
  const IoBitmapInfo* b = find_bitmap(id);
  TEST_ASSERT_NOT_NULL(b);
  const uint64_t first_sequence = b->sequence;
  TEST_ASSERT_EQUAL_UINT32(0, b->grants);
  TEST_ASSERT_EQUAL_UINT32(1, b->holders);  // its capabilities
  TEST_ASSERT_EQUAL_UINT32(0, b->tasks);
  TEST_ASSERT_EQUAL_UINT32(b->window_lo, b->window_hi);  // empty: every port closed

  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kRootPorts, kPort80, kCapRead | kCapWrite,
                                               kCapCopyNarrow, 0x80, 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_add(kBitmap, kPort80));
  b = find_bitmap(id);
  const uint64_t sequence = b->sequence;
  TEST_ASSERT_TRUE(sequence != first_sequence);
  TEST_ASSERT_EQUAL_UINT32(1, b->grants);
  TEST_ASSERT_EQUAL_UINT32(0x80 / 8, b->window_lo);
  TEST_ASSERT_EQUAL_UINT32(0x80 / 8 + 1, b->window_hi);
  uint32_t grants = read(g_grants, id);
  TEST_ASSERT_EQUAL_UINT32(1, grants);
  TEST_ASSERT_EQUAL_UINT64(id, g_grants[0].bitmap_id);
  TEST_ASSERT_TRUE(g_grants[0].grant_id != 0);
  TEST_ASSERT_EQUAL_UINT32(0x80, g_grants[0].port_base);
  TEST_ASSERT_EQUAL_UINT32(1, g_grants[0].port_count);
  grants = read(g_grants, 0);
  bool listed = false;
  for (uint32_t i = 0; i < grants; ++i) listed = listed || g_grants[i].bitmap_id == id;
  TEST_ASSERT_TRUE(listed);
  const uint32_t caps = read(g_caps, me);
  TEST_ASSERT_EQUAL_UINT8(kTaskCapInUse, find_cap(caps, kPort80)->flags);
  TEST_ASSERT_EQUAL_UINT8(0, find_cap(caps, kRootPorts)->flags);

  // Attached here and shared with an unstarted child: two tasks, three holders.
  TEST_ASSERT_STATUS(Status::kOk, sys_io_bitmap_attach(kBitmap));
  TEST_ASSERT_EQUAL_UINT64(id, find_task(me)->io_bitmap_id);
  static const char kLine[] = "system_info_child";
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_spawn(kChildModule, kLine, sizeof kLine - 1, kChildTask));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_share_ports(kChildTask));
  const uint32_t child = static_cast<uint32_t>(identify(kChildTask).base);
  TEST_ASSERT_EQUAL_UINT64(id, find_task(child)->io_bitmap_id);
  b = find_bitmap(id);
  TEST_ASSERT_EQUAL_UINT32(2, b->tasks);
  TEST_ASSERT_EQUAL_UINT32(3, b->holders);
  TEST_ASSERT_EQUAL_UINT64(sequence, b->sequence);  // sharing copies and changes nothing
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChildTask));  // never started: freed now
  TEST_ASSERT_EQUAL_UINT32(1, find_bitmap(id)->tasks);

  // A thread on the last CPU uses the port: the bitmap is active there, in one of its slots.
  const uint32_t cpu = cpu_count() - 1;
  g_release.store(0);
  g_ins.store(0);
  sys::Thread spinner;
  sys::ThreadOptions options;
  options.cpu = cpu;
  TEST_ASSERT_STATUS_VALUE(Status::kOk, spinner.start(spin_on_port, nullptr, options));
  const uint64_t deadline = monotonic_ns() + kWaitNs;
  while (monotonic_ns() < deadline &&
         (g_ins.load() == 0 || ((find_bitmap(id)->active_cpus >> cpu) & 1) == 0)) {
    sleep_a_little();
  }
  TEST_ASSERT_TRUE_MESSAGE(((find_bitmap(id)->active_cpus >> cpu) & 1) != 0,
                           "the bitmap never showed active on the spinner's CPU");
  uint32_t slots = read(g_slots, cpu);
  TEST_ASSERT_EQUAL_UINT32(g_cpus[0].tss_slots, slots);
  const TssSlotInfo* loaded = nullptr;
  for (uint32_t i = 0; i < slots; ++i) {
    TEST_ASSERT_EQUAL_UINT32(cpu, g_slots[i].cpu);
    TEST_ASSERT_EQUAL_UINT32(i, g_slots[i].slot);
    TEST_ASSERT_TRUE(g_slots[i].last_use <= g_slots[i].lru_clock);
    if (g_slots[i].bitmap_id == id) loaded = &g_slots[i];
  }
  TEST_ASSERT_NOT_NULL_MESSAGE(loaded, "no TSS slot of the spinner's CPU holds the bitmap");
  TEST_ASSERT_EQUAL_UINT64(sequence, loaded->sequence);
  TEST_ASSERT_TRUE(loaded->window_lo <= 0x80 / 8 && loaded->window_hi > 0x80 / 8);
  g_release.store(1);
  spinner.join();
  // The slot keeps the bitmap after its thread has gone (matched by sequence next time).
  slots = read(g_slots, cpu);
  loaded = nullptr;
  for (uint32_t i = 0; i < slots; ++i) {
    if (g_slots[i].bitmap_id == id) loaded = &g_slots[i];
  }
  TEST_ASSERT_NOT_NULL(loaded);
  TEST_ASSERT_EQUAL_UINT64(sequence, loaded->sequence);
}

void test_cpus() {
  const uint32_t cpus = cpu_count();
  TEST_ASSERT_EQUAL_UINT32(sys::online_cpus(), cpus);
  for (uint32_t i = 0; i < cpus; ++i) {
    TEST_ASSERT_EQUAL_UINT32(i, g_cpus[i].cpu);
    TEST_ASSERT_TRUE(g_cpus[i].tss_slots >= 1 && g_cpus[i].tss_slots <= 16);
    TEST_ASSERT_TRUE(g_cpus[i].active_slot < g_cpus[i].tss_slots);
  }
  for (uint32_t i = 0; i < cpus; ++i) {
    TEST_ASSERT_EQUAL_UINT32(g_cpus[i].tss_slots, read(g_slots, i));
    uint32_t active = 0;
    for (uint32_t s = 0; s < g_cpus[i].tss_slots; ++s) active += g_slots[s].active;
    TEST_ASSERT_EQUAL_UINT32(1, active);
  }
}

void test_bad_inputs_get_their_codes() {
  uint64_t probe[8] = {};
  const auto call = [&](uint64_t slot, uint64_t topic, uint64_t arg, uint64_t buffer,
                        uint64_t capacity) {
    const SyscallResult r = sys_system_info(slot, topic, arg, buffer, capacity);
    if (r.status != Status::kOk) TEST_ASSERT_EQUAL_UINT64(0, r.extra);
    return r;
  };
  const uint64_t buffer = reinterpret_cast<uint64_t>(probe);
  // The capability.
  TEST_ASSERT_STATUS(Status::kBadHandle, call(uint64_t{1} << 32, 0, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kBadHandle, call(kTaskCapSlots, 0, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kBadHandle, call(200, 0, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kWrongType, call(kSlotSelfTask, 0, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kWrongType, call(kRootPorts, 0, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kInfo, kInfoNoRead, 0, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, call(kInfoNoRead, 0, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kInfoNoRead));
  // The topic and the room.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, call(kInfo, kSystemInfoTopicCount, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, call(kInfo, UINT64_MAX, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, call(kInfo, 0, 0, buffer, kSystemInfoMaxEntries + 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, call(kInfo, 0, 0, buffer, UINT64_MAX));
  // The buffer: the user-memory answers.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, call(kInfo, 0, 0, 0, 1));
  TEST_ASSERT_STATUS(Status::kAccessDenied, call(kInfo, 0, 0, 0xFFFF800000000000u, 1));
  TEST_ASSERT_STATUS(Status::kAccessDenied, call(kInfo, 0, 0, 0x0000800000000000u - 8, 1));
  TEST_ASSERT_STATUS(Status::kOverflow, call(kInfo, 0, 0, UINT64_MAX - 8, 1));
  TEST_ASSERT_STATUS(Status::kNotFound, call(kInfo, 0, 0, 0x0000600000000000u, 1));  // unmapped
  const SyscallResult none = call(kInfo, 0, 0, 0, 0);  // no room: only the total
  TEST_ASSERT_STATUS(Status::kOk, none);
  TEST_ASSERT_TRUE(none.extra >= 2);
  // The topics' arguments.
  TEST_ASSERT_STATUS(Status::kNotFound, call(kInfo, 2, 0, buffer, 1));
  TEST_ASSERT_STATUS(Status::kNotFound, call(kInfo, 2, 0xFFFFFFFFu, buffer, 1));
  TEST_ASSERT_STATUS(Status::kNotFound, call(kInfo, 2, uint64_t{1} << 40, buffer, 1));
  TEST_ASSERT_STATUS(Status::kNotFound, call(kInfo, 4, uint64_t{1} << 60, buffer, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, call(kInfo, 6, cpu_count(), buffer, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, call(kInfo, 6, 64, buffer, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, call(kInfo, 6, uint64_t{1} << 32, buffer, 1));
  // Nothing was written by any refusal.
  for (const uint64_t word : probe) TEST_ASSERT_EQUAL_UINT64(0, word);
}

// --- the shell's commands ----------------------------------------------------------------------

namespace {

// An Output that keeps the text, for the checks, and prints it to the log.
class CapturedOutput final : public portsh::Output {
 public:
  Status write(const char* bytes, size_t count) override {
    for (size_t i = 0; i < count && length_ + 1 < sizeof text_; ++i) text_[length_++] = bytes[i];
    text_[length_] = '\0';
    return Status::kOk;
  }
  const char* text() const { return text_; }
  bool contains(const char* needle) const {
    for (size_t i = 0; i < length_; ++i) {
      size_t n = 0;
      while (needle[n] != '\0' && i + n < length_ && text_[i + n] == needle[n]) ++n;
      if (needle[n] == '\0') return true;
    }
    return false;
  }
  size_t widest_line() const {
    size_t widest = 0;
    size_t column = 0;
    for (size_t i = 0; i < length_; ++i) {
      column = text_[i] == '\n' ? 0 : column + 1;
      if (column > widest) widest = column;
    }
    return widest;
  }
  void log() const {
    // In pieces: one debug_write carries at most sys::kPrintMaxBytes.
    for (size_t i = 0; i < length_; i += sys::kPrintMaxBytes - 1) {
      const size_t n =
          length_ - i < sys::kPrintMaxBytes - 1 ? length_ - i : sys::kPrintMaxBytes - 1;
      (void)sys::write(text_ + i, n);
    }
  }

 private:
  char text_[16384] = {};
  size_t length_ = 0;
};

CapturedOutput g_out;

Status run_command(const char* line_name, int argc, char** argv) {
  const portsh::CommandGroup group = portsh::system_commands();
  for (size_t i = 0; i < group.count; ++i) {
    if (base::same_text(group.commands[i].name, line_name)) {
      g_out = CapturedOutput{};
      return group.commands[i].run(g_out, argc, argv);
    }
  }
  TEST_FAIL_MESSAGE("no such command in system_commands()");
  return Status::kNotFound;
}

}  // namespace

void test_shell_commands() {
  const portsh::CommandGroup group = portsh::system_commands();
  TEST_ASSERT_EQUAL_size_t(3, group.count);
  char ps[] = "ps";
  char caps[] = "caps";
  char ports[] = "ports";
  char extra[] = "extra";
  char me_text[12] = {};
  const uint32_t me = my_id();
  {
    uint32_t v = me;
    char digits[12];
    size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; ++i) me_text[i] = digits[n - 1 - i];
  }
  char my_name[] = "system_info_user_test";
  char nobody[] = "no_such_program";

  char* ps_argv[] = {ps};
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run_command("ps", 1, ps_argv));
  g_out.log();
  TEST_ASSERT_TRUE(g_out.contains("system_info_user_test"));
  TEST_ASSERT_TRUE(g_out.contains(" init "));
  TEST_ASSERT_TRUE(g_out.contains("(idle)"));
  TEST_ASSERT_TRUE(g_out.contains("THREAD  TASK"));
  TEST_ASSERT_TRUE(g_out.widest_line() <= 80);
  char* ps_extra[] = {ps, extra};
  TEST_ASSERT_STATUS_VALUE(Status::kInvalidArgument, run_command("ps", 2, ps_extra));

  char* caps_id[] = {caps, me_text};
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run_command("caps", 2, caps_id));
  g_out.log();
  TEST_ASSERT_TRUE(g_out.contains("system_info    r---"));
  TEST_ASSERT_TRUE(g_out.contains("ports 0x0-0xffff"));
  TEST_ASSERT_TRUE(g_out.contains("original"));
  TEST_ASSERT_TRUE(g_out.widest_line() <= 80);
  char* caps_name[] = {caps, my_name};
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run_command("caps", 2, caps_name));
  TEST_ASSERT_TRUE(g_out.contains("system_info_user_test)"));
  char* caps_nobody[] = {caps, nobody};
  TEST_ASSERT_STATUS_VALUE(Status::kNotFound, run_command("caps", 2, caps_nobody));
  TEST_ASSERT_TRUE(g_out.contains("caps: no task no_such_program"));
  char* caps_none[] = {caps};
  TEST_ASSERT_STATUS_VALUE(Status::kInvalidArgument, run_command("caps", 1, caps_none));
  char* caps_two[] = {caps, me_text, extra};
  TEST_ASSERT_STATUS_VALUE(Status::kInvalidArgument, run_command("caps", 3, caps_two));

  char* ports_argv[] = {ports};
  TEST_ASSERT_STATUS_VALUE(Status::kOk, run_command("ports", 1, ports_argv));
  g_out.log();
  TEST_ASSERT_TRUE(g_out.contains("IOBITMAP OBJECTS"));
  TEST_ASSERT_TRUE(g_out.contains("0x80-0x80"));  // the bitmap's grant, and the capability
  TEST_ASSERT_TRUE(g_out.contains("TSS I/O SLOTS"));
  TEST_ASSERT_TRUE(g_out.widest_line() <= 80);
  char* ports_extra[] = {ports, extra};
  TEST_ASSERT_STATUS_VALUE(Status::kInvalidArgument, run_command("ports", 2, ports_extra));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_tasks_show_this_task_and_init);
  RUN_TEST(test_threads_show_cpu_priority_and_affinity);
  RUN_TEST(test_spawned_task_appears_and_disappears);
  RUN_TEST(test_own_caps_match_cap_identify_with_parents);
  RUN_TEST(test_io_bitmap_sharers_sequence_and_tss_slots);
  RUN_TEST(test_cpus);
  RUN_TEST(test_bad_inputs_get_their_codes);
  RUN_TEST(test_shell_commands);
  return UNITY_END();
}
