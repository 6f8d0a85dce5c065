// Shared I/O bitmaps (docs/io-ports.md, "Sharing"), with the facts only the kernel sees:
//   - sharing copies nothing: the same object, one more sharer, the same sequence, no COW
//     duplication counted; the first change of a sharer duplicates once, for that sharer only, and
//     the others' object keeps its sequence (it was not touched);
//   - a capability added to an IoBitmap (IoBitmapMembership) opens its ports for every task
//     attached to it; its delete closes them in the bitmap and in a copy a sharer made since;
//   - an attach is refused (kBusy) while the task has an enabled capability of its own;
//   - a revocation racing copy-on-write splits on other CPUs leaves the grant in no copy (copies
//     are made under the registry lock the revocation walks under);
//   - two drivers in ring 3 spinning on port 0x80 on two other CPUs through one shared bitmap:
//   after
//     the delete of the capability added to it returns, neither completes an IN (each one's next
//     faults to its supervisor), and exactly the two CPUs where the bitmap was live were targeted;
//   - every path gives back all its memory and leaves no bitmap behind.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/rights.h"
#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/io_bitmap_membership.h"
#include "kernel/object/io_counters.h"
#include "kernel/object/io_ports_enablement.h"
#include "kernel/object/kernel_object.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/sched/run_queue.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/object/user_task_fixture.h"
#include "unity.h"

