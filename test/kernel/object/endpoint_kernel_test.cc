// In-kernel tests of IPC endpoints (kernel/object/endpoint.h) between kernel threads: call and
// reply_receive ping-pong across CPUs (exact counts and answers), a capability carried with a
// message (and the answers that refuse one), receive timeouts, dead peers (a closed endpoint wakes
// a blocked receiver and a blocked caller with an error; a dropped ReplyToken fails its caller),
// the non-blocking send with and without a waiting receiver, the one-call-at-a-time rule of a
// token (a new receive drops the call it holds; reply_receive needs one), capabilities in a reply
// (the caller's lowest free slots; kNoSpace keeps the call pending), and killed peers
// (sched::interrupt, as Task::kill sends it): a queued caller leaves its call, a caller being
// served detaches from the server's token, a waiting receiver stops.
//
// Waits for other threads are bounded in ticks, generously (8 vCPUs on 2 busy host cores are
// slow): a failure must be a failed assertion, not a hung boot.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/rights.h"
#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/object/cap_space.h"
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

#define ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

RefPtr<Endpoint> make_endpoint() { return Endpoint::create().release_value(); }

// --- ping-pong across CPUs

constexpr uint32_t kRoundTrips = 1000;

struct PingPong {
  RefPtr<Endpoint> endpoint;
  std::atomic<uint32_t> served{0};
  std::atomic<uint32_t> server_status_errors{0};
};
PingPong g_pp;

// Answers each request with its words plus one, kRoundTrips times, then drops the last token.
void ping_pong_server(void*) {
  ReplyToken token;
  IpcPayload request;
  IpcPayload answer;
  Status s = g_pp.endpoint->receive(request, nullptr, kGenerousTicks, token);
  while (s == Status::kOk) {
    answer.label = request.label;
    answer.word_count = request.word_count;
    for (uint32_t i = 0; i < request.word_count; ++i) answer.words[i] = request.words[i] + 1;
    if (g_pp.served.fetch_add(1) + 1 == kRoundTrips) {
      s = token.reply(answer, nullptr);
      break;
    }
    request = IpcPayload{};
    s = g_pp.endpoint->reply_receive(token, answer, request, nullptr, kGenerousTicks);
  }
  if (s != Status::kOk) g_pp.server_status_errors.fetch_add(1);
}

void test_call_reply_ping_pong_across_cpus() {
  g_pp.endpoint = make_endpoint();
  RefPtr<Thread> server = spawn_on(ping_pong_server, nullptr, 1);
  uint32_t wrong = 0;
  uint32_t failed = 0;
  for (uint32_t i = 0; i < kRoundTrips; ++i) {
    IpcPayload m;
    m.label = i;
    m.word_count = 2;
    m.words[0] = i;
    m.words[1] = 1000 + i;
    if (g_pp.endpoint->call(m, nullptr) != Status::kOk) {
      ++failed;
      break;
    }
    if (m.label != i || m.word_count != 2 || m.words[0] != i + 1 || m.words[1] != 1001 + i) ++wrong;
  }
  server->join();
  TEST_ASSERT_EQUAL_UINT32(0, failed);
  TEST_ASSERT_EQUAL_UINT32(0, wrong);
  TEST_ASSERT_EQUAL_UINT32(kRoundTrips, g_pp.served.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_pp.server_status_errors.load());
  g_pp.endpoint = nullptr;
}

// --- capability transfer

constexpr uint32_t kSenderSlot = 3;
constexpr uint32_t kOfferedSlot = 5;

struct CapTransfer {
  RefPtr<Endpoint> endpoint;
  RefPtr<CapSpace> server_space;
  Status received = Status::kNotSupported;
  IpcPayload request;
};
CapTransfer g_ct;

void cap_receiving_server(void*) {
  ReplyToken token;
  g_ct.request.cap_count = 1;
  g_ct.request.caps[0] = kOfferedSlot;
  g_ct.received =
      g_ct.endpoint->receive(g_ct.request, g_ct.server_space.get(), kGenerousTicks, token);
  IpcPayload answer;
  answer.buffer_bytes = 3;
  answer.buffer[0] = 'o';
  answer.buffer[1] = 'k';
  answer.buffer[2] = '!';
  (void)token.reply(answer, g_ct.server_space.get());
}

