// In-kernel tests of Endpoint::call_until (kernel/object/endpoint.h), the deadline of
// ipc_call_timed, between kernel threads: a call nobody receives times out no earlier than its
// deadline and leaves nothing queued; a call a server holds times out, and the server's late
// answer goes nowhere (reply answers kOk); an answer before the deadline comes back; a kill and a
// close end a timed call as they end an untimed one.
//
// Waits for other threads are bounded in ticks, generously (8 vCPUs on 2 busy host cores are
// slow): a failure must be a failed assertion, not a hung boot.
#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/kernel_test_threads.h"
#include "unity.h"

namespace {

using kernel_test::eventually;
using kernel_test::kGenerousTicks;
using kernel_test::nth_cpu;
using kernel_test::spawn_on;

constexpr uint64_t kMs = 1'000'000;
constexpr int32_t kNoStatus = -1;

#define ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

// A timed caller on another CPU: call_until(now + timeout_ns) with words[0] = 7.
struct TimedCaller {
  RefPtr<Endpoint> endpoint;
  uint64_t timeout_ns = 0;
  std::atomic<int32_t> status{kNoStatus};
  uint64_t answer_word = 0;
};
TimedCaller g_caller;

void timed_caller(void*) {
  IpcPayload m;
  m.word_count = 1;
  m.words[0] = 7;
  const Status s =
      g_caller.endpoint->call_until(m, nullptr, arch::monotonic_ns() + g_caller.timeout_ns);
  g_caller.answer_word = m.words[0];
  g_caller.status.store(static_cast<int32_t>(s));
}

RefPtr<Thread> start_caller(uint64_t timeout_ns) {
  g_caller.endpoint = Endpoint::create().release_value();
  g_caller.timeout_ns = timeout_ns;
  g_caller.status.store(kNoStatus);
  g_caller.answer_word = 0;
  return spawn_on(timed_caller, nullptr, 1);
}

void test_call_nobody_receives_times_out_at_its_deadline() {
  RefPtr<Endpoint> endpoint = Endpoint::create().release_value();
  IpcPayload m;
  const uint64_t start = arch::monotonic_ns();
  ASSERT_STATUS(Status::kTimedOut, endpoint->call_until(m, nullptr, start + 30 * kMs));
  TEST_ASSERT_TRUE(arch::monotonic_ns() >= start + 30 * kMs);
  TEST_ASSERT_EQUAL_UINT32(0, endpoint->queued_calls());
  // A deadline already past: still queued once, then gone.
  ASSERT_STATUS(Status::kTimedOut, endpoint->call_until(m, nullptr, start));
  TEST_ASSERT_EQUAL_UINT32(0, endpoint->queued_calls());
}

void test_call_a_server_holds_times_out_and_the_answer_goes_nowhere() {
  RefPtr<Thread> t = start_caller(40 * kMs);
  IpcPayload m;
  ReplyToken token;
  ASSERT_STATUS(Status::kOk, g_caller.endpoint->receive(m, nullptr, kGenerousTicks, token));
  TEST_ASSERT_EQUAL_UINT64(7, m.words[0]);
  t->join();  // its deadline passes while this thread holds the call
  ASSERT_STATUS(Status::kTimedOut, static_cast<Status>(g_caller.status.load()));
  TEST_ASSERT_EQUAL_UINT64(7, g_caller.answer_word);  // no answer landed
  TEST_ASSERT_TRUE(token.pending());
  IpcPayload answer;
  answer.word_count = 1;
  answer.words[0] = 8;
  ASSERT_STATUS(Status::kOk, token.reply(answer, nullptr));
  TEST_ASSERT_FALSE(token.pending());
  g_caller.endpoint = nullptr;
}

void test_answer_before_the_deadline_comes_back() {
  RefPtr<Thread> t = start_caller(10'000 * kMs);
  IpcPayload m;
  ReplyToken token;
  ASSERT_STATUS(Status::kOk, g_caller.endpoint->receive(m, nullptr, kGenerousTicks, token));
  IpcPayload answer;
  answer.word_count = 1;
  answer.words[0] = m.words[0] + 1;
  ASSERT_STATUS(Status::kOk, token.reply(answer, nullptr));
  t->join();
  ASSERT_STATUS(Status::kOk, static_cast<Status>(g_caller.status.load()));
  TEST_ASSERT_EQUAL_UINT64(8, g_caller.answer_word);
  g_caller.endpoint = nullptr;
}

void test_kill_ends_a_timed_call() {
  RefPtr<Thread> t = start_caller(10'000 * kMs);
  TEST_ASSERT_TRUE(eventually([] { return g_caller.endpoint->queued_calls() == 1; }));
  TEST_ASSERT_TRUE(eventually([&] { return t->state() == Thread::State::kBlockedKillable; }));
  sched::interrupt(t.get());
  t->join();
  ASSERT_STATUS(Status::kBadState, static_cast<Status>(g_caller.status.load()));
  TEST_ASSERT_EQUAL_UINT32(0, g_caller.endpoint->queued_calls());
  g_caller.endpoint = nullptr;
}

void test_close_ends_a_timed_call() {
  RefPtr<Thread> t = start_caller(10'000 * kMs);
  TEST_ASSERT_TRUE(eventually([] { return g_caller.endpoint->queued_calls() == 1; }));
  g_caller.endpoint->close();
  t->join();
  ASSERT_STATUS(Status::kBadState, static_cast<Status>(g_caller.status.load()));
  TEST_ASSERT_EQUAL_UINT32(0, g_caller.endpoint->queued_calls());
  g_caller.endpoint = nullptr;
}

int run_endpoint_timed_call_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_call_nobody_receives_times_out_at_its_deadline);
  RUN_TEST(test_call_a_server_holds_times_out_and_the_answer_goes_nowhere);
  RUN_TEST(test_answer_before_the_deadline_comes_back);
  RUN_TEST(test_kill_ends_a_timed_call);
  RUN_TEST(test_close_ends_a_timed_call);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_endpoint_timed_call_kernel_tests);
