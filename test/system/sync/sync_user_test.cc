// libsys's threads, locks, heap and clock from ring 3 (a module run by test=programs, booted with
// 4 CPUs): a Mutex and a Semaphore keep an unlocked counter exact under 4 threads pinned to the 4
// CPUs; a timed wait ends no earlier than asked on monotonic_ns, which never goes back on any CPU;
// two threads on one CPU keep their own FS base across yields and preemption; the heap hands a
// freed block out again; join waits for the end and gives the stack back; and every error of
// thread_create's priority and CPU words, thread_set_fs_base and thread_yield.
#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/thread_params.h"
#include "abi/portcullis/vm_op.h"
#include "base/thread_annotations.h"
#include "libsys/heap.h"
#include "libsys/mutex.h"
#include "libsys/page_pool.h"
#include "libsys/print.h"
#include "libsys/semaphore.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kCpus = 4;  // the boots that run this program (test/system/SConscript)
constexpr uint64_t kMs = 1'000'000;

// --- a counter kept exact by a lock, from 4 threads pinned to the 4 CPUs
// --------------------------
constexpr uint32_t kIncrements = 3000;

// Read, pause, write: without the lock, two CPUs inside at once lose increments.
void unlocked_increment(volatile uint64_t& counter) {
  const uint64_t value = counter;
  for (int i = 0; i < 8; ++i) __builtin_ia32_pause();
  counter = value + 1;
}

struct MutexCount {
  sys::Mutex mutex;
  volatile uint64_t counter = 0;
};

void count_under_mutex(void* arg) {
  auto* shared = static_cast<MutexCount*>(arg);
  for (uint32_t i = 0; i < kIncrements; ++i) {
    sys::MutexGuard guard(shared->mutex);
    unlocked_increment(shared->counter);
  }
}

struct SemaphoreCount {
  Semaphore semaphore{1};
  volatile uint64_t counter = 0;
};

void count_under_semaphore(void* arg) {
  auto* shared = static_cast<SemaphoreCount*>(arg);
  for (uint32_t i = 0; i < kIncrements; ++i) {
    shared->semaphore.down();
    unlocked_increment(shared->counter);
    shared->semaphore.up();
  }
}

void run_pinned(sys::Thread::Function function, void* arg) {
  sys::Thread threads[kCpus];
  for (uint32_t cpu = 0; cpu < kCpus; ++cpu) {
    sys::ThreadOptions options;
    options.cpu = cpu;
    TEST_ASSERT_STATUS(Status::kOk, threads[cpu].start(function, arg, options));
  }
  for (sys::Thread& t : threads) t.join();
}

void test_mutex_keeps_a_counter_exact_on_4_cpus() {
  MutexCount shared;
  const uint64_t start = monotonic_ns();
  run_pinned(count_under_mutex, &shared);
  sys::printf("sync_user_test: %u mutex increments on %u cpus in %lu ms\n", kCpus * kIncrements,
              kCpus, (monotonic_ns() - start) / kMs);
  TEST_ASSERT_EQUAL_UINT64(uint64_t{kCpus} * kIncrements, shared.counter);
  TEST_ASSERT_FALSE(shared.mutex.is_locked());
}

void test_semaphore_keeps_a_counter_exact_on_4_cpus() {
  SemaphoreCount shared;
  run_pinned(count_under_semaphore, &shared);
  TEST_ASSERT_EQUAL_UINT64(uint64_t{kCpus} * kIncrements, shared.counter);
  TEST_ASSERT_EQUAL_UINT32(1, shared.semaphore.count());
}

// Takes the lock twice on purpose: the analysis would (rightly) refuse that anywhere else.
void test_mutex_try_lock() NO_THREAD_SAFETY_ANALYSIS {
  sys::Mutex mutex;
  TEST_ASSERT_TRUE(mutex.try_lock());
  TEST_ASSERT_FALSE(mutex.try_lock());
  mutex.unlock();
  TEST_ASSERT_TRUE(mutex.try_lock());
  mutex.unlock();
}

