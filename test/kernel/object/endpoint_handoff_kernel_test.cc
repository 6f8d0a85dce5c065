// In-kernel tests of the IPC hand-off (kernel/object/endpoint.h, sched::handoff) when the thread
// handed the CPU is late to get it: a server answers a timed caller and then, before its hand-off
// reaches the caller, pauses (handoff_delay: a virtual CPU descheduled by its host in that window,
// made to happen on purpose) while the caller's deadline passes. The caller must not run before
// the hand-off (the server chose it under the endpoint's lock; its timer must not take it back),
// and nothing the hand-off does may land on a later block of the caller: a spurious wake of an
// unrelated wait, or, when that later block is a call to the same server, two CPUs each waiting
// for the other's thread to leave its CPU for ever (seen in `./portcullis stress`, docs/ipc.md
// "Hand-off targets are claimed").
//
// The server answers with reply_receive, or with reply_receive_short (whose general branch hands
// off the same way when the caller may not run on the server's CPU).
//
// Debug kernels only (the pause is compiled out of release kernels), and two CPUs at least: the
// server and the caller are pinned to different CPUs, so the hand-off queues the caller there.
#include <stdint.h>
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/thread.h"
#include "kernel/sched/handoff_delay.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/wait_queue.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/kernel_test_threads.h"
#include "unity.h"

