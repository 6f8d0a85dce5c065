// In-kernel tests of the killable block (WaitQueue::block_killable) and sched::interrupt, which
// Task::kill sends to each thread of the task: an interrupt ends a killable block (with or
// without a timeout) from another CPU and every later one at once, leaves plain blocks alone, and
// never loses a race with the thread on its way into the block (threads cycling through short
// blocks on every CPU, each interrupted at some moment, all end). A wait on the wait table is
// killable too (kBadState). Wakes and timeouts of killable blocks answer as before.
//
// Waits for other threads are bounded in ticks, generously: a failure must be a failed
// assertion, not a hung boot.
#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/wait_queue.h"
#include "kernel/sched/wait_table.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/kernel_test_threads.h"
#include "unity.h"

namespace {

using kernel_test::eventually;
using kernel_test::kGenerousTicks;
using kernel_test::nth_cpu;
using kernel_test::spawn_on;

using BlockEnd = WaitQueue::BlockEnd;

bool exits(const RefPtr<Thread>& t) {
  return eventually([&] { return t->state() == Thread::State::kExited; });
}

// --- one killable block

struct Blocker {
  WaitQueue queue;
  uint64_t timeout_ticks = WaitQueue::kForever;
  bool condition = false;  // under queue's lock
  std::atomic<int> first{-1};
  std::atomic<int> second{-1};
};
Blocker g_b;

// Blocks until the condition holds or the block ends otherwise; then tries once more.
void killable_blocker(void*) {
  WaitQueue::Locked locked(g_b.queue);
  BlockEnd end = BlockEnd::kWoken;
  while (!g_b.condition && end == BlockEnd::kWoken) {
    end = g_b.queue.block_killable(locked, g_b.timeout_ticks);
  }
  g_b.first.store(static_cast<int>(end));
  g_b.second.store(static_cast<int>(g_b.queue.block_killable(locked, g_b.timeout_ticks)));
}

void reset_blocker(uint64_t timeout_ticks) {
  g_b.timeout_ticks = timeout_ticks;
  g_b.condition = false;
  g_b.first.store(-1);
  g_b.second.store(-1);
}

bool blocked_killably(const RefPtr<Thread>& t) {
  return eventually([&] { return t->state() == Thread::State::kBlockedKillable; });
}

void test_interrupt_ends_a_killable_block_and_every_later_one() {
  const uint64_t timeouts[] = {WaitQueue::kForever, kGenerousTicks * 10};
  for (uint64_t timeout : timeouts) {
    reset_blocker(timeout);
    RefPtr<Thread> t = spawn_on(killable_blocker, nullptr, 1);
    TEST_ASSERT_TRUE(blocked_killably(t));
    sched::interrupt(t.get());
    TEST_ASSERT_TRUE(exits(t));
    t->join();
    TEST_ASSERT_TRUE(t->kill_requested());
    TEST_ASSERT_EQUAL_INT(static_cast<int>(BlockEnd::kKilled), g_b.first.load());
    TEST_ASSERT_EQUAL_INT(static_cast<int>(BlockEnd::kKilled), g_b.second.load());
    WaitQueue::Locked locked(g_b.queue);
    TEST_ASSERT_FALSE(g_b.queue.has_waiters());
  }
}

void test_wake_and_timeout_of_a_killable_block() {
  reset_blocker(WaitQueue::kForever);
  RefPtr<Thread> t = spawn_on(killable_blocker, nullptr, 1);
  TEST_ASSERT_TRUE(blocked_killably(t));
  {
    WaitQueue::Locked locked(g_b.queue);
    g_b.condition = true;
    g_b.queue.wake_all_locked();
  }
  // Woken: it leaves its loop, then its second block waits until woken again.
  TEST_ASSERT_TRUE(eventually([] { return g_b.first.load() >= 0; }));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(BlockEnd::kWoken), g_b.first.load());
  TEST_ASSERT_TRUE(blocked_killably(t));
  g_b.queue.wake_all();
  TEST_ASSERT_TRUE(exits(t));
  t->join();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(BlockEnd::kWoken), g_b.second.load());

  reset_blocker(3);
  RefPtr<Thread> timed = spawn_on(killable_blocker, nullptr, 1);
  TEST_ASSERT_TRUE(exits(timed));
  timed->join();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(BlockEnd::kTimedOut), g_b.first.load());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(BlockEnd::kTimedOut), g_b.second.load());
  TEST_ASSERT_FALSE(timed->kill_requested());
}