void test_capability_travels_with_a_message() {
  g_ct.endpoint = make_endpoint();
  g_ct.server_space = CapSpace::create(8).release_value();
  RefPtr<CapSpace> client_space = CapSpace::create(8).release_value();
  RefPtr<Endpoint> carried = make_endpoint();
  TEST_ASSERT_TRUE(
      client_space->insert(kSenderSlot, CapabilityType::kEndpoint, carried, kCapWrite | kCapGrant)
          .is_ok());
  TEST_ASSERT_TRUE(client_space->insert(4, CapabilityType::kEndpoint, carried, kCapWrite).is_ok());

  // Refused before anything happens: an empty slot, a cap without kCapGrant, too many words.
  IpcPayload bad;
  bad.cap_count = 1;
  bad.caps[0] = 6;
  ASSERT_STATUS(Status::kBadHandle, g_ct.endpoint->call(bad, client_space.get()));
  bad.caps[0] = 4;
  ASSERT_STATUS(Status::kAccessDenied, g_ct.endpoint->call(bad, client_space.get()));
  bad.cap_count = 0;
  bad.word_count = kIpcMessageWords + 1;
  ASSERT_STATUS(Status::kInvalidArgument, g_ct.endpoint->call(bad, client_space.get()));
  TEST_ASSERT_EQUAL_UINT32(0, g_ct.endpoint->queued_calls());

  RefPtr<Thread> server = spawn_on(cap_receiving_server, nullptr, 1);
  IpcPayload m;
  m.label = 77;
  m.cap_count = 1;
  m.caps[0] = kSenderSlot;
  ASSERT_STATUS(Status::kOk, g_ct.endpoint->call(m, client_space.get()));
  server->join();
  ASSERT_STATUS(Status::kOk, g_ct.received);
  TEST_ASSERT_EQUAL_UINT64(77, g_ct.request.label);
  TEST_ASSERT_EQUAL_UINT32(1, g_ct.request.cap_count);
  TEST_ASSERT_EQUAL_UINT32(kOfferedSlot, g_ct.request.caps[0]);
  const Result<CapInfo> info = g_ct.server_space->identify(kOfferedSlot);
  TEST_ASSERT_TRUE(info.is_ok());
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint),
                           static_cast<uint32_t>(info.value().type));
  TEST_ASSERT_EQUAL_UINT32(kCapWrite | kCapGrant, info.value().rights);
  // The reply carried the buffer back; the sender keeps its own capability (a copy travelled).
  TEST_ASSERT_EQUAL_UINT32(3, m.buffer_bytes);
  TEST_ASSERT_EQUAL_UINT8('k', m.buffer[1]);
  TEST_ASSERT_TRUE(client_space->identify(kSenderSlot).is_ok());
  // The copy is the sender's child: revoking the sender's removes it.
  TEST_ASSERT_TRUE(client_space->revoke(kSenderSlot).is_ok());
  TEST_ASSERT_FALSE(g_ct.server_space->identify(kOfferedSlot).is_ok());
  g_ct.endpoint = nullptr;
  g_ct.server_space = nullptr;
}

// --- timeouts

void test_receive_times_out() {
  RefPtr<Endpoint> endpoint = make_endpoint();
  IpcPayload m;
  ReplyToken token;
  ASSERT_STATUS(Status::kTimedOut, endpoint->receive(m, nullptr, 0, token));
  ASSERT_STATUS(Status::kTimedOut, endpoint->receive(m, nullptr, 3, token));
  TEST_ASSERT_FALSE(token.pending());
  TEST_ASSERT_EQUAL_UINT32(0, endpoint->waiting_receivers());
}

// --- dead peers

struct DeadPeer {
  RefPtr<Endpoint> endpoint;
  std::atomic<int32_t> status{-1};
};
DeadPeer g_dead;

void blocked_receiver(void*) {
  IpcPayload m;
  ReplyToken token;
  g_dead.status.store(
      static_cast<int32_t>(g_dead.endpoint->receive(m, nullptr, kIpcWaitForever, token)));
}

void blocked_caller(void*) {
  IpcPayload m;
  g_dead.status.store(static_cast<int32_t>(g_dead.endpoint->call(m, nullptr)));
}

void test_close_wakes_a_blocked_receiver_with_an_error() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_receiver, nullptr, 1);
  TEST_ASSERT_TRUE(eventually([] { return g_dead.endpoint->waiting_receivers() == 1; }));
  g_dead.endpoint->close();
  t->join();
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_dead.status.load());
  IpcPayload m;
  ASSERT_STATUS(Status::kBadState, g_dead.endpoint->call(m, nullptr));
  ASSERT_STATUS(Status::kBadState, g_dead.endpoint->send(m, nullptr));
  g_dead.endpoint = nullptr;
}

void test_close_wakes_a_blocked_caller_with_an_error() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_caller, nullptr, 1);
  TEST_ASSERT_TRUE(eventually([] { return g_dead.endpoint->queued_calls() == 1; }));
  g_dead.endpoint->close();
  t->join();
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_dead.status.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_dead.endpoint->queued_calls());
  g_dead.endpoint = nullptr;
}

