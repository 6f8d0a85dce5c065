// The short IPC calls from ring 3 (a module run by test=programs in the syscall-user boots, 4
// CPUs): ipc_call_short and ipc_reply_receive_short carry the label and four words in registers
// both ways. Round trips with every word checked, client and server on one CPU (the direct
// switch) and on two (the general hand-off), three clients on three CPUs at once against one
// server; each short side against a long-form partner (ipc_call / ipc_receive with an
// IpcMessage); capabilities never travel with a short message (a long reply carrying some is
// refused with kNoSpace and stays pending); the reply rule (a server that receives again holding
// a call fails its caller with kBadState); and every error docs/syscalls.md lists for the two
// calls. A killed task's thread blocked in either call is test/system/ipc_kill/.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/short_ipc.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint64_t kStop = 0x5707;
constexpr uint32_t kRoundTrips = 2000;

uint32_t new_endpoint() {
  const SyscallResult r = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, r.status);
  return static_cast<uint32_t>(r.extra);
}

// What the echo server answers to a message: label + 1, the words turned round and each + label.
IpcShortMessage expected_answer(const IpcShortMessage& m) {
  IpcShortMessage a;
  a.label = m.label + 1;
  for (uint32_t i = 0; i < kIpcMessageWords; ++i) {
    a.words[i] = m.words[kIpcMessageWords - 1 - i] + m.label;
  }
  return a;
}

struct Server {
  uint32_t endpoint;
  std::atomic<uint32_t> served{0};
  std::atomic<uint32_t> bad_count{0};  // messages whose word count was not 4
  Status end = Status::kOk;
};

// Answers short calls until one labelled kStop, which it answers with ipc_reply_receive and a
// zero timeout (a receive that times out at once: the server can end).
void echo_server(void* arg) {
  auto* s = static_cast<Server*>(arg);
  IpcShortMessage m;
  Status st = sys_ipc_reply_receive_short_message(s->endpoint, m);  // nothing held: receives
  while (st == Status::kOk && m.label != kStop) {
    if (m.word_count != kIpcMessageWords) s->bad_count.fetch_add(1);
    s->served.fetch_add(1);
    m = expected_answer(m);
    st = sys_ipc_reply_receive_short_message(s->endpoint, m);
  }
  if (st != Status::kOk) {
    s->end = st;
    return;
  }
  IpcMessage last;
  last.label = kStop;
  st = sys_ipc_reply_receive(s->endpoint, &last, 0).status;
  s->end = st == Status::kTimedOut ? Status::kOk : st;
}

struct Client {
  uint32_t endpoint;
  uint64_t seed;
  uint32_t wrong = 0;  // answers that were not the expected one
  Status end = Status::kOk;
};

void run_client(Client& c) {
  for (uint32_t i = 0; i < kRoundTrips; ++i) {
    IpcShortMessage m;
    m.label = c.seed + i;
    for (uint32_t w = 0; w < kIpcMessageWords; ++w) m.words[w] = (c.seed << 20) + i * 8 + w;
    const IpcShortMessage want = expected_answer(m);
    const Status st = sys_ipc_call_short_message(c.endpoint, m);
    if (st != Status::kOk) {
      c.end = st;
      return;
    }
    bool same = m.label == want.label && m.word_count == kIpcMessageWords;
    for (uint32_t w = 0; w < kIpcMessageWords; ++w) same = same && m.words[w] == want.words[w];
    if (!same) ++c.wrong;
  }
}

void client_thread(void* arg) { run_client(*static_cast<Client*>(arg)); }

void stop_server(uint32_t endpoint) {
  IpcShortMessage stop;
  stop.label = kStop;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call_short_message(endpoint, stop));
}

// One client pinned to `client_cpu`, the server pinned to `server_cpu`.
void round_trips(uint32_t server_cpu, uint32_t client_cpu) {
  Server server{new_endpoint()};
  sys::Thread server_thread;
  sys::ThreadOptions at_server;
  at_server.cpu = server_cpu;
  TEST_ASSERT_STATUS(Status::kOk, server_thread.start(echo_server, &server, at_server));
  Client client{server.endpoint, 7};
  sys::Thread client_thread_;
  sys::ThreadOptions at_client;
  at_client.cpu = client_cpu;
  TEST_ASSERT_STATUS(Status::kOk, client_thread_.start(client_thread, &client, at_client));
  client_thread_.join();
  stop_server(server.endpoint);
  server_thread.join();
  TEST_ASSERT_STATUS(Status::kOk, client.end);
  TEST_ASSERT_EQUAL_UINT32(0, client.wrong);
  TEST_ASSERT_STATUS(Status::kOk, server.end);
  TEST_ASSERT_EQUAL_UINT32(kRoundTrips, server.served.load());
  TEST_ASSERT_EQUAL_UINT32(0, server.bad_count.load());
  (void)sys_cap_delete(server.endpoint);
}