// --- time
// ----------------------------------------------------------------------------------------- Only a
// lower bound is checked: a loaded host may stretch any wait.
void test_timed_waits_end_no_earlier_than_asked() {
  const uint64_t asked[] = {1, 3 * kMs, 10 * kMs, 25 * kMs};
  for (uint64_t timeout : asked) {
    Semaphore empty(0);
    const uint64_t start = monotonic_ns();
    TEST_ASSERT_STATUS(Status::kTimedOut, empty.down_until(start + timeout));
    TEST_ASSERT_GREATER_OR_EQUAL_UINT64(timeout, monotonic_ns() - start);
    // The raw call too: its timeout is measured on the same clock.
    std::atomic<uint32_t> word{5};
    const uint64_t raw_start = monotonic_ns();
    TEST_ASSERT_STATUS(Status::kTimedOut, sys_wait_while_equal(&word, 5, timeout).status);
    TEST_ASSERT_GREATER_OR_EQUAL_UINT64(timeout, monotonic_ns() - raw_start);
  }
}

// Every thread checks that the clock is never below a value any thread published before it read
// the clock (so a CPU behind another fails), and never below its own last reading.
constexpr uint32_t kClockReads = 20000;
std::atomic<uint64_t> g_published_ns{0};
std::atomic<uint32_t> g_clock_regressions{0};

void read_clock(void*) {
  uint64_t last = 0;
  for (uint32_t i = 0; i < kClockReads; ++i) {
    const uint64_t published = g_published_ns.load(std::memory_order_acquire);
    const SyscallResult now = sys_monotonic_ns();
    if (now.status != Status::kOk || now.extra < published || now.extra < last) {
      g_clock_regressions.fetch_add(1, std::memory_order_relaxed);
    }
    last = now.extra;
    uint64_t seen = published;
    while (seen < last && !g_published_ns.compare_exchange_weak(seen, last)) {
    }
  }
}

void test_monotonic_ns_never_goes_back_on_any_cpu() {
  const uint64_t before = monotonic_ns();
  run_pinned(read_clock, nullptr);
  TEST_ASSERT_EQUAL_UINT32(0, g_clock_regressions.load());
  TEST_ASSERT_TRUE(monotonic_ns() > before);  // and it moves
}

// --- FS base
// ---------------------------------------------------------------------------------------- A
// thread-local block the way a TLS ABI has it: its first word points at itself.
struct ThreadBlock {
  ThreadBlock* self;
  uint64_t id;
  uint32_t mismatches;
};

uint64_t read_fs_word(uint64_t offset) {
  uint64_t value;
  asm volatile("movq %%fs:(%1), %0" : "=r"(value) : "r"(offset));
  return value;
}

constexpr uint32_t kFsRounds = 2000;

void keep_fs_base(void* arg) {
  auto* block = static_cast<ThreadBlock*>(arg);
  block->self = block;
  if (sys_thread_set_fs_base(block).status != Status::kOk) {
    block->mismatches = ~0u;
    return;
  }
  for (uint32_t round = 0; round < kFsRounds; ++round) {
    if (read_fs_word(0) != reinterpret_cast<uint64_t>(block) || read_fs_word(8) != block->id) {
      ++block->mismatches;
    }
    // Every 16th round runs long (preempted now and then); the others yield to the partner.
    if (round % 16 == 0) {
      for (int i = 0; i < 20000; ++i) __builtin_ia32_pause();
    } else if (sys_thread_yield().status != Status::kOk) {
      ++block->mismatches;
    }
  }
}

void test_fs_base_is_each_threads_own() {
  ThreadBlock blocks[2] = {{nullptr, 0x1111, 0}, {nullptr, 0x2222, 0}};
  {
    sys::Thread threads[2];
    sys::ThreadOptions same_cpu;
    same_cpu.cpu = 1;  // one CPU, so the two switch with each other
    for (uint32_t i = 0; i < 2; ++i) {
      TEST_ASSERT_STATUS(Status::kOk, threads[i].start(keep_fs_base, &blocks[i], same_cpu));
    }
  }
  TEST_ASSERT_EQUAL_UINT32(0, blocks[0].mismatches);
  TEST_ASSERT_EQUAL_UINT32(0, blocks[1].mismatches);
}

void test_thread_set_fs_base_errors() {
  static ThreadBlock mine{nullptr, 0x3333, 0};
  mine.self = &mine;
  TEST_ASSERT_STATUS(Status::kOk, sys_thread_set_fs_base(&mine).status);
  const uint64_t refused[] = {kUserTop,
                              kUserTop + 0x1000,
                              0x0000'8000'0000'0000,
                              0xFFFF'8000'0000'0000,
                              0xFFFF'FFFF'8000'0000,
                              ~uint64_t{0}};
  for (uint64_t base : refused) {
    TEST_ASSERT_STATUS(Status::kAccessDenied, sys_thread_set_fs_base(base).status);
    TEST_ASSERT_EQUAL_UINT64(reinterpret_cast<uint64_t>(&mine), read_fs_word(0));  // unchanged
  }
  // The last user page is an address like any other, and 0 means no block.
  TEST_ASSERT_STATUS(Status::kOk, sys_thread_set_fs_base(kUserTop - 8).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_thread_set_fs_base(0).status);
}