// --- plain blocks are not killable

struct Plain {
  WaitQueue queue;
  bool go = false;  // under queue's lock
  std::atomic<bool> done{false};
};
Plain g_plain;

void plain_blocker(void*) {
  {
    WaitQueue::Locked locked(g_plain.queue);
    while (!g_plain.go) g_plain.queue.block(locked);
  }
  g_plain.done.store(true);
}

void test_interrupt_leaves_a_plain_block_alone() {
  RefPtr<Thread> t = spawn_on(plain_blocker, nullptr, 1);
  TEST_ASSERT_TRUE(eventually([&] { return t->state() == Thread::State::kBlocked; }));
  sched::interrupt(t.get());
  const uint64_t start = arch::timer_ticks();
  while (arch::timer_ticks() - start < 5) sched::yield();
  TEST_ASSERT_TRUE(t->state() == Thread::State::kBlocked);
  TEST_ASSERT_FALSE(g_plain.done.load());
  {
    WaitQueue::Locked locked(g_plain.queue);
    g_plain.go = true;
    g_plain.queue.wake_all_locked();
  }
  TEST_ASSERT_TRUE(exits(t));
  t->join();
  TEST_ASSERT_TRUE(g_plain.done.load());
}

// --- the race with a thread on its way into the block

constexpr uint32_t kRacers = 8;
struct Race {
  WaitQueue queue;
  std::atomic<uint32_t> rounds[kRacers];
};
Race g_race;

// Short timed blocks over and over, so an interrupt may come at any point of a block.
void racer(void* arg) {
  const auto index = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  for (;;) {
    WaitQueue::Locked locked(g_race.queue);
    if (g_race.queue.block_killable(locked, 1) == BlockEnd::kKilled) return;
    g_race.rounds[index].fetch_add(1, std::memory_order_relaxed);
  }
}

void test_interrupts_racing_with_blocks_are_never_lost() {
  RefPtr<Thread> racers[kRacers];
  for (uint32_t i = 0; i < kRacers; ++i) {
    g_race.rounds[i].store(0);
    racers[i] = spawn_on(racer, reinterpret_cast<void*>(uintptr_t{i}), i + 1);
  }
  for (uint32_t i = 0; i < kRacers; ++i) {
    // A few rounds first, so the interrupt lands somewhere in the cycle.
    TEST_ASSERT_TRUE(eventually([&] { return g_race.rounds[i].load() >= 2; }));
    sched::interrupt(racers[i].get());
  }
  for (uint32_t i = 0; i < kRacers; ++i) {
    TEST_ASSERT_TRUE(exits(racers[i]));
    racers[i]->join();
  }
}

// --- the wait table's wait is killable

uint32_t g_word = 0;
std::atomic<int32_t> g_wait_status{-1};

void word_waiter(void*) {
  const auto read = [](uint64_t address) -> Result<uint32_t> {
    return __atomic_load_n(reinterpret_cast<uint32_t*>(address), __ATOMIC_ACQUIRE);
  };
  const WaitKey key{nullptr, reinterpret_cast<uint64_t>(&g_word)};
  g_wait_status.store(static_cast<int32_t>(WaitTable::global().wait(key, read, 0, kWaitForever)));
}

void test_interrupt_ends_a_wait_table_wait() {
  RefPtr<Thread> t = spawn_on(word_waiter, nullptr, 1);
  TEST_ASSERT_TRUE(blocked_killably(t));
  sched::interrupt(t.get());
  TEST_ASSERT_TRUE(exits(t));
  t->join();
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_wait_status.load());
  // Its record left the bucket: a wake finds nobody.
  TEST_ASSERT_EQUAL_UINT32(
      0, WaitTable::global().wake(WaitKey{nullptr, reinterpret_cast<uint64_t>(&g_word)}, 1));
}

int run_wait_queue_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_interrupt_ends_a_killable_block_and_every_later_one);
  RUN_TEST(test_wake_and_timeout_of_a_killable_block);
  RUN_TEST(test_interrupt_leaves_a_plain_block_alone);
  RUN_TEST(test_interrupts_racing_with_blocks_are_never_lost);
  RUN_TEST(test_interrupt_ends_a_wait_table_wait);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_wait_queue_kernel_tests);