namespace {

constexpr uint32_t kRW = kCapRead | kCapWrite;

// A task (no code runs) holding the root IoPorts capability in slot 0.
RefPtr<Task> task_with_root_ports() {
  Result<RefPtr<AddressSpace>> space = AddressSpace::create(FrameGrant{});
  TEST_ASSERT_TRUE(space.is_ok());
  Result<RefPtr<Task>> task = Task::create(space.release_value(), 16);
  TEST_ASSERT_TRUE(task.is_ok());
  TEST_ASSERT_TRUE(task.value()->cap_space().insert_io_ports_root(0).is_ok());
  return task.release_value();
}

void mint(Task& task, uint32_t to, uint64_t base, uint64_t count) {
  TEST_ASSERT_TRUE(
      task.cap_space().mint(0, task.cap_space(), to, kRW | kCapGrant, base, count).is_ok());
}

void check(Status want, Status got) {
  TEST_ASSERT_EQUAL_STRING(status_name(want), status_name(got));
}

int64_t live_bitmaps() {
  return KernelObject::live_counts().by_type[static_cast<uint32_t>(CapabilityType::kIoBitmap)];
}

void test_sharing_copies_nothing_and_a_change_copies_for_the_changer_only() {
  const MemoryInUse before = memory_in_use();
  const int64_t bitmaps_before = live_bitmaps();
  {
    IoCounters counters;
    // Kernel-wide grant ids: a literal one could name a grant of some other live bitmap.
    const uint64_t first = IoBitmap::new_grant_id();
    const uint64_t second = IoBitmap::new_grant_id();
    TaskIoPorts parent;
    TaskIoPorts child;
    TaskIoPorts grandchild;
    TEST_ASSERT_TRUE(parent.enable(first, PortRange{0x80, 1}, counters).is_ok());
    const RefPtr<IoBitmap> original = parent.bitmap();
    const uint64_t sequence = original->sequence();
    check(Status::kOk, child.share_from(parent));
    check(Status::kOk, grandchild.share_from(child));
    TEST_ASSERT_TRUE(child.bitmap() == original);
    TEST_ASSERT_TRUE(grandchild.bitmap() == original);
    TEST_ASSERT_EQUAL_UINT32(3, original->sharer_count());
    TEST_ASSERT_EQUAL_UINT64(sequence, original->sequence());
    TEST_ASSERT_EQUAL_UINT64(0, counters.cow_duplications);
    TEST_ASSERT_EQUAL_INT64(bitmaps_before + 1, live_bitmaps());  // one object for three tasks
    check(Status::kBadState, child.share_from(parent));           // holds one already

    // The child's change: one duplicate, for the child; the others' object is untouched.
    const Result<IoInvalidation> split = child.enable(second, PortRange{0x81, 1}, counters);
    TEST_ASSERT_TRUE(split.is_ok());
    TEST_ASSERT_EQUAL_UINT64(1, counters.cow_duplications);
    TEST_ASSERT_FALSE(child.bitmap() == original);
    TEST_ASSERT_TRUE(parent.bitmap() == original);
    TEST_ASSERT_TRUE(grandchild.bitmap() == original);
    TEST_ASSERT_EQUAL_UINT32(2, original->sharer_count());
    TEST_ASSERT_EQUAL_UINT64(sequence, original->sequence());
    TEST_ASSERT_TRUE(child.allows(0x80, 1) && child.allows(0x81, 1));
    TEST_ASSERT_FALSE(parent.allows(0x81, 1) || grandchild.allows(0x81, 1));
    // A capability's end closes its grant in every bitmap that holds it: `first` is in the
    // original and in the child's copy.
    for (int i = 0; i < 3; ++i) {
      Result<IoInvalidation> r = IoBitmap::revoke_grant_somewhere(first, counters);
      if (i < 2) {
        TEST_ASSERT_TRUE(r.is_ok());
      } else {
        check(Status::kNotFound, r.status());
      }
    }
    TEST_ASSERT_FALSE(parent.allows(0x80, 1) || child.allows(0x80, 1) ||
                      grandchild.allows(0x80, 1));
    TEST_ASSERT_TRUE(child.allows(0x81, 1));
    TEST_ASSERT_EQUAL_UINT64(1, counters.cow_duplications);  // closing copied nothing
    original->check_invariants();
    child.bitmap()->check_invariants();
  }
  TEST_ASSERT_EQUAL_INT64(bitmaps_before, live_bitmaps());
  TEST_ASSERT_TRUE(before == memory_in_use());
}

void test_added_capability_opens_for_sharers_and_its_delete_closes_every_copy() {
  const MemoryInUse before = memory_in_use();
  const int64_t bitmaps_before = live_bitmaps();
  {
    RefPtr<Task> init = task_with_root_ports();
    RefPtr<Task> drivers[2] = {task_with_root_ports(), task_with_root_ports()};
    Result<RefPtr<IoBitmap>> created = IoBitmap::create();
    TEST_ASSERT_TRUE(created.is_ok());
    const RefPtr<IoBitmap> shared = created.release_value();
    shared->add_sharer();  // its capabilities, as io_bitmap_create counts them
    TEST_ASSERT_TRUE(
        init->cap_space().insert(1, CapabilityType::kIoBitmap, shared, kRW | kCapGrant).is_ok());
    mint(*init, 2, 0x60, 1);
    mint(*init, 3, 0x64, 1);
    check(Status::kOk, IoBitmapMembership::add(*init, 1, 2));
    check(Status::kOk, IoBitmapMembership::add(*init, 1, 3));
    check(Status::kAlreadyExists, IoBitmapMembership::add(*init, 1, 2));
    check(Status::kAlreadyExists, IoPortsEnablement::enable(*init, 2));
    TEST_ASSERT_FALSE(init->io_ports().allows(0x60, 1));  // added is not enabled
    IoCounters counters;
    for (RefPtr<Task>& d : drivers) {
      TEST_ASSERT_TRUE(d->io_ports().attach(shared, counters).is_ok());
      TEST_ASSERT_TRUE(d->io_ports().allows(0x60, 1) && d->io_ports().allows(0x64, 1));
    }
    TEST_ASSERT_EQUAL_UINT32(3, shared->sharer_count());
    // Driver 0 enables its own capability: a private copy holding the added grants too.
    mint(*drivers[0], 1, 0x70, 1);
    check(Status::kOk, IoPortsEnablement::enable(*drivers[0], 1));
    TEST_ASSERT_FALSE(drivers[0]->io_ports().bitmap() == shared);
    TEST_ASSERT_TRUE(drivers[1]->io_ports().bitmap() == shared);
    TEST_ASSERT_FALSE(drivers[1]->io_ports().allows(0x70, 1));
    TEST_ASSERT_TRUE(drivers[0]->io_ports().allows(0x60, 1));
    check(Status::kBusy, drivers[0]->io_ports().attach(shared, counters).status());
    // The added capability's delete closes 0x60 in the bitmap and in driver 0's copy.
    check(Status::kOk, init->cap_space().remove(2));
    for (RefPtr<Task>& d : drivers) {
      TEST_ASSERT_FALSE(d->io_ports().allows(0x60, 1));
      TEST_ASSERT_TRUE(d->io_ports().allows(0x64, 1));
    }
    TEST_ASSERT_FALSE(shared->allows(0x60, 1));
    TEST_ASSERT_TRUE(drivers[0]->io_ports().allows(0x70, 1));
    // remove: the same for 0x64, and the capability has no use afterwards.
    check(Status::kOk, IoBitmapMembership::remove(*init, 1, 3));
    TEST_ASSERT_FALSE(drivers[1]->io_ports().allows(0x64, 1));
    TEST_ASSERT_FALSE(drivers[0]->io_ports().allows(0x64, 1));
    check(Status::kOk, IoPortsEnablement::enable(*init, 3));
    shared->check_invariants();
    for (RefPtr<Task>& d : drivers) d->exit();
    init->exit();
  }
  TEST_ASSERT_EQUAL_INT64(bitmaps_before, live_bitmaps());
  TEST_ASSERT_TRUE(before == memory_in_use());
}

// --- a revocation racing copy-on-write splits ------------------------------------------------

constexpr uint32_t kSplitters = 3;

struct SplitRace {
  TaskIoPorts tasks[kSplitters];
  std::atomic<uint32_t> ready{0};
  std::atomic<bool> go{false};
  std::atomic<uint32_t> errors{0};
};
SplitRace* g_race = nullptr;

// Each task enables a port of its own while it shares: a COW split that copies the shared grant.
void split_when_told(void* arg) {
  const auto index = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  g_race->ready.fetch_add(1);
  while (!g_race->go.load()) cpu_relax();
  IoCounters counters;
  const Result<IoInvalidation> split =
      g_race->tasks[index].enable(IoBitmap::new_grant_id(), PortRange{0x70 + index, 1}, counters);
  if (split.is_error()) g_race->errors.fetch_add(1);
}

// The k-th online CPU other than this one, wrapping around.
uint32_t other_cpu(uint32_t k) {
  const uint32_t here = arch::current_cpu();
  uint32_t others[64];
  uint32_t n = 0;
  for (uint32_t cpu : arch::online_cpus()) {
    if (cpu != here && n < 64) others[n++] = cpu;
  }
  return n == 0 ? here : others[k % n];
}

void test_revocation_racing_splits_leaves_the_grant_in_no_copy() {
  if (arch::cpu_count() < 2) TEST_IGNORE_MESSAGE("needs a second CPU");
  const MemoryInUse before = memory_in_use();
  const int64_t bitmaps_before = live_bitmaps();
  for (uint32_t round = 0; round < 40; ++round) {
    SplitRace race;
    g_race = &race;
    Result<RefPtr<IoBitmap>> created = IoBitmap::create();
    TEST_ASSERT_TRUE(created.is_ok());
    RefPtr<IoBitmap> shared = created.release_value();
    shared->add_sharer();
    const uint64_t grant = IoBitmap::new_grant_id();
    check(Status::kOk, shared->add_grant(grant, PortRange{0x60, 1}));
    IoCounters counters;
    for (TaskIoPorts& t : race.tasks) TEST_ASSERT_TRUE(t.attach(shared, counters).is_ok());
    RefPtr<Thread> threads[kSplitters];
    for (uint32_t i = 0; i < kSplitters; ++i) {
      Result<RefPtr<Thread>> t =
          Thread::create_kernel(split_when_told, reinterpret_cast<void*>(uintptr_t{i}),
                                kPriorityDefault, Affinity::pinned(other_cpu(i)));
      TEST_ASSERT_TRUE(t.is_ok());
      threads[i] = t.release_value();
    }
    while (race.ready.load() < kSplitters) cpu_relax();
    race.go.store(true);
    // Spread the revocation over the splits: early rounds start at once, later ones a little late.
    for (uint32_t spin = 0; spin < round * 50; ++spin) cpu_relax();
    uint32_t closed = 0;
    while (IoBitmap::revoke_grant_somewhere(grant, counters).is_ok()) ++closed;
    for (RefPtr<Thread>& t : threads) t->join();
    TEST_ASSERT_EQUAL_UINT32(0, race.errors.load());
    TEST_ASSERT_TRUE(closed >= 1 && closed <= 1 + kSplitters);
    TEST_ASSERT_FALSE(shared->allows(0x60, 1));
    for (uint32_t i = 0; i < kSplitters; ++i) {
      TEST_ASSERT_FALSE(race.tasks[i].allows(0x60, 1));
      TEST_ASSERT_TRUE(race.tasks[i].allows(0x70 + i, 1));
      TEST_ASSERT_FALSE(race.tasks[i].bitmap() == shared);
    }
    g_race = nullptr;
  }
  TEST_ASSERT_EQUAL_INT64(bitmaps_before, live_bitmaps());
  TEST_ASSERT_TRUE(before == memory_in_use());
}

// --- ring-3 drivers on other CPUs ---------------------------------------------------------------

// A driver: count an attempt, then IN from port 0x80, forever.
constexpr uint8_t kSpinOnPort[] = {
    0x48, 0xFF, 0x04, 0x25, 0x08, 0x00, 0x50, 0x00,  // inc qword [0x500008]
    0xE4, 0x80,                                      // in al, 0x80
    0xEB, 0xF4,                                      // jmp back to the inc
};

void test_added_capability_delete_stops_drivers_spinning_on_a_shared_bitmap() {
  using namespace user_task_fixture;
  if (arch::cpu_count() < 3) TEST_IGNORE_MESSAGE("needs two CPUs besides this one");
  const MemoryInUse before = memory_in_use();
  {
    RefPtr<Task> init = task_with_root_ports();
    Result<RefPtr<IoBitmap>> created = IoBitmap::create();
    TEST_ASSERT_TRUE(created.is_ok());
    const RefPtr<IoBitmap> shared = created.release_value();
    shared->add_sharer();
    TEST_ASSERT_TRUE(
        init->cap_space().insert(1, CapabilityType::kIoBitmap, shared, kRW | kCapGrant).is_ok());
    mint(*init, 2, 0x80, 1);
    check(Status::kOk, IoBitmapMembership::add(*init, 1, 2));
    UserTask drivers[2];
    IoCounters unused;
    for (uint32_t i = 0; i < 2; ++i) {
      make_user_task(drivers[i], kSpinOnPort, sizeof kSpinOnPort);
      drivers[i].map_data();
      TEST_ASSERT_TRUE(drivers[i].task->io_ports().attach(shared, unused).is_ok());
      start_user_thread(drivers[i], Affinity::pinned(other_cpu(i)));
    }
    const uint64_t deadline = arch::timer_ticks() + kReceiveTicks;
    for (UserTask& d : drivers) {
      volatile uint64_t* attempts = &d.data()[1];
      while (*attempts < 2000 && arch::timer_ticks() < deadline) cpu_relax();
      TEST_ASSERT_TRUE(*attempts >= 2000);  // it runs, and its IN succeeds
    }

    IoCounters& here = arch::io_counters_here();
    const IrqFlags flags = irq_save_disable();  // the counters of the CPU the delete runs on
    const uint64_t targets_before = here.revocation_targets;
    check(Status::kOk, init->cap_space().remove(2));
    uint64_t after_return[2];
    for (uint32_t i = 0; i < 2; ++i) after_return[i] = drivers[i].data()[1];
    const uint64_t targets = here.revocation_targets - targets_before;
    irq_restore(flags);

    for (uint32_t i = 0; i < 2; ++i) {
      FaultMessage fault;
      ReplyToken token;
      TEST_ASSERT_TRUE(receive_fault(drivers[i], &fault, token));
      // The attempt counted last is the one that faulted: no IN succeeded after the return.
      const uint64_t final_attempts = drivers[i].data()[1];
      TEST_ASSERT_TRUE(final_attempts == after_return[i] || final_attempts == after_return[i] + 1);
      TEST_ASSERT_TRUE(fault.kind == FaultKind::kPort);
      TEST_ASSERT_EQUAL_HEX32(0x80, fault_port(fault.detail));
      answer_fault(token, kFaultReplyKill);
    }
    // The two CPUs that had the shared bitmap live: not a broadcast.
    TEST_ASSERT_EQUAL_UINT64(2, targets);
    for (UserTask& d : drivers) finish_user_task(d);
    init->exit();
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

int run_io_bitmap_sharing_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_sharing_copies_nothing_and_a_change_copies_for_the_changer_only);
  RUN_TEST(test_added_capability_opens_for_sharers_and_its_delete_closes_every_copy);
  RUN_TEST(test_revocation_racing_splits_leaves_the_grant_in_no_copy);
  RUN_TEST(test_added_capability_delete_stops_drivers_spinning_on_a_shared_bitmap);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_io_bitmap_sharing_kernel_tests);