void test_thread_yield_returns() {
  for (int i = 0; i < 10; ++i) TEST_ASSERT_STATUS(Status::kOk, sys_thread_yield().status);
}

// Two threads pinned to one CPU take turns, each yielding until the turn is its own: with yield
// handing the CPU to the peer, every turn is a yield round trip (two syscalls, two switches), and
// the first thread times them (TSC ticks; guest instructions under QEMU -icount).
constexpr uint32_t kTurns = 201;
struct Turns {
  std::atomic<uint32_t> turn{0};  // 2 * round + which thread
  uint64_t round_trip_ticks[kTurns];
  std::atomic<uint32_t> yield_errors{0};
};

void take_turns(Turns& t, uint32_t which) {
  for (uint32_t round = 0; round < kTurns; ++round) {
    const uint64_t start = __builtin_ia32_rdtsc();
    while (t.turn.load(std::memory_order_acquire) != 2 * round + which) {
      if (sys_thread_yield().status != Status::kOk) t.yield_errors.fetch_add(1);
    }
    if (which == 0) t.round_trip_ticks[round] = __builtin_ia32_rdtsc() - start;
    t.turn.fetch_add(1, std::memory_order_release);
  }
}

void test_yield_hands_the_cpu_to_a_peer() {
  static Turns turns;
  sys::Thread peer;
  sys::ThreadOptions cpu3;
  cpu3.cpu = 3;
  TEST_ASSERT_STATUS(
      Status::kOk,
      peer.start([](void* arg) { take_turns(*static_cast<Turns*>(arg), 1); }, &turns, cpu3));
  sys::Thread first;
  TEST_ASSERT_STATUS(
      Status::kOk,
      first.start([](void* arg) { take_turns(*static_cast<Turns*>(arg), 0); }, &turns, cpu3));
  first.join();
  peer.join();
  TEST_ASSERT_EQUAL_UINT32(2 * kTurns, turns.turn.load());
  TEST_ASSERT_EQUAL_UINT32(0, turns.yield_errors.load());
  // The median of the rounds after the first (which waits for the peer to start).
  uint64_t* t = turns.round_trip_ticks + 1;
  const uint32_t n = kTurns - 1;
  for (uint32_t i = 1; i < n; ++i) {
    for (uint32_t j = i; j > 0 && t[j - 1] > t[j]; --j) {
      const uint64_t swap = t[j];
      t[j] = t[j - 1];
      t[j - 1] = swap;
    }
  }
  sys::printf(
      "sync_user_test: thread_yield round trip between two threads on one cpu: %lu ticks "
      "median of %u\n",
      t[n / 2], n);
}

// --- thread_create's priority and CPU
// ---------------------------------------------------------------
constexpr uint32_t kFreeSlot = 50;

SyscallResult create(uint64_t space_slot, uint64_t priority, uint64_t cpu, uint64_t target) {
  alignas(16) static uint8_t never_used_stack[256];
  return sys_thread_create(space_slot, reinterpret_cast<uint64_t>(&test_thread_yield_returns),
                           reinterpret_cast<uint64_t>(never_used_stack + sizeof never_used_stack),
                           target, priority, cpu);
}

void test_thread_create_priority_and_cpu_errors() {
  const uint32_t any = kThreadCpuAny;
  const uint32_t prio = kThreadPriorityDefault;
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     create(kSlotSelfAddressSpace, kThreadPriorityCount, any, kFreeSlot).status);
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     create(kSlotSelfAddressSpace, ~uint64_t{0}, any, kFreeSlot).status);
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     create(kSlotSelfAddressSpace, uint64_t{1} << 32, any, kFreeSlot).status);
  // More urgent than the calling thread (which runs at the default).
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     create(kSlotSelfAddressSpace, prio + 1, any, kFreeSlot).status);
  TEST_ASSERT_STATUS(
      Status::kAccessDenied,
      create(kSlotSelfAddressSpace, kThreadPriorityCount - 1, any, kFreeSlot).status);
  // CPUs: past the last online one, past the CPU set (64 and 65 once passed as CPUs 0 and 1: a
  // shift by 64 or more wraps on x86), past 32 bits, or the word just below "any".
  const uint64_t bad_cpus[] = {kCpus,       63, 64, 65, 64 + kCpus - 1, any - 1, uint64_t{1} << 32,
                               ~uint64_t{0}};
  for (uint64_t cpu : bad_cpus) {
    TEST_ASSERT_STATUS(Status::kInvalidArgument,
                       create(kSlotSelfAddressSpace, prio, cpu, kFreeSlot).status);
  }
  // The words are checked before the capability: an empty space slot still answers them.
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     create(kFreeSlot + 1, kThreadPriorityCount, any, kFreeSlot).status);
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     create(kFreeSlot + 1, prio, kCpus, kFreeSlot).status);
  TEST_ASSERT_STATUS(Status::kBadHandle, create(kFreeSlot + 1, prio, any, kFreeSlot).status);
  // Nothing was left in the target slot.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(kFreeSlot).status);
}