void test_server_that_drops_the_call_fails_the_caller() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_caller, nullptr, 1);
  {
    IpcPayload m;
    ReplyToken token;
    ASSERT_STATUS(Status::kOk, g_dead.endpoint->receive(m, nullptr, kGenerousTicks, token));
    TEST_ASSERT_TRUE(token.pending());
  }  // the server "exits": its token goes unanswered
  t->join();
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_dead.status.load());
  g_dead.endpoint = nullptr;
}

// --- non-blocking send

struct SendRun {
  RefPtr<Endpoint> endpoint;
  Status status = Status::kNotSupported;
  bool token_pending = true;
  IpcPayload got;
};
SendRun g_send;

void send_receiver(void*) {
  ReplyToken token;
  g_send.status = g_send.endpoint->receive(g_send.got, nullptr, kGenerousTicks, token);
  g_send.token_pending = token.pending();
}

void test_non_blocking_send() {
  g_send.endpoint = make_endpoint();
  IpcPayload m;
  m.label = 5;
  m.word_count = 1;
  m.words[0] = 0xfeed;
  ASSERT_STATUS(Status::kNotFound, g_send.endpoint->send(m, nullptr));
  TEST_ASSERT_EQUAL_UINT32(0, g_send.endpoint->queued_calls());

  RefPtr<Thread> t = spawn_on(send_receiver, nullptr, 1);
  TEST_ASSERT_TRUE(eventually([] { return g_send.endpoint->waiting_receivers() == 1; }));
  ASSERT_STATUS(Status::kOk, g_send.endpoint->send(m, nullptr));
  t->join();
  ASSERT_STATUS(Status::kOk, g_send.status);
  TEST_ASSERT_FALSE(g_send.token_pending);
  TEST_ASSERT_EQUAL_UINT64(5, g_send.got.label);
  TEST_ASSERT_EQUAL_UINT64(0xfeed, g_send.got.words[0]);
  // The receiver is gone again: the next send finds nobody.
  ASSERT_STATUS(Status::kNotFound, g_send.endpoint->send(m, nullptr));
  g_send.endpoint = nullptr;
}

// --- one call at a time per token

void test_receive_drops_the_call_its_token_holds() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_caller, nullptr, 1);
  IpcPayload m;
  ReplyToken token;
  ASSERT_STATUS(Status::kOk, g_dead.endpoint->receive(m, nullptr, kGenerousTicks, token));
  TEST_ASSERT_TRUE(token.pending());
  ASSERT_STATUS(Status::kTimedOut, g_dead.endpoint->receive(m, nullptr, 0, token));
  TEST_ASSERT_FALSE(token.pending());
  t->join();
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_dead.status.load());
  // With no call to answer, reply_receive refuses before it receives.
  ASSERT_STATUS(Status::kBadState, g_dead.endpoint->reply_receive(token, m, m, nullptr, 0));
  ASSERT_STATUS(Status::kBadState, token.reply(m, nullptr));
  g_dead.endpoint = nullptr;
}

// --- capabilities in a reply

struct ReplyCaps {
  RefPtr<Endpoint> endpoint;
  RefPtr<CapSpace> client_space;
  Status status = Status::kNotSupported;
  IpcPayload message;
};
ReplyCaps g_rc;

void caller_with_a_space(void*) {
  g_rc.message = IpcPayload{};
  g_rc.message.label = 1;
  g_rc.status = g_rc.endpoint->call(g_rc.message, g_rc.client_space.get());
}

