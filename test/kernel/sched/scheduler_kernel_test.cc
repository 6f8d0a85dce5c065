// In-kernel tests of threads and the SMP scheduler, on every CPU count the boot tests use: threads
// pinned to different CPUs are inside one window at once; a more urgent thread runs first; two
// spinning threads of one level on one CPU both progress (timer preemption); a pinned thread never
// runs elsewhere; threads queued on one CPU spread to the idle ones; a thread blocked on one CPU is
// woken from another; exit and join give every byte back to the heap; two threads' SSE registers
// never leak into each other or into a new thread.
//
// Waits are bounded in timer ticks the waiting thread sees pass (TickBudget), generously: 8 vCPUs
// on 2 busy host cores are slow, and a failure must be a failed assertion, not a hung boot.
#include <stdint.h>
#include <atomic>

#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/heap.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/wait_queue.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/kernel_test_threads.h"
#include "unity.h"

namespace {

using kernel_test::kGenerousTicks;
using kernel_test::nth_cpu;
using kernel_test::spawn;

// Counts the timer ticks that pass while a thread waits, by its CPU's timer; after a migration the
// first reading on the new CPU counts one tick (the CPUs' counts are not comparable).
class TickBudget {
 public:
  explicit TickBudget(uint64_t ticks) : limit_(ticks) {
    const IrqFlags flags = irq_save_disable();
    cpu_ = arch::current_cpu();
    last_ = arch::timer_ticks();
    irq_restore(flags);
  }
  bool expired() {
    const IrqFlags flags = irq_save_disable();  // both readings from one CPU
    const uint32_t cpu = arch::current_cpu();
    const uint64_t now = arch::timer_ticks();
    irq_restore(flags);
    if (cpu != cpu_) {
      ++seen_;
    } else {
      seen_ += now - last_;
    }
    cpu_ = cpu;
    last_ = now;
    return seen_ >= limit_;
  }

