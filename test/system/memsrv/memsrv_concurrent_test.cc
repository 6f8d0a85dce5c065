// Many requests to the memory server at once (docs/memory-server.md, "Workers"): this client runs
// one thread per CPU, each pinned there, and all start together; each allocates a few pages
// (placed by memsrv), checks they are zeroed, writes its own pattern, reads it back, protects the
// pages read-only, reads them again, and frees them, many times over. Two copies of the program
// run at once (memsrv_concurrent_test.manifest; the second, `plain`, reports in one log line), so
// memsrv's workers serve two clients on four CPUs. Afterwards this client holds nothing; memsrv's
// stop line (the boot requires it) says the pool's free count is back at its start. While the
// threads churn, one more thread keeps asking memsrv for its invariant check (kCheck: the pool's
// counts, the reverse map against every client's page tables through vm_lookup), and every check
// must pass, mid-churn and after.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/vm_op.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kMemory = 3;  // memory=3 in the manifest
constexpr uint32_t kMaxThreads = 8;
constexpr uint32_t kRounds = 40;
constexpr uint32_t kMaxPages = 4;  // per allocation: 4 threads x 4 pages stay far below the quota

struct Churn {
  uint32_t index = 0;
  const std::atomic<uint32_t>* go = nullptr;
  uint32_t rounds_done = 0;
  uint32_t bad_words = 0;  // a word that was not zero first, or not what was written
  Status error = Status::kOk;
  uint32_t error_round = 0;
};

void fail(Churn& c, Status s, uint32_t round) {
  if (c.error == Status::kOk) {
    c.error = s;
    c.error_round = round;
  }
}

void churn(void* arg) {
  Churn& c = *static_cast<Churn*>(arg);
  while (c.go->load(std::memory_order_acquire) == 0) {
    (void)wait_while_equal(*c.go, 0, kWaitForever);
  }
  for (uint32_t round = 0; round < kRounds; ++round) {
    const uint64_t pages = 1 + (round + c.index) % kMaxPages;
    const uint64_t bytes = pages * kPageSize;
    const Result<uint64_t> a = sys::mem::allocate(kMemory, bytes);
    if (a.is_error()) return fail(c, a.status(), round);
    auto* words = reinterpret_cast<volatile uint64_t*>(a.value());
    const uint64_t count = bytes / sizeof(uint64_t);
    const uint64_t tag = (uint64_t{c.index} << 48) | (uint64_t{round} << 32);
    for (uint64_t i = 0; i < count; ++i) c.bad_words += words[i] != 0 ? 1 : 0;
    for (uint64_t i = 0; i < count; ++i) words[i] = tag | i;
    for (uint64_t i = 0; i < count; ++i) c.bad_words += words[i] != (tag | i) ? 1 : 0;
    if (const Status s = sys::mem::protect(kMemory, a.value(), bytes, kVmRead); s != Status::kOk) {
      return fail(c, s, round);
    }
    for (uint64_t i = 0; i < count; ++i) c.bad_words += words[i] != (tag | i) ? 1 : 0;
    if (const Status s = sys::mem::free(kMemory, a.value(), bytes); s != Status::kOk) {
      return fail(c, s, round);
    }
    c.rounds_done = round + 1;
  }
}

// Starts a churn thread per CPU (at most kMaxThreads), lets them go together and waits for all.
// How many ran, or thread start's error.
Result<uint32_t> churn_on_every_cpu(Churn* churns) {
  const uint32_t cpus = sys::online_cpus();
  const uint32_t threads = cpus < kMaxThreads ? cpus : kMaxThreads;
  std::atomic<uint32_t> go{0};
  sys::Thread workers[kMaxThreads];
  Status started = Status::kOk;
  uint32_t running = 0;
  for (; running < threads && started == Status::kOk; ++running) {
    churns[running].index = running;
    churns[running].go = &go;
    sys::ThreadOptions options;
    options.cpu = running;
    started = workers[running].start(churn, &churns[running], options);
  }
  go.store(1, std::memory_order_release);
  wake_waiters(go, ~0u >> 1);
  for (uint32_t i = 0; i < threads; ++i) workers[i].join();
  if (started != Status::kOk) return started;
  return threads;
}

