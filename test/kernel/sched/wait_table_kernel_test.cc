// In-kernel tests of the wait/wake table (kernel/sched/wait_table.h), keyed on kernel addresses:
// the answers that never block; a timed wait that runs out; a wake that finds no waiter; a
// semaphore built on the table guarding a plain counter from threads on every CPU (exact count,
// never two inside); a ping-pong of two threads on different CPUs with untimed-out waits, where a
// lost wake-up would show as a timeout.
#include <stdint.h>
#include <atomic>

#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/object/thread.h"
#include "kernel/sched/wait_table.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/kernel_test_threads.h"
#include "unity.h"

namespace {

using kernel_test::kGenerousTicks;
using kernel_test::nth_cpu;

Result<uint32_t> read_kernel_word(uint64_t address) {
  return reinterpret_cast<const std::atomic<uint32_t>*>(address)->load();
}

WaitKey key_of(const std::atomic<uint32_t>& word) {
  return WaitKey{nullptr, reinterpret_cast<uint64_t>(&word)};
}

Status wait_on(const std::atomic<uint32_t>& word, uint32_t expected, uint64_t ticks) {
  return WaitTable::global().wait(key_of(word), read_kernel_word, expected, ticks);
}

uint32_t wake_on(const std::atomic<uint32_t>& word, uint32_t count) {
  return WaitTable::global().wake(key_of(word), count);
}

RefPtr<Thread> spawn(Thread::Entry entry, void* arg, Affinity affinity) {
  return kernel_test::spawn(entry, arg, kPriorityDefault, affinity);
}

void test_answers_that_never_block() {
  std::atomic<uint32_t> word{7};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadState),
                        static_cast<int>(wait_on(word, 8, 100)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kTimedOut), static_cast<int>(wait_on(word, 7, 0)));
  TEST_ASSERT_EQUAL_UINT32(0, wake_on(word, 1));
  TEST_ASSERT_EQUAL_UINT32(0, wake_on(word, UINT32_MAX));
}

void test_timed_wait_runs_out() {
  std::atomic<uint32_t> word{1};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kTimedOut), static_cast<int>(wait_on(word, 1, 3)));
  TEST_ASSERT_EQUAL_UINT32(0, wake_on(word, 1));  // the timed-out waiter left no record behind
}

// --- a semaphore on the table

struct Semaphore {
  std::atomic<uint32_t> count{1};
  std::atomic<uint32_t> sleepers{0};

  bool down() {
    for (;;) {
      uint32_t c = count.load();
      if (c != 0) {
        if (count.compare_exchange_weak(c, c - 1)) return true;
        continue;
      }
      sleepers.fetch_add(1);
      const Status s = wait_on(count, 0, kGenerousTicks);
      sleepers.fetch_sub(1);
      if (s == Status::kTimedOut) return false;
    }
  }
  void up() {
    count.fetch_add(1);
    if (sleepers.load() != 0) wake_on(count, 1);
  }
};

constexpr uint32_t kSemaphoreRounds = 300;

struct SemaphoreRun {
  Semaphore sem;
  uint32_t guarded = 0;  // only ever touched inside the semaphore
  std::atomic<uint32_t> inside{0};
  std::atomic<uint32_t> overlaps{0};
  std::atomic<uint32_t> timeouts{0};
};
SemaphoreRun g_sem;

void semaphore_worker(void*) {
  for (uint32_t i = 0; i < kSemaphoreRounds; ++i) {
    if (!g_sem.sem.down()) {
      g_sem.timeouts.fetch_add(1);
      return;
    }
    if (g_sem.inside.fetch_add(1) != 0) g_sem.overlaps.fetch_add(1);
    const uint32_t seen = g_sem.guarded;
    for (int spin = 0; spin < 20; ++spin) cpu_relax();  // widen the window a lost update needs
    g_sem.guarded = seen + 1;
    g_sem.inside.fetch_sub(1);
    g_sem.sem.up();
  }
}

void test_semaphore_from_every_cpu_counts_exactly() {
  const uint32_t n = arch::cpu_count() < 2 ? 2 : arch::cpu_count();
  RefPtr<Thread> threads[kMaxCpus > 2 ? kMaxCpus : 2];
  for (uint32_t i = 0; i < n; ++i)
    threads[i] = spawn(semaphore_worker, nullptr, Affinity::pinned(nth_cpu(i)));
  for (uint32_t i = 0; i < n; ++i) threads[i]->join();
  TEST_ASSERT_EQUAL_UINT32(0, g_sem.timeouts.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_sem.overlaps.load());
  TEST_ASSERT_EQUAL_UINT32(n * kSemaphoreRounds, g_sem.guarded);
  TEST_ASSERT_EQUAL_UINT32(1, g_sem.sem.count.load());
}

// --- ping-pong: every wait must be ended by a wake, never by the timeout

constexpr uint32_t kPingPongRounds = 500;

struct PingPong {
  std::atomic<uint32_t> turn{0};  // 0: ping's turn, 1: pong's
  std::atomic<uint32_t> rounds[2] = {};
  std::atomic<uint32_t> timeouts{0};
};
PingPong g_pp;

void ping_pong_player(void* arg) {
  const auto me = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  for (uint32_t i = 0; i < kPingPongRounds; ++i) {
    while (g_pp.turn.load() != me) {
      const Status s = wait_on(g_pp.turn, 1 - me, kGenerousTicks);
      if (s == Status::kTimedOut) {
        g_pp.timeouts.fetch_add(1);
        return;
      }
    }
    g_pp.rounds[me].fetch_add(1);
    g_pp.turn.store(1 - me);
    wake_on(g_pp.turn, 1);
  }
}

void test_ping_pong_across_cpus_loses_no_wake_up() {
  RefPtr<Thread> a =
      spawn(ping_pong_player, reinterpret_cast<void*>(uintptr_t{0}), Affinity::pinned(nth_cpu(0)));
  RefPtr<Thread> b =
      spawn(ping_pong_player, reinterpret_cast<void*>(uintptr_t{1}), Affinity::pinned(nth_cpu(1)));
  a->join();
  b->join();
  TEST_ASSERT_EQUAL_UINT32(0, g_pp.timeouts.load());
  TEST_ASSERT_EQUAL_UINT32(kPingPongRounds, g_pp.rounds[0].load());
  TEST_ASSERT_EQUAL_UINT32(kPingPongRounds, g_pp.rounds[1].load());
}

int run_wait_table_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_answers_that_never_block);
  RUN_TEST(test_timed_wait_runs_out);
  RUN_TEST(test_semaphore_from_every_cpu_counts_exactly);
  RUN_TEST(test_ping_pong_across_cpus_loses_no_wake_up);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_wait_table_kernel_tests);