std::atomic<uint32_t> g_low_priority_ran{0};
void mark_ran(void* arg) { static_cast<std::atomic<uint32_t>*>(arg)->store(1); }

void test_thread_create_accepts_every_level_up_to_its_own_and_every_cpu() {
  // kCapSlotAny: the slot used comes back (sys::Thread relies on it).
  for (uint32_t priority = 0; priority <= kThreadPriorityDefault; priority += 4) {
    for (uint32_t cpu = 0; cpu <= kCpus; ++cpu) {
      sys::Thread t;
      sys::ThreadOptions options;
      options.priority = priority;
      options.cpu = cpu == kCpus ? kThreadCpuAny : cpu;
      std::atomic<uint32_t> ran{0};
      TEST_ASSERT_STATUS(Status::kOk, t.start(mark_ran, &ran, options));
      t.join();
      TEST_ASSERT_EQUAL_UINT32(1, ran.load());
    }
  }
}

// --- join
// ---------------------------------------------------------------------------------------------
struct Sleeper {
  uint64_t until_ns;
  std::atomic<uint32_t> done{0};
};

void sleep_then_mark(void* arg) {
  auto* s = static_cast<Sleeper*>(arg);
  Semaphore never(0);
  (void)never.down_until(s->until_ns);
  s->done.store(1, std::memory_order_release);
}

void test_join_waits_for_the_end_and_returns_the_stack() {
  const size_t free_before = sys::free_page_count();
  Sleeper sleeper{monotonic_ns() + 20 * kMs};
  sys::Thread t;
  TEST_ASSERT_STATUS(Status::kOk, t.start(sleep_then_mark, &sleeper));
  TEST_ASSERT_TRUE(t.joinable());
  TEST_ASSERT_STATUS(Status::kBadState, t.start(sleep_then_mark, &sleeper));  // one at a time
  TEST_ASSERT_EQUAL_size_t(free_before - 5, sys::free_page_count());          // 4 + the guard
  t.join();
  TEST_ASSERT_EQUAL_UINT32(1, sleeper.done.load(std::memory_order_acquire));
  TEST_ASSERT_GREATER_OR_EQUAL_UINT64(sleeper.until_ns, monotonic_ns());
  TEST_ASSERT_FALSE(t.joinable());
  t.join();  // nothing to join: returns
  TEST_ASSERT_EQUAL_size_t(free_before, sys::free_page_count());
  // The same object starts another thread; the destructor joins it.
  {
    sys::Thread again;
    Sleeper quick{0};
    TEST_ASSERT_STATUS(Status::kOk, again.start(sleep_then_mark, &quick));
  }
  TEST_ASSERT_EQUAL_size_t(free_before, sys::free_page_count());
}

void test_thread_start_without_memory_leaves_nothing() {
  const size_t free_before = sys::free_page_count();
  sys::Thread t;
  sys::ThreadOptions huge;
  huge.stack_pages = kInitialFramesPages;  // plus the guard: more than the pool holds
  TEST_ASSERT_STATUS(Status::kNoMemory, t.start(mark_ran, &g_low_priority_ran, huge));
  sys::ThreadOptions bad_cpu;
  bad_cpu.cpu = kCpus;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, t.start(mark_ran, &g_low_priority_ran, bad_cpu));
  TEST_ASSERT_FALSE(t.joinable());
  TEST_ASSERT_EQUAL_size_t(free_before, sys::free_page_count());
}