// Calls memsrv's check until `done` is set: how many ran, and the first that did not pass.
struct Checker {
  const std::atomic<uint32_t>* done = nullptr;
  uint32_t checks = 0;
  Status first_failure = Status::kOk;
  uint64_t failed_invariant = 0;
};

void check_until_done(void* arg) {
  Checker& c = *static_cast<Checker*>(arg);
  while (c.done->load(std::memory_order_acquire) == 0) {
    const Result<sys::mem::CheckResult> r = sys::mem::check(kMemory);
    const Status s = r.is_ok() ? r.value().status : r.status();
    if (s != Status::kOk && c.first_failure == Status::kOk) {
      c.first_failure = s;
      c.failed_invariant = r.is_ok() ? r.value().failed : 0;
    }
    ++c.checks;
  }
}

bool all_right(const Churn& c) {
  return c.error == Status::kOk && c.rounds_done == kRounds && c.bad_words == 0;
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_every_cpu_at_once() {
  Churn churns[kMaxThreads];
  std::atomic<uint32_t> done{0};
  Checker checker;
  checker.done = &done;
  sys::Thread check_thread;
  TEST_ASSERT_STATUS(Status::kOk, check_thread.start(check_until_done, &checker));
  const Result<uint32_t> threads = churn_on_every_cpu(churns);
  done.store(1, std::memory_order_release);
  check_thread.join();
  TEST_ASSERT_STATUS(Status::kOk, threads.status());
  TEST_ASSERT_STATUS(Status::kOk, checker.first_failure);
  TEST_ASSERT_EQUAL_UINT64(0, checker.failed_invariant);
  TEST_ASSERT_TRUE(checker.checks >= 1);
  sys::printf("memsrv_concurrent_test: %u checks passed during the churn\n", checker.checks);
  for (uint32_t i = 0; i < threads.value(); ++i) {
    TEST_ASSERT_STATUS(Status::kOk, churns[i].error);
    TEST_ASSERT_EQUAL_UINT32(kRounds, churns[i].rounds_done);
    TEST_ASSERT_EQUAL_UINT32(0, churns[i].bad_words);
  }
}

void test_nothing_held_after() {
  const Result<sys::mem::PoolStats> s = sys::mem::pool_stats(kMemory);
  TEST_ASSERT_STATUS(Status::kOk, s.status());
  TEST_ASSERT_EQUAL_UINT64(0, s.value().my_pages);
}

void test_check_passes_after() {
  const Result<sys::mem::CheckResult> r = sys::mem::check(kMemory);
  TEST_ASSERT_STATUS(Status::kOk, r.status());
  TEST_ASSERT_STATUS(Status::kOk, r.value().status);
  TEST_ASSERT_TRUE(r.value().pages_checked > 0);
}

// `plain`: the same churn, reported in one line instead of Unity's (two copies' Unity summaries
// would interleave on the log, which the harness cannot read).
int main(int argc, char** argv) {
  if (argc > 1 && argv[1][0] == 'p') {
    Churn churns[kMaxThreads];
    const Result<uint32_t> threads = churn_on_every_cpu(churns);
    bool right = threads.is_ok();
    for (uint32_t i = 0; right && i < threads.value(); ++i) right = all_right(churns[i]);
    const Result<sys::mem::PoolStats> s = sys::mem::pool_stats(kMemory);
    right = right && s.is_ok() && s.value().my_pages == 0;
    const Result<sys::mem::CheckResult> check = sys::mem::check(kMemory);
    right = right && check.is_ok() && check.value().status == Status::kOk;
    if (!right) {
      sys::printf("memsrv_concurrent_test: FAILED (%s, first error %s in round %u)\n",
                  status_name(threads.status()), status_name(churns[0].error),
                  churns[0].error_round);
      return 1;
    }
    sys::printf(
        "memsrv_concurrent_test: %u threads x %u rounds, every request and word right, check "
        "passed\n",
        threads.value(), kRounds);
    return 0;
  }
  UNITY_BEGIN();
  RUN_TEST(test_every_cpu_at_once);
  RUN_TEST(test_nothing_held_after);
  RUN_TEST(test_check_passes_after);
  return UNITY_END();
}