void test_reply_capabilities_land_in_the_callers_lowest_free_slots() {
  g_rc.endpoint = make_endpoint();
  g_rc.client_space = CapSpace::create(3).release_value();
  RefPtr<CapSpace> server_space = CapSpace::create(4).release_value();
  RefPtr<Endpoint> carried = make_endpoint();
  TEST_ASSERT_TRUE(
      server_space->insert(2, CapabilityType::kEndpoint, carried, kCapWrite | kCapGrant).is_ok());
  TEST_ASSERT_TRUE(server_space->insert(3, CapabilityType::kEndpoint, carried, kCapWrite).is_ok());
  TEST_ASSERT_TRUE(g_rc.client_space->insert(0, CapabilityType::kEndpoint, carried, 0).is_ok());

  RefPtr<Thread> t = spawn_on(caller_with_a_space, nullptr, 1);
  IpcPayload request;
  ReplyToken token;
  ASSERT_STATUS(Status::kOk,
                g_rc.endpoint->receive(request, server_space.get(), kGenerousTicks, token));
  IpcPayload answer;
  answer.label = 2;
  answer.cap_count = 1;
  answer.caps[0] = 3;  // no kCapGrant: refused, the call stays
  ASSERT_STATUS(Status::kAccessDenied, token.reply(answer, server_space.get()));
  answer.cap_count = 2;
  answer.caps[0] = 2;
  answer.caps[1] = 2;  // two copies, and the caller has two free slots
  TEST_ASSERT_TRUE(g_rc.client_space->insert(2, CapabilityType::kEndpoint, carried, 0).is_ok());
  // Only slot 1 is free now: kNoSpace, nothing left behind, the call still pending.
  ASSERT_STATUS(Status::kNoSpace, token.reply(answer, server_space.get()));
  TEST_ASSERT_TRUE(token.pending());
  TEST_ASSERT_FALSE(g_rc.client_space->identify(1).is_ok());
  TEST_ASSERT_EQUAL_UINT32(2, g_rc.client_space->occupied_count());
  TEST_ASSERT_TRUE(g_rc.client_space->remove(2) == Status::kOk);
  ASSERT_STATUS(Status::kOk, token.reply(answer, server_space.get()));
  TEST_ASSERT_FALSE(token.pending());
  t->join();
  ASSERT_STATUS(Status::kOk, g_rc.status);
  TEST_ASSERT_EQUAL_UINT64(2, g_rc.message.label);
  TEST_ASSERT_EQUAL_UINT32(2, g_rc.message.cap_count);
  TEST_ASSERT_EQUAL_UINT32(1, g_rc.message.caps[0]);
  TEST_ASSERT_EQUAL_UINT32(2, g_rc.message.caps[1]);
  const Result<CapInfo> info = g_rc.client_space->identify(1);
  TEST_ASSERT_TRUE(info.is_ok());
  TEST_ASSERT_EQUAL_UINT32(kCapWrite | kCapGrant, info.value().rights);
  // Children of the server's capability: its revoke takes both.
  TEST_ASSERT_TRUE(server_space->revoke(2).is_ok());
  TEST_ASSERT_EQUAL_UINT32(1, g_rc.client_space->occupied_count());
  g_rc.client_space->check_invariants();
  g_rc.endpoint = nullptr;
  g_rc.client_space = nullptr;
}

// --- killed peers

// Once `t` waits (killably), interrupts it as Task::kill does and waits for its end.
void kill_when_blocked(const RefPtr<Thread>& t) {
  TEST_ASSERT_TRUE(eventually([&] { return t->state() == Thread::State::kBlockedKillable; }));
  sched::interrupt(t.get());
  t->join();
}

void test_killed_caller_leaves_its_queued_call() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_caller, nullptr, 1);
  TEST_ASSERT_TRUE(eventually([] { return g_dead.endpoint->queued_calls() == 1; }));
  kill_when_blocked(t);
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_dead.status.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_dead.endpoint->queued_calls());
  g_dead.endpoint = nullptr;
}

void test_killed_caller_detaches_from_the_server() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_caller, nullptr, 1);
  IpcPayload m;
  ReplyToken token;
  ASSERT_STATUS(Status::kOk, g_dead.endpoint->receive(m, nullptr, kGenerousTicks, token));
  kill_when_blocked(t);  // its stack record is gone: the token must not touch it
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kBadState), g_dead.status.load());
  // The server still owes an answer, which goes nowhere.
  TEST_ASSERT_TRUE(token.pending());
  IpcPayload answer;
  answer.word_count = kIpcMessageWords;
  ASSERT_STATUS(Status::kOk, token.reply(answer, nullptr));
  TEST_ASSERT_FALSE(token.pending());
  g_dead.endpoint = nullptr;
}

void test_killed_receiver_stops_waiting() {
  g_dead.endpoint = make_endpoint();
  g_dead.status.store(-1);
  RefPtr<Thread> t = spawn_on(blocked_receiver, nullptr, 1);
  TEST_ASSERT_TRUE(eventually([] { return g_dead.endpoint->waiting_receivers() == 1; }));
  kill_when_blocked(t);
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kTimedOut), g_dead.status.load());
  TEST_ASSERT_EQUAL_UINT32(0, g_dead.endpoint->waiting_receivers());
  g_dead.endpoint = nullptr;
}

int run_endpoint_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_call_reply_ping_pong_across_cpus);
  RUN_TEST(test_capability_travels_with_a_message);
  RUN_TEST(test_receive_times_out);
  RUN_TEST(test_close_wakes_a_blocked_receiver_with_an_error);
  RUN_TEST(test_close_wakes_a_blocked_caller_with_an_error);
  RUN_TEST(test_server_that_drops_the_call_fails_the_caller);
  RUN_TEST(test_non_blocking_send);
  RUN_TEST(test_receive_drops_the_call_its_token_holds);
  RUN_TEST(test_reply_capabilities_land_in_the_callers_lowest_free_slots);
  RUN_TEST(test_killed_caller_leaves_its_queued_call);
  RUN_TEST(test_killed_caller_detaches_from_the_server);
  RUN_TEST(test_killed_receiver_stops_waiting);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_endpoint_kernel_tests);