 private:
  uint32_t cpu_;
  uint64_t last_;
  uint64_t seen_ = 0;
  uint64_t limit_;
};

// --- threads on different CPUs at the same time

struct Window {
  uint32_t threads = 0;
  std::atomic<uint32_t> inside{0};
  std::atomic<uint32_t> saw_all{0};
  std::atomic<uint32_t> wrong_cpu{0};
  uint32_t cpu_of[kMaxCpus] = {};
};
Window g_window;

void stay_in_window(void* arg) {
  const auto index = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  if (arch::current_cpu() != g_window.cpu_of[index]) g_window.wrong_cpu.fetch_add(1);
  g_window.inside.fetch_add(1);
  // Nobody leaves before everybody is in: when the last one enters, all are running at once.
  TickBudget budget(kGenerousTicks);
  while (g_window.inside.load() < g_window.threads && !budget.expired()) cpu_relax();
  if (g_window.inside.load() == g_window.threads) g_window.saw_all.fetch_add(1);
}

void test_threads_on_every_cpu_are_running_at_the_same_time() {
  const uint32_t n = arch::cpu_count();
  g_window.threads = n;
  RefPtr<Thread> threads[kMaxCpus];
  for (uint32_t i = 0; i < n; ++i) {
    g_window.cpu_of[i] = nth_cpu(i);
    threads[i] = spawn(stay_in_window, reinterpret_cast<void*>(uintptr_t{i}), kPriorityDefault,
                       Affinity::pinned(nth_cpu(i)));
  }
  for (uint32_t i = 0; i < n; ++i) threads[i]->join();
  TEST_ASSERT_EQUAL_UINT32(n, g_window.saw_all.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_window.wrong_cpu.load());
}

// --- priorities

struct RunLog {
  std::atomic<uint32_t> next{0};
  uint32_t order[4] = {};
};
RunLog g_log;

void log_run(void* arg) {
  g_log.order[g_log.next.fetch_add(1)] = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
}

void test_more_urgent_ready_thread_runs_first() {
  // Both less urgent than this thread and on its CPU: neither runs until it blocks in join, and
  // then the more urgent one, although it was started second.
  g_log.next = 0;
  const Affinity here = Affinity::pinned(arch::current_cpu());
  RefPtr<Thread> low = spawn(log_run, reinterpret_cast<void*>(uintptr_t{1}), 2, here);
  RefPtr<Thread> high = spawn(log_run, reinterpret_cast<void*>(uintptr_t{2}), 5, here);
  TEST_ASSERT_EQUAL_UINT32(0, g_log.next.load());
  low->join();
  high->join();
  TEST_ASSERT_EQUAL_UINT32(2, g_log.next.load());
  TEST_ASSERT_EQUAL_UINT32(2, g_log.order[0]);
  TEST_ASSERT_EQUAL_UINT32(1, g_log.order[1]);

  // More urgent than this thread: it runs before create_kernel returns.
  g_log.next = 0;
  RefPtr<Thread> urgent =
      spawn(log_run, reinterpret_cast<void*>(uintptr_t{3}), kPriorityCount - 1, here);
  TEST_ASSERT_EQUAL_UINT32(1, g_log.next.load());
  urgent->join();
  TEST_ASSERT_EQUAL_UINT32(3, g_log.order[0]);
}

void test_bad_priority_and_cpu_are_refused() {
  TEST_ASSERT_TRUE(
      Thread::create_kernel(log_run, nullptr, kPriorityCount, Affinity::any()).status() ==
      Status::kInvalidArgument);
  TEST_ASSERT_TRUE(
      Thread::create_kernel(log_run, nullptr, 1, Affinity::pinned(kMaxCpus - 1)).status() ==
      Status::kInvalidArgument);
}

// --- round robin within a level (preemption)

struct Spinners {
  std::atomic<uint64_t> count[2];
  std::atomic<uint32_t> gave_up{0};
};
Spinners g_spin;
constexpr uint64_t kSpinTarget = 20000;

void spin_against_peer(void* arg) {
  const auto me = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  TickBudget budget(kGenerousTicks);
  // Never yields: the other one progresses only if the timer takes the CPU from this one.
  while (g_spin.count[me].load() < kSpinTarget || g_spin.count[1 - me].load() < kSpinTarget) {
    g_spin.count[me].fetch_add(1);
    if (budget.expired()) {
      g_spin.gave_up.fetch_add(1);
      return;
    }
  }
}

void test_two_spinning_threads_of_one_level_on_one_cpu_both_progress() {
  g_spin.count[0] = g_spin.count[1] = 0;
  g_spin.gave_up = 0;
  const Affinity cpu = Affinity::pinned(nth_cpu(arch::cpu_count() - 1));
  RefPtr<Thread> a = spawn(spin_against_peer, reinterpret_cast<void*>(uintptr_t{0}), 3, cpu);
  RefPtr<Thread> b = spawn(spin_against_peer, reinterpret_cast<void*>(uintptr_t{1}), 3, cpu);
  a->join();
  b->join();
  TEST_ASSERT_EQUAL_UINT32(0, g_spin.gave_up.load());
  TEST_ASSERT_TRUE(g_spin.count[0].load() >= kSpinTarget);
  TEST_ASSERT_TRUE(g_spin.count[1].load() >= kSpinTarget);
}

// --- affinity and migration

struct Placement {
  std::atomic<uint32_t> violations{0};
  std::atomic<uint32_t> started{0};
  std::atomic<uint64_t> cpus_seen{0};
  uint32_t expected_cpus = 0;
  std::atomic<uint32_t> gave_up{0};
};
Placement g_place;

void stay_pinned(void* arg) {
  const auto cpu = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  for (int round = 0; round < 50; ++round) {
    if (arch::current_cpu() != cpu) g_place.violations.fetch_add(1);
    sched::yield();  // a chance to be moved, every round
  }
}

void wander(void*) {
  g_place.cpus_seen.fetch_or(uint64_t{1} << arch::current_cpu());
  g_place.started.fetch_add(1);
  // Keep the CPU busy until work has reached every CPU (or give up).
  TickBudget budget(kGenerousTicks);
  while (static_cast<uint32_t>(__builtin_popcountll(g_place.cpus_seen.load())) <
         g_place.expected_cpus) {
    g_place.cpus_seen.fetch_or(uint64_t{1} << arch::current_cpu());
    if (budget.expired()) {
      g_place.gave_up.fetch_add(1);
      return;
    }
    cpu_relax();
  }
}

void test_pinned_threads_stay_while_others_move() {
  g_place.violations = 0;
  g_place.cpus_seen = 0;
  g_place.gave_up = 0;
  g_place.expected_cpus = arch::cpu_count();
  const uint32_t n = arch::cpu_count();
  RefPtr<Thread> pinned[kMaxCpus];
  RefPtr<Thread> roaming[kMaxCpus];
  for (uint32_t i = 0; i < n; ++i) {
    pinned[i] = spawn(stay_pinned, reinterpret_cast<void*>(uintptr_t{nth_cpu(i)}),
                      kPriorityDefault - 1, Affinity::pinned(nth_cpu(i)));
    roaming[i] = spawn(wander, nullptr, kPriorityDefault - 1, Affinity::any());
  }
  for (uint32_t i = 0; i < n; ++i) {
    pinned[i]->join();
    roaming[i]->join();
  }
  TEST_ASSERT_EQUAL_UINT32(0, g_place.violations.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_place.gave_up.load());
}

void test_threads_queued_on_one_cpu_spread_to_the_idle_ones() {
  // Every thread is created here, so it waits in this CPU's queue; only idle CPUs taking them
  // away puts one on every CPU, which each waits for.
  g_place.started = 0;
  g_place.cpus_seen = 0;
  g_place.gave_up = 0;
  g_place.expected_cpus = arch::cpu_count();
  const uint32_t n = 2 * arch::cpu_count();
  RefPtr<Thread> threads[2 * kMaxCpus];
  for (uint32_t i = 0; i < n; ++i) {
    threads[i] = spawn(wander, nullptr, kPriorityDefault, Affinity::any());
  }
  for (uint32_t i = 0; i < n; ++i) threads[i]->join();
  TEST_ASSERT_EQUAL_UINT32(n, g_place.started.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_place.gave_up.load());
  TEST_ASSERT_EQUAL_HEX64(arch::online_cpus().bits(), g_place.cpus_seen.load());
}

// --- block and wake across CPUs

struct Rendezvous {
  WaitQueue queue;
  bool ready = false;  // under queue's lock
  std::atomic<bool> sleeper_blocked{false};
  RefPtr<Thread> sleeper;
  std::atomic<uint32_t> woken_on{UINT32_MAX};
  std::atomic<uint32_t> blocked_on{UINT32_MAX};
  std::atomic<uint32_t> wakes{0};
  std::atomic<uint32_t> gave_up{0};
};
Rendezvous g_rv;

void sleep_until_ready(void*) {
  g_rv.blocked_on = arch::current_cpu();
  WaitQueue::Locked locked(g_rv.queue);
  while (!g_rv.ready) g_rv.queue.block(locked);
  g_rv.woken_on = arch::current_cpu();
}

void wake_the_sleeper(void*) {
  TickBudget budget(kGenerousTicks);
  // Wait until the sleeper is really off its CPU, so this is a wake of a blocked thread.
  while (g_rv.sleeper->state() != Thread::State::kBlocked) {
    if (budget.expired()) {
      g_rv.gave_up.fetch_add(1);
      break;
    }
    cpu_relax();
  }
  uint32_t woken;
  {
    WaitQueue::Locked locked(g_rv.queue);
    g_rv.ready = true;
    woken = g_rv.queue.wake_all_locked();
  }
  g_rv.wakes = woken;
}

void test_thread_blocked_on_one_cpu_is_woken_from_another() {
  g_rv.ready = false;
  g_rv.woken_on = g_rv.blocked_on = UINT32_MAX;
  g_rv.gave_up = 0;
  const uint32_t sleeper_cpu = nth_cpu(1), waker_cpu = nth_cpu(2);
  g_rv.sleeper = spawn(sleep_until_ready, nullptr, kPriorityDefault, Affinity::pinned(sleeper_cpu));
  RefPtr<Thread> waker =
      spawn(wake_the_sleeper, nullptr, kPriorityDefault, Affinity::pinned(waker_cpu));
  waker->join();
  g_rv.sleeper->join();
  TEST_ASSERT_EQUAL_UINT32(0, g_rv.gave_up.load());
  TEST_ASSERT_EQUAL_UINT32(1, g_rv.wakes.load());
  TEST_ASSERT_EQUAL_UINT32(sleeper_cpu, g_rv.blocked_on.load());
  TEST_ASSERT_EQUAL_UINT32(sleeper_cpu, g_rv.woken_on.load());
  TEST_ASSERT_TRUE(g_rv.sleeper->state() == Thread::State::kExited);
  g_rv.sleeper = nullptr;
}

// --- many blocks and wakes at once

struct PingPong {
  WaitQueue queue;
  uint32_t turn = 0;       // whose move it is, under queue's lock
  uint32_t moves[2] = {};  // under queue's lock
};
PingPong g_pairs[kMaxCpus];
std::atomic<uint32_t> g_players_done{0};
constexpr uint32_t kMoves = 200;

void play(void* arg) {
  const auto packed = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  PingPong& pair = g_pairs[packed >> 1];
  const uint32_t me = packed & 1;
  for (uint32_t i = 0; i < kMoves; ++i) {
    WaitQueue::Locked locked(pair.queue);
    while (pair.turn != me) pair.queue.block(locked);
    ++pair.moves[me];
    pair.turn = 1 - me;
    pair.queue.wake_all_locked();
  }
  g_players_done.fetch_add(1);
}

void test_pairs_on_every_cpu_hand_the_turn_back_and_forth() {
  // Each move blocks one player and wakes the other: pinned pairs straddle two CPUs, free pairs go
  // wherever the scheduler puts them. A lost wake-up leaves a pair stuck: the bounded wait fails.
  // None is less urgent than this thread, whose yields would otherwise starve those on its CPU.
  const uint32_t n = arch::cpu_count();
  const uint32_t pairs = n < 2 ? 2 : n;
  g_players_done = 0;
  RefPtr<Thread> players[2 * kMaxCpus];
  for (uint32_t p = 0; p < pairs; ++p) {
    g_pairs[p].turn = 0;
    g_pairs[p].moves[0] = g_pairs[p].moves[1] = 0;
    for (uint32_t me = 0; me < 2; ++me) {
      const Affinity where = p % 2 == 0 ? Affinity::pinned(nth_cpu(p + me)) : Affinity::any();
      players[2 * p + me] = spawn(play, reinterpret_cast<void*>(uintptr_t{2 * p + me}),
                                  kPriorityDefault + (p % 3), where);
    }
  }
  TickBudget budget(kGenerousTicks);
  while (g_players_done.load() < 2 * pairs && !budget.expired()) sched::yield();
  TEST_ASSERT_EQUAL_UINT32(2 * pairs, g_players_done.load());
  for (uint32_t i = 0; i < 2 * pairs; ++i) players[i]->join();
  for (uint32_t p = 0; p < pairs; ++p) {
    TEST_ASSERT_EQUAL_UINT32(kMoves, g_pairs[p].moves[0]);
    TEST_ASSERT_EQUAL_UINT32(kMoves, g_pairs[p].moves[1]);
  }
  for (uint32_t cpu : arch::online_cpus()) TEST_ASSERT_EQUAL_UINT32(0, sched::ready_count(cpu));
}

// --- timed blocks

void test_timed_block_gives_up_after_its_ticks() {
  WaitQueue queue;
  WaitQueue::Locked locked(queue);
  TEST_ASSERT_FALSE(queue.block_for(locked, 0));  // nothing to wait for
  const uint64_t start = arch::timer_ticks();     // pinned: one CPU's ticks
  TEST_ASSERT_FALSE(queue.block_for(locked, 5));
  TEST_ASSERT_TRUE(arch::timer_ticks() - start >= 5);
  TEST_ASSERT_FALSE(queue.has_waiters());
}

struct TimedWake {
  WaitQueue queue;
  bool go = false;  // under queue's lock
  std::atomic<uint32_t> result{2};
};
TimedWake g_timed;

void wait_long_for_go(void*) {
  WaitQueue::Locked locked(g_timed.queue);
  bool woken = true;
  while (!g_timed.go && woken) woken = g_timed.queue.block_for(locked, kGenerousTicks);
  g_timed.result = woken ? 1 : 0;
}

void test_wake_before_the_timeout_wins() {
  g_timed.go = false;
  g_timed.result = 2;
  RefPtr<Thread> waiter =
      spawn(wait_long_for_go, nullptr, kPriorityDefault, Affinity::pinned(nth_cpu(1)));
  TickBudget budget(kGenerousTicks);
  while (waiter->state() != Thread::State::kBlocked && !budget.expired()) sched::yield();
  {
    WaitQueue::Locked locked(g_timed.queue);
    g_timed.go = true;
    g_timed.queue.wake_all_locked();
  }
  waiter->join();
  TEST_ASSERT_EQUAL_UINT32(1, g_timed.result.load());
}

struct TimedRace {
  WaitQueue queue;
  std::atomic<uint32_t> woken{0};
  std::atomic<uint32_t> timed_out{0};
  std::atomic<uint32_t> waiters_done{0};
  std::atomic<uint32_t> wakes{0};
  std::atomic<uint32_t> gave_up{0};
  uint32_t waiters = 0;
};
TimedRace g_race;
constexpr uint32_t kTimedBlocks = 60;

void block_briefly_again_and_again(void*) {
  for (uint32_t i = 0; i < kTimedBlocks; ++i) {
    WaitQueue::Locked locked(g_race.queue);
    if (g_race.queue.block_for(locked, 1 + i % 3)) {
      g_race.woken.fetch_add(1);
    } else {
      g_race.timed_out.fetch_add(1);
    }
  }
  g_race.waiters_done.fetch_add(1);
}

void wake_one_again_and_again(void*) {
  TickBudget budget(kGenerousTicks);
  while (g_race.waiters_done.load() < g_race.waiters) {
    g_race.wakes.fetch_add(g_race.queue.wake_one());
    if (budget.expired()) {
      g_race.gave_up.fetch_add(1);
      return;
    }
    for (int i = 0; i < 200; ++i) cpu_relax();
  }
}

void test_wakes_and_timeouts_racing_each_count_once() {
  // Every wake_one that reports a waiter woke exactly one block_for that says so; every other
  // block_for timed out. Waiters on every CPU, two wakers.
  g_race.woken = g_race.timed_out = g_race.waiters_done = g_race.wakes = g_race.gave_up = 0;
  const uint32_t n = arch::cpu_count();
  g_race.waiters = 2 * n;
  RefPtr<Thread> waiters[2 * kMaxCpus];
  for (uint32_t i = 0; i < 2 * n; ++i) {
    waiters[i] = spawn(block_briefly_again_and_again, nullptr, kPriorityDefault,
                       i < n ? Affinity::pinned(nth_cpu(i)) : Affinity::any());
  }
  RefPtr<Thread> wakers[2];
  for (uint32_t i = 0; i < 2; ++i) {
    wakers[i] =
        spawn(wake_one_again_and_again, nullptr, kPriorityDefault, Affinity::pinned(nth_cpu(i)));
  }
  for (RefPtr<Thread>& w : wakers) w->join();
  TEST_ASSERT_EQUAL_UINT32(0, g_race.gave_up.load());
  for (uint32_t i = 0; i < 2 * n; ++i) waiters[i]->join();
  TEST_ASSERT_EQUAL_UINT32(2 * n * kTimedBlocks, g_race.woken.load() + g_race.timed_out.load());
  TEST_ASSERT_EQUAL_UINT32(g_race.wakes.load(), g_race.woken.load());
  WaitQueue::Locked locked(g_race.queue);
  TEST_ASSERT_FALSE(g_race.queue.has_waiters());
}

// --- exit and join free everything

void do_nothing(void*) {}
void exit_early(void*) { thread_exit(); }

void spawn_and_join_a_round() {
  RefPtr<Thread> t[6];
  for (uint32_t i = 0; i < 6; ++i) {
    t[i] = spawn(i % 2 == 0 ? do_nothing : exit_early, nullptr, kPriorityDefault,
                 i < 3 ? Affinity::pinned(nth_cpu(i)) : Affinity::any());
  }
  for (RefPtr<Thread>& thread : t) thread->join();
}

void test_exit_and_join_return_the_heap_to_its_baseline() {
  spawn_and_join_a_round();  // the slab pages the objects use are cached from now on
  // The last reference may be dropped by the CPU the thread exited on, just after join returned.
  TickBudget settle(50);
  while (!settle.expired()) sched::yield();
  const Heap::Stats before = g_kernel_heap.stats();
  for (int round = 0; round < 10; ++round) spawn_and_join_a_round();
  TickBudget budget(kGenerousTicks);
  Heap::Stats after = g_kernel_heap.stats();
  while ((after.live_blocks != before.live_blocks || after.pages != before.pages) &&
         !budget.expired()) {
    sched::yield();
    after = g_kernel_heap.stats();
  }
  TEST_ASSERT_EQUAL_size_t(before.live_blocks, after.live_blocks);
  TEST_ASSERT_EQUAL_size_t(before.pages, after.pages);
  g_kernel_heap.check_invariants();
}

// --- FPU/SSE state is per thread

struct alignas(16) XmmFile {
  uint64_t words[32];  // xmm0..xmm15, two words each
};

void load_xmm(const XmmFile& f) {
  asm volatile(
      "movdqu 0x00(%0), %%xmm0\n movdqu 0x10(%0), %%xmm1\n movdqu 0x20(%0), %%xmm2\n"
      "movdqu 0x30(%0), %%xmm3\n movdqu 0x40(%0), %%xmm4\n movdqu 0x50(%0), %%xmm5\n"
      "movdqu 0x60(%0), %%xmm6\n movdqu 0x70(%0), %%xmm7\n movdqu 0x80(%0), %%xmm8\n"
      "movdqu 0x90(%0), %%xmm9\n movdqu 0xa0(%0), %%xmm10\n movdqu 0xb0(%0), %%xmm11\n"
      "movdqu 0xc0(%0), %%xmm12\n movdqu 0xd0(%0), %%xmm13\n movdqu 0xe0(%0), %%xmm14\n"
      "movdqu 0xf0(%0), %%xmm15\n" ::"r"(&f)
      : "memory");
}

void store_xmm(XmmFile* f) {
  asm volatile(
      "movdqu %%xmm0, 0x00(%0)\n movdqu %%xmm1, 0x10(%0)\n movdqu %%xmm2, 0x20(%0)\n"
      "movdqu %%xmm3, 0x30(%0)\n movdqu %%xmm4, 0x40(%0)\n movdqu %%xmm5, 0x50(%0)\n"
      "movdqu %%xmm6, 0x60(%0)\n movdqu %%xmm7, 0x70(%0)\n movdqu %%xmm8, 0x80(%0)\n"
      "movdqu %%xmm9, 0x90(%0)\n movdqu %%xmm10, 0xa0(%0)\n movdqu %%xmm11, 0xb0(%0)\n"
      "movdqu %%xmm12, 0xc0(%0)\n movdqu %%xmm13, 0xd0(%0)\n movdqu %%xmm14, 0xe0(%0)\n"
      "movdqu %%xmm15, 0xf0(%0)\n" ::"r"(f)
      : "memory");
}

struct FpuRun {
  std::atomic<uint32_t> mismatches{0};
  std::atomic<uint32_t> rounds_done[2];
  std::atomic<uint32_t> nonzero_at_start{0};
};
FpuRun g_fpu;
constexpr uint32_t kFpuRounds = 40;

void keep_xmm(void* arg) {
  const auto me = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  XmmFile fresh;
  store_xmm(&fresh);  // a new thread's registers are its own: all zero
  for (uint64_t w : fresh.words) {
    if (w != 0) g_fpu.nonzero_at_start.fetch_add(1);
  }
  XmmFile mine, seen;
  for (uint32_t round = 0; round < kFpuRounds; ++round) {
    for (uint32_t i = 0; i < 32; ++i) {
      mine.words[i] = (uint64_t{me + 1} << 56) | (uint64_t{round} << 32) | (i * 0x01010101u);
    }
    load_xmm(mine);
    // The other thread runs in between (same CPU, same level): on a yield, and on preemption
    // while this one spins through a timer tick with interrupts on.
    sched::yield();
    TickBudget spin(1);
    while (!spin.expired()) cpu_relax();
    store_xmm(&seen);
    for (uint32_t i = 0; i < 32; ++i) {
      if (seen.words[i] != mine.words[i]) g_fpu.mismatches.fetch_add(1);
    }
    g_fpu.rounds_done[me].fetch_add(1);
  }
}

void test_sse_registers_never_leak_between_threads() {
  g_fpu.mismatches = 0;
  g_fpu.nonzero_at_start = 0;
  g_fpu.rounds_done[0] = g_fpu.rounds_done[1] = 0;
  const Affinity cpu = Affinity::pinned(nth_cpu(1));
  RefPtr<Thread> a = spawn(keep_xmm, reinterpret_cast<void*>(uintptr_t{0}), 4, cpu);
  RefPtr<Thread> b = spawn(keep_xmm, reinterpret_cast<void*>(uintptr_t{1}), 4, cpu);
  a->join();
  b->join();
  TEST_ASSERT_EQUAL_UINT32(kFpuRounds, g_fpu.rounds_done[0].load());
  TEST_ASSERT_EQUAL_UINT32(kFpuRounds, g_fpu.rounds_done[1].load());
  TEST_ASSERT_EQUAL_UINT32(0, g_fpu.mismatches.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_fpu.nonzero_at_start.load());
}

int run_scheduler_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_threads_on_every_cpu_are_running_at_the_same_time);
  RUN_TEST(test_more_urgent_ready_thread_runs_first);
  RUN_TEST(test_bad_priority_and_cpu_are_refused);
  RUN_TEST(test_two_spinning_threads_of_one_level_on_one_cpu_both_progress);
  RUN_TEST(test_pinned_threads_stay_while_others_move);
  RUN_TEST(test_threads_queued_on_one_cpu_spread_to_the_idle_ones);
  RUN_TEST(test_thread_blocked_on_one_cpu_is_woken_from_another);
  RUN_TEST(test_pairs_on_every_cpu_hand_the_turn_back_and_forth);
  RUN_TEST(test_timed_block_gives_up_after_its_ticks);
  RUN_TEST(test_wake_before_the_timeout_wins);
  RUN_TEST(test_wakes_and_timeouts_racing_each_count_once);
  RUN_TEST(test_exit_and_join_return_the_heap_to_its_baseline);
  RUN_TEST(test_sse_registers_never_leak_between_threads);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_scheduler_kernel_tests);