void test_round_trips_on_one_cpu() { round_trips(1, 1); }

void test_round_trips_across_cpus() { round_trips(2, 3); }

void test_three_clients_on_three_cpus_share_one_server() {
  Server server{new_endpoint()};
  sys::Thread server_thread;
  sys::ThreadOptions at0;
  at0.cpu = 0;
  TEST_ASSERT_STATUS(Status::kOk, server_thread.start(echo_server, &server, at0));
  Client clients[3] = {{server.endpoint, 100}, {server.endpoint, 200}, {server.endpoint, 300}};
  sys::Thread threads[3];
  for (uint32_t i = 0; i < 3; ++i) {
    sys::ThreadOptions at;
    at.cpu = i + 1;
    TEST_ASSERT_STATUS(Status::kOk, threads[i].start(client_thread, &clients[i], at));
  }
  for (sys::Thread& t : threads) t.join();
  stop_server(server.endpoint);
  server_thread.join();
  for (const Client& c : clients) {
    TEST_ASSERT_STATUS(Status::kOk, c.end);
    TEST_ASSERT_EQUAL_UINT32(0, c.wrong);
  }
  TEST_ASSERT_EQUAL_UINT32(3 * kRoundTrips, server.served.load());
  (void)sys_cap_delete(server.endpoint);
}

// --- against long-form partners ------------------------------------------------------------------
struct LongServer {
  uint32_t endpoint;
  IpcMessage got;     // the request as ipc_receive saw it
  IpcMessage answer;  // what it answers with
  Status received = Status::kOk;
  Status replied = Status::kOk;
};

void long_server(void* arg) {
  auto* s = static_cast<LongServer*>(arg);
  s->received = sys_ipc_receive(s->endpoint, &s->got, UINT64_MAX).status;
  if (s->received != Status::kOk) return;
  IpcMessage m = s->answer;
  // Answers, then receives with a zero timeout: nothing is queued, so it ends.
  s->replied = sys_ipc_reply_receive(s->endpoint, &m, 0).status;
}

void test_short_call_to_a_long_server() {
  LongServer server{new_endpoint()};
  server.answer.label = 99;
  server.answer.word_count = 2;
  server.answer.words[0] = 11;
  server.answer.words[1] = 22;
  sys::Thread t;
  TEST_ASSERT_STATUS(Status::kOk, t.start(long_server, &server));
  IpcShortMessage m;
  m.label = 5;
  for (uint32_t w = 0; w < kIpcMessageWords; ++w) m.words[w] = 40 + w;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call_short_message(server.endpoint, m));
  t.join();
  TEST_ASSERT_STATUS(Status::kOk, server.received);
  TEST_ASSERT_STATUS(Status::kTimedOut, server.replied);
  // The long server saw four words, no capabilities.
  TEST_ASSERT_EQUAL_UINT64(5, server.got.label);
  TEST_ASSERT_EQUAL_UINT32(kIpcMessageWords, server.got.word_count);
  TEST_ASSERT_EQUAL_UINT32(0, server.got.cap_count);
  for (uint32_t w = 0; w < kIpcMessageWords; ++w) {
    TEST_ASSERT_EQUAL_UINT64(40 + w, server.got.words[w]);
  }
  // Its two-word answer: the words it did not send read 0.
  TEST_ASSERT_EQUAL_UINT64(99, m.label);
  TEST_ASSERT_EQUAL_UINT64(11, m.words[0]);
  TEST_ASSERT_EQUAL_UINT64(22, m.words[1]);
  TEST_ASSERT_EQUAL_UINT64(0, m.words[2]);
  TEST_ASSERT_EQUAL_UINT64(0, m.words[3]);
  (void)sys_cap_delete(server.endpoint);
}