// --- heap
// -----------------------------------------------------------------------------------------------
void test_heap_reuses_a_freed_block() {
  void* a = sys::heap::allocate(24);
  TEST_ASSERT_NOT_NULL(a);
  TEST_ASSERT_EQUAL_UINT64(0, reinterpret_cast<uint64_t>(a) % sys::heap::kAlignment);
  void* b = sys::heap::allocate(24);
  TEST_ASSERT_NOT_NULL(b);
  TEST_ASSERT_TRUE(a != b);
  sys::heap::free(a);
  TEST_ASSERT_EQUAL_PTR(a, sys::heap::allocate(20));  // the same class: the block just freed
  sys::heap::free(a);
  sys::heap::free(b);
  TEST_ASSERT_NULL(sys::heap::allocate(0));
  sys::heap::free(nullptr);
}

void test_heap_large_blocks_are_pages_given_back() {
  const size_t free_before = sys::free_page_count();
  auto* big = static_cast<uint8_t*>(sys::heap::allocate(3 * kPageSize));
  TEST_ASSERT_NOT_NULL(big);
  TEST_ASSERT_EQUAL_size_t(free_before - 4, sys::free_page_count());  // + the page's header
  for (size_t i = 0; i < 3 * kPageSize; ++i) big[i] = static_cast<uint8_t>(i);
  for (size_t i = 0; i < 3 * kPageSize; ++i)
    TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(i), big[i]);
  sys::heap::free(big);
  TEST_ASSERT_EQUAL_size_t(free_before, sys::free_page_count());
  TEST_ASSERT_EQUAL_PTR(big, sys::heap::allocate(3 * kPageSize));
  sys::heap::free(big);
  TEST_ASSERT_NULL(sys::heap::allocate(kInitialFramesPages * kPageSize));  // more than there is
}

// Four threads allocate, fill, check and free blocks of every class at once.
constexpr uint32_t kHeapRounds = 300;
std::atomic<uint32_t> g_heap_errors{0};

void churn_heap(void* arg) {
  const auto seed = static_cast<uint8_t>(reinterpret_cast<uintptr_t>(arg));
  void* held[8] = {};
  for (uint32_t round = 0; round < kHeapRounds; ++round) {
    const uint32_t i = round % 8;
    const size_t bytes = size_t{16} << i;
    if (held[i] != nullptr) {
      const auto* p = static_cast<const uint8_t*>(held[i]);
      for (size_t k = 0; k < bytes; ++k) {
        if (p[k] != static_cast<uint8_t>(seed + k)) {
          g_heap_errors.fetch_add(1);
          break;
        }
      }
      sys::heap::free(held[i]);
    }
    auto* p = static_cast<uint8_t*>(sys::heap::allocate(bytes));
    if (p == nullptr) {
      g_heap_errors.fetch_add(1);
      held[i] = nullptr;
      continue;
    }
    for (size_t k = 0; k < bytes; ++k) p[k] = static_cast<uint8_t>(seed + k);
    held[i] = p;
  }
  for (void* p : held) sys::heap::free(p);
}

void test_heap_from_4_threads_at_once() {
  sys::Thread threads[kCpus];
  for (uint32_t cpu = 0; cpu < kCpus; ++cpu) {
    sys::ThreadOptions options;
    options.cpu = cpu;
    TEST_ASSERT_STATUS(
        Status::kOk,
        threads[cpu].start(churn_heap, reinterpret_cast<void*>(uintptr_t{cpu * 37}), options));
  }
  for (sys::Thread& t : threads) t.join();
  TEST_ASSERT_EQUAL_UINT32(0, g_heap_errors.load());
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_thread_create_priority_and_cpu_errors);
  RUN_TEST(test_thread_set_fs_base_errors);
  RUN_TEST(test_thread_yield_returns);
  RUN_TEST(test_yield_hands_the_cpu_to_a_peer);
  RUN_TEST(test_mutex_try_lock);
  RUN_TEST(test_heap_reuses_a_freed_block);
  RUN_TEST(test_heap_large_blocks_are_pages_given_back);
  RUN_TEST(test_join_waits_for_the_end_and_returns_the_stack);
  RUN_TEST(test_thread_start_without_memory_leaves_nothing);
  RUN_TEST(test_thread_create_accepts_every_level_up_to_its_own_and_every_cpu);
  RUN_TEST(test_timed_waits_end_no_earlier_than_asked);
  RUN_TEST(test_monotonic_ns_never_goes_back_on_any_cpu);
  RUN_TEST(test_fs_base_is_each_threads_own);
  RUN_TEST(test_mutex_keeps_a_counter_exact_on_4_cpus);
  RUN_TEST(test_semaphore_keeps_a_counter_exact_on_4_cpus);
  RUN_TEST(test_heap_from_4_threads_at_once);
  return UNITY_END();
}