namespace {

#if PORTCULLIS_LOCK_ORDER

using kernel_test::kGenerousTicks;
using kernel_test::spawn_on;

#define ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint64_t kMs = 1'000'000;
// The caller's deadline: long enough for the server to answer before it (else the exchange is
// tried again), well inside the server's pause, so that the caller's timer fires during it.
constexpr uint64_t kCallerDeadlineNs = 200 * kMs;
constexpr uint64_t kPauseNs = 600 * kMs;
constexpr uint32_t kAttempts = 5;
constexpr int32_t kNoStatus = -1;

// What the caller does after its timed call comes back.
enum class Then : uint8_t {
  kWaitAlone,        // a timed wait on a queue nobody wakes: it must time out
  kCallServerAgain,  // another call to the same server, handed straight to it
};

// How the server answers.
enum class Form : uint8_t { kLong, kShort };

struct Exchange {
  RefPtr<Endpoint> endpoint;
  Then then = Then::kWaitAlone;
  // The server's side.
  std::atomic<uint64_t> pause_starts_ns{0};  // just before the reply_receive that pauses
  std::atomic<int32_t> server_second{kNoStatus};
  // The caller's side.
  std::atomic<int32_t> first_status{kNoStatus};
  uint64_t first_answer = 0;
  std::atomic<uint64_t> first_returned_ns{0};
  std::atomic<int32_t> alone_woken{-1};  // 1 if the lone wait said a wake took it
  std::atomic<int32_t> second_status{kNoStatus};
  uint64_t second_answer = 0;
};
Exchange g_x;

// Both servers: takes the first call and arms the pause for this thread's next hand-off. The
// answer to give is the call's word plus one.
bool receive_first_call(ReplyToken& token, uint64_t& answer_word) {
  IpcPayload m;
  if (g_x.endpoint->receive(m, nullptr, kGenerousTicks, token) != Status::kOk) return false;
  answer_word = m.words[0] + 1;
  handoff_delay::inject(sched::current(), kPauseNs);
  g_x.pause_starts_ns.store(arch::monotonic_ns());
  return true;
}

void server(void*) {
  ReplyToken token;
  IpcPayload answer;
  answer.word_count = 1;
  if (!receive_first_call(token, answer.words[0])) return;
  IpcPayload m;
  // Answers, then waits for the next call handing this CPU to the caller: the pause comes first.
  // With nothing to wait for (kWaitAlone) the receive gives up after 50 ticks.
  const uint64_t ticks = g_x.then == Then::kWaitAlone ? 50 : kGenerousTicks;
  Status s = g_x.endpoint->reply_receive(token, answer, m, nullptr, ticks);
  handoff_delay::inject(nullptr, 0);
  // Nothing to answer: the caller gave up first (a missed window). Serve its next call anyway.
  if (s == Status::kBadState) s = g_x.endpoint->receive(m, nullptr, ticks, token);
  g_x.server_second.store(static_cast<int32_t>(s));
  if (s != Status::kOk) return;
  answer.words[0] = m.words[0] + 1;
  (void)token.reply(answer, nullptr);
}

// reply_receive_short waits for ever: with nothing more to answer (kWaitAlone) the test closes
// the endpoint.
void short_server(void*) {
  ReplyToken token;
  IpcShortMessage answer;
  answer.word_count = 1;
  if (!receive_first_call(token, answer.words[0])) return;
  const Status s = g_x.endpoint->reply_receive_short(token, answer);
  handoff_delay::inject(nullptr, 0);
  g_x.server_second.store(static_cast<int32_t>(s));
  if (s != Status::kOk) return;
  IpcPayload reply;
  reply.word_count = 1;
  reply.words[0] = answer.words[0] + 1;
  (void)token.reply(reply, nullptr);
}

void caller(void*) {
  IpcPayload m;
  m.word_count = 1;
  m.words[0] = 10;
  const Status first =
      g_x.endpoint->call_until(m, nullptr, arch::monotonic_ns() + kCallerDeadlineNs);
  g_x.first_returned_ns.store(arch::monotonic_ns());
  g_x.first_answer = m.words[0];
  g_x.first_status.store(static_cast<int32_t>(first));
  if (g_x.then == Then::kWaitAlone) {
    // Nobody wakes this queue: only a stale hand-off could end the wait early.
    WaitQueue alone;
    WaitQueue::Locked locked(alone);
    g_x.alone_woken.store(alone.block_for(locked, 30) ? 1 : 0);
    return;
  }
  m.word_count = 1;
  m.words[0] = 20;
  const Status second = g_x.endpoint->call(m, nullptr);
  g_x.second_answer = m.words[0];
  g_x.second_status.store(static_cast<int32_t>(second));
}

// Runs one exchange: the server on the second CPU, the caller on the first. False if it missed
// the window: the server was too slow to answer before the caller's deadline (a slow host), so
// there was no hand-off to pause.
bool run_exchange(Then then, Form form) {
  g_x.endpoint = Endpoint::create().release_value();
  g_x.then = then;
  g_x.pause_starts_ns.store(0);
  g_x.server_second.store(kNoStatus);
  g_x.first_status.store(kNoStatus);
  g_x.first_returned_ns.store(0);
  g_x.alone_woken.store(-1);
  g_x.second_status.store(kNoStatus);
  const uint64_t pauses_before = handoff_delay::pauses();
  RefPtr<Thread> s = spawn_on(form == Form::kLong ? server : short_server, nullptr, 1);
  // The server waits as a receiver first, so that the call is handed to it.
  const uint64_t start = arch::timer_ticks();
  while (g_x.endpoint->waiting_receivers() == 0 && arch::timer_ticks() - start < kGenerousTicks) {
    sched::yield();
  }
  TEST_ASSERT_EQUAL_UINT32(1, g_x.endpoint->waiting_receivers());
  RefPtr<Thread> c = spawn_on(caller, nullptr, 0);
  c->join();
  if (form == Form::kShort && then == Then::kWaitAlone) g_x.endpoint->close();
  s->join();
  if (handoff_delay::pauses() == pauses_before &&
      static_cast<Status>(g_x.first_status.load()) == Status::kTimedOut) {
    g_x.endpoint = nullptr;
    return false;
  }
  TEST_ASSERT_EQUAL_UINT64(pauses_before + 1, handoff_delay::pauses());
  // The answer landed before the deadline; the caller ran only once the hand-off reached it.
  ASSERT_STATUS(Status::kOk, static_cast<Status>(g_x.first_status.load()));
  TEST_ASSERT_EQUAL_UINT64(11, g_x.first_answer);
  TEST_ASSERT_TRUE(g_x.first_returned_ns.load() >= g_x.pause_starts_ns.load() + kPauseNs);
  g_x.endpoint = nullptr;
  return true;
}

void run_until_the_window_is_hit(Then then, Form form) {
  uint32_t attempts = 0;
  while (attempts < kAttempts && !run_exchange(then, form)) ++attempts;
  TEST_ASSERT_TRUE_MESSAGE(attempts < kAttempts, "the server never answered before the deadline");
}

void check_deadline_case(Form form) {
  if (arch::online_cpus().count() < 2) TEST_IGNORE_MESSAGE("needs two CPUs");
  run_until_the_window_is_hit(Then::kWaitAlone, form);
  TEST_ASSERT_EQUAL_INT32(0, g_x.alone_woken.load());  // timed out: no stale wake came
  // The long form's receive gave up after its 50 ticks; the short one's ended with the close.
  ASSERT_STATUS(form == Form::kLong ? Status::kTimedOut : Status::kBadState,
                static_cast<Status>(g_x.server_second.load()));
}

void check_call_again_case(Form form) {
  if (arch::online_cpus().count() < 2) TEST_IGNORE_MESSAGE("needs two CPUs");
  run_until_the_window_is_hit(Then::kCallServerAgain, form);
  ASSERT_STATUS(Status::kOk, static_cast<Status>(g_x.server_second.load()));
  ASSERT_STATUS(Status::kOk, static_cast<Status>(g_x.second_status.load()));
  TEST_ASSERT_EQUAL_UINT64(21, g_x.second_answer);
}

void test_a_deadline_during_the_handoff_does_not_take_the_caller_back() {
  check_deadline_case(Form::kLong);
}
void test_a_caller_calling_again_during_the_handoff_is_served() {
  check_call_again_case(Form::kLong);
}
void test_the_short_reply_hands_off_the_same_way() {
  check_deadline_case(Form::kShort);
  check_call_again_case(Form::kShort);
}

#endif  // PORTCULLIS_LOCK_ORDER

int run_endpoint_handoff_kernel_tests() {
  UNITY_BEGIN();
#if PORTCULLIS_LOCK_ORDER
  RUN_TEST(test_a_deadline_during_the_handoff_does_not_take_the_caller_back);
  RUN_TEST(test_a_caller_calling_again_during_the_handoff_is_served);
  RUN_TEST(test_the_short_reply_hands_off_the_same_way);
#endif
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_endpoint_handoff_kernel_tests);