struct ShortServerOnce {
  uint32_t endpoint;
  IpcShortMessage got;
  Status received = Status::kOk;
  Status replied = Status::kOk;
};

// Receives one message with the short call, answers it with the short call, which then waits:
// the test stops it with a second call labelled kStop, answered with a zero-timeout receive.
void short_server_once(void* arg) {
  auto* s = static_cast<ShortServerOnce*>(arg);
  IpcShortMessage m;
  s->received = sys_ipc_reply_receive_short_message(s->endpoint, m);
  if (s->received != Status::kOk) return;
  s->got = m;
  m.label = 77;
  for (uint32_t w = 0; w < kIpcMessageWords; ++w) m.words[w] = 70 + w;
  s->replied = sys_ipc_reply_receive_short_message(s->endpoint, m);  // the stop call arrives
  IpcMessage last;
  last.label = kStop;
  (void)sys_ipc_reply_receive(s->endpoint, &last, 0);
}

void test_long_call_to_a_short_server() {
  ShortServerOnce server{new_endpoint()};
  sys::Thread t;
  TEST_ASSERT_STATUS(Status::kOk, t.start(short_server_once, &server));
  IpcMessage m;
  m.label = 3;
  m.word_count = 1;
  m.words[0] = 123;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call(server.endpoint, &m).status);
  // The short answer comes back as four words.
  TEST_ASSERT_EQUAL_UINT64(77, m.label);
  TEST_ASSERT_EQUAL_UINT32(kIpcMessageWords, m.word_count);
  TEST_ASSERT_EQUAL_UINT32(0, m.cap_count);
  for (uint32_t w = 0; w < kIpcMessageWords; ++w) TEST_ASSERT_EQUAL_UINT64(70 + w, m.words[w]);
  stop_server(server.endpoint);
  t.join();
  // The server saw one word (its count in rdi), the rest 0.
  TEST_ASSERT_STATUS(Status::kOk, server.received);
  TEST_ASSERT_STATUS(Status::kOk, server.replied);
  TEST_ASSERT_EQUAL_UINT64(3, server.got.label);
  TEST_ASSERT_EQUAL_UINT32(1, server.got.word_count);
  TEST_ASSERT_EQUAL_UINT64(123, server.got.words[0]);
  TEST_ASSERT_EQUAL_UINT64(0, server.got.words[1]);
  (void)sys_cap_delete(server.endpoint);
}

// A long call carrying a capability to a short server: the server offers no slots, so nothing
// arrives in its space (it shares this task's space: the lowest free slot stays free).
void test_capabilities_do_not_reach_a_short_server() {
  ShortServerOnce server{new_endpoint()};
  const SyscallResult extra = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, extra.status);
  const uint32_t sent = static_cast<uint32_t>(extra.extra);
  sys::Thread t;  // its Thread capability takes a slot: before the probe
  TEST_ASSERT_STATUS(Status::kOk, t.start(short_server_once, &server));
  // The slot a capability would land in if one were taken.
  const SyscallResult probe = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, probe.status);
  const uint32_t lowest_free = static_cast<uint32_t>(probe.extra);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(lowest_free).status);
  IpcMessage m;
  m.label = 4;
  m.cap_count = 1;
  m.caps[0] = sent;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call(server.endpoint, &m).status);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(lowest_free).status);  // still empty
  stop_server(server.endpoint);
  t.join();
  TEST_ASSERT_EQUAL_UINT64(4, server.got.label);
  (void)sys_cap_delete(sent);
  (void)sys_cap_delete(server.endpoint);
}

struct CapReplier {
  uint32_t endpoint;
  uint32_t cap;
  Status with_cap = Status::kOk;
  Status without = Status::kOk;
};

// Receives a short call and tries to answer it with a capability (refused: kNoSpace, the call
// stays pending), then answers without one.
void cap_replier(void* arg) {
  auto* s = static_cast<CapReplier*>(arg);
  IpcMessage m;
  if (sys_ipc_receive(s->endpoint, &m, UINT64_MAX).status != Status::kOk) return;
  IpcMessage answer;
  answer.label = 1;
  answer.cap_count = 1;
  answer.caps[0] = s->cap;
  s->with_cap = sys_ipc_reply_receive(s->endpoint, &answer, 0).status;
  IpcMessage plain;
  plain.label = 2;
  s->without = sys_ipc_reply_receive(s->endpoint, &plain, 0).status;
}

void test_a_reply_with_capabilities_to_a_short_caller_is_refused() {
  CapReplier server{new_endpoint()};
  const SyscallResult extra = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, extra.status);
  server.cap = static_cast<uint32_t>(extra.extra);
  sys::Thread t;
  TEST_ASSERT_STATUS(Status::kOk, t.start(cap_replier, &server));
  IpcShortMessage m;
  m.label = 9;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call_short_message(server.endpoint, m));
  t.join();
  TEST_ASSERT_STATUS(Status::kNoSpace, server.with_cap);
  TEST_ASSERT_STATUS(Status::kTimedOut, server.without);  // answered, then nothing queued
  TEST_ASSERT_EQUAL_UINT64(2, m.label);
  (void)sys_cap_delete(server.cap);
  (void)sys_cap_delete(server.endpoint);
}

// A server that receives again while holding a call fails that caller with kBadState.
struct Dropper {
  uint32_t endpoint;
};

void dropper(void* arg) {
  auto* s = static_cast<Dropper*>(arg);
  IpcShortMessage m;
  if (sys_ipc_reply_receive_short_message(s->endpoint, m) != Status::kOk) return;
  IpcMessage next;
  (void)sys_ipc_receive(s->endpoint, &next, 0);  // drops the held call
}

void test_a_dropped_short_call_fails_with_bad_state() {
  Dropper server{new_endpoint()};
  sys::Thread t;
  TEST_ASSERT_STATUS(Status::kOk, t.start(dropper, &server));
  IpcShortMessage m;
  m.label = 1;
  TEST_ASSERT_STATUS(Status::kBadState, sys_ipc_call_short_message(server.endpoint, m));
  TEST_ASSERT_EQUAL_UINT64(1, m.label);  // unchanged on an error
  t.join();
  (void)sys_cap_delete(server.endpoint);
}

// --- errors ------------------------------------------------------------------------------------
void test_errors_of_both_calls() {
  const uint32_t endpoint = new_endpoint();
  IpcShortMessage m;
  m.label = 42;
  for (const Syscall call : {Syscall::ipc_call_short, Syscall::ipc_reply_receive_short}) {
    // A slot word above 2^32 - 1, an empty slot, a slot past the space, another type.
    TEST_ASSERT_STATUS(Status::kBadHandle,
                       syscall_detail::invoke(call, (uint64_t{1} << 32) | endpoint).status);
    TEST_ASSERT_STATUS(Status::kBadHandle, syscall_detail::invoke(call, endpoint + 1).status);
    TEST_ASSERT_STATUS(Status::kBadHandle, syscall_detail::invoke(call, kTaskCapSlots).status);
    TEST_ASSERT_STATUS(Status::kWrongType,
                       syscall_detail::invoke(call, kSlotSelfAddressSpace).status);
  }
  // Rights: calling needs kCapWrite, receiving kCapRead.
  const SyscallResult read_only = sys_cap_copy(endpoint, kCapSlotAny, kCapRead, 0, 0, 0);
  const SyscallResult write_only = sys_cap_copy(endpoint, kCapSlotAny, kCapWrite, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, read_only.status);
  TEST_ASSERT_STATUS(Status::kOk, write_only.status);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys_ipc_call_short_message(static_cast<uint32_t>(read_only.extra), m));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_reply_receive_short_message(
                                                static_cast<uint32_t>(write_only.extra), m));
  TEST_ASSERT_EQUAL_UINT64(42, m.label);  // every refusal left the message as it was
  (void)sys_cap_delete(static_cast<uint32_t>(read_only.extra));
  (void)sys_cap_delete(static_cast<uint32_t>(write_only.extra));
  (void)sys_cap_delete(endpoint);
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_round_trips_on_one_cpu);
  RUN_TEST(test_round_trips_across_cpus);
  RUN_TEST(test_three_clients_on_three_cpus_share_one_server);
  RUN_TEST(test_short_call_to_a_long_server);
  RUN_TEST(test_long_call_to_a_short_server);
  RUN_TEST(test_capabilities_do_not_reach_a_short_server);
  RUN_TEST(test_a_reply_with_capabilities_to_a_short_caller_is_refused);
  RUN_TEST(test_a_dropped_short_call_fails_with_bad_state);
  RUN_TEST(test_errors_of_both_calls);
  return UNITY_END();
}
