// Notifiers over IPC (docs/memory-server.md, "Notifiers over IPC"), from a client. The manifest
// line says which memsrv build runs: `memsrv_notify_test sem` or `memsrv_notify_test spin`.
//   sem:  a subscriber thread is told before the unmap (on the notification it can still read the
//         page, the free returns only after its answer, and afterwards the page faults); only the
//         freed part of the range is named; a subscriber that never answers, and one whose
//         endpoint nobody receives on (it died), hold a free up for about the timeout and no
//         longer, and a dead one only once; after unsubscribe nothing is told; a ticket of a
//         subscription that is not the caller's is refused.
//         With `watch`, another client (this program as `exit-watched`) subscribes its own pages
//         with this program's endpoint and exits holding them: this program is told first.
//   spin: subscribe is refused with kNotSupported.
// Faults are seen by this program as its own supervisor, as in memsrv_user_test.cc.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/vm_op.h"
#include "base/c_string.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kMemory = 3;     // memory=3 in the manifest
constexpr uint32_t kWatchSlot = 4;  // grant=endpoint:watch(:serve)@4, with `watch`
constexpr uint64_t kWaitNs = 10'000'000'000;
constexpr uint64_t kAnswerDelayNs = 50'000'000;
// How much longer than the timeout a free held up by a silent subscriber may take: the IPC and
// the unmap themselves, on a slow emulator.
constexpr uint64_t kSlackNs = 3'000'000'000;

uint32_t g_supervisor = 0;
uint64_t g_timeout_ns = 0;

uint64_t now_ns() { return sys_monotonic_ns().extra; }

uint32_t new_endpoint() {
  const SyscallResult e = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, e.status);
  return static_cast<uint32_t>(e.extra);
}

// A thread of the subscriber: takes one notification on `endpoint`, reads the first word of the
// range it names, and (if `answer`) waits kAnswerDelayNs and answers.
struct Listener {
  uint32_t endpoint = 0;
  uint32_t answer_endpoint = 0;
  bool answer = true;
  Status received = Status::kBadState;
  uint64_t label = 0, va = 0, pages = 0, ticket = 0, first_word = 0;
  uint64_t answered_at = 0;
  Status answered = Status::kBadState;
};

void listen(void* arg) {
  Listener& l = *static_cast<Listener*>(arg);
  IpcMessage m;
  l.received = sys_ipc_receive(l.endpoint, &m, kWaitNs).status;
  if (l.received != Status::kOk) return;
  l.label = m.label;
  l.va = m.words[0];
  l.pages = m.words[1];
  l.ticket = m.words[2];
  // Still mapped: were it not, this read would fault and end the program.
  l.first_word = *reinterpret_cast<volatile uint64_t*>(l.va);
  if (!l.answer) return;
  const std::atomic<uint32_t> never{0};
  (void)wait_while_equal(never, 0, kAnswerDelayNs);
  l.answered_at = now_ns();
  l.answered = sys::mem::notify_done(l.answer_endpoint, l.ticket);
}

struct Access {
  volatile uint64_t* where;
  uint64_t seen = 0;
};

void read_thread(void* arg) {
  auto* a = static_cast<Access*>(arg);
  a->seen = *a->where;
}

// A second thread reads `where`, which must fault; the page is allocated again (zeroed) and the
// thread resumed.
void expect_read_faults(volatile uint64_t* where) {
  Access access{where};
  sys::Thread thread;
  TEST_ASSERT_STATUS(Status::kOk, thread.start(read_thread, &access));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(g_supervisor, &m, kWaitNs).status);
  TEST_ASSERT_EQUAL_HEX64(kFaultMessageLabel, m.label);
  const FaultMessage f = fault_message_unpack(m.words);
  TEST_ASSERT_TRUE(f.kind == FaultKind::kPage);
  TEST_ASSERT_EQUAL_HEX64(reinterpret_cast<uint64_t>(where), f.detail);
  const uint64_t page = reinterpret_cast<uint64_t>(where) & ~(kPageSize - 1);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::allocate(kMemory, kPageSize, page).status());
  m = IpcMessage{};
  m.label = kFaultReplyResume;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(g_supervisor, &m, 0).status);
  thread.join();
  TEST_ASSERT_EQUAL_UINT64(0, access.seen);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, page, kPageSize));
}

// Two written pages, watched through `notify` (the caller's endpoint).
struct Watched {
  uint64_t address = 0;
  sys::mem::Subscription sub;
};

Watched watch_two_pages(uint32_t notify) {
  Watched w;
  const Result<uint64_t> a = sys::mem::allocate(kMemory, 2 * kPageSize);
  TEST_ASSERT_STATUS(Status::kOk, a.status());
  w.address = a.value();
  auto* words = reinterpret_cast<volatile uint64_t*>(w.address);
  words[0] = 0xF1257;
  words[kPageSize / sizeof(uint64_t)] = 0x5EC0D;
  const Result<sys::mem::Subscription> sub =
      sys::mem::subscribe(kMemory, notify, w.address, 2 * kPageSize);
  TEST_ASSERT_STATUS(Status::kOk, sub.status());
  w.sub = sub.value();
  return w;
}

void unwatch(const Watched& w) {
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::unsubscribe(kMemory, w.sub.id));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(w.sub.answer).status);
}

}  // namespace

void setUp() {}
void tearDown() {}

// ---- sem ----

void test_told_before_the_unmap() {
  const uint32_t notify = new_endpoint();
  const Watched w = watch_two_pages(notify);
  Listener l;
  l.endpoint = notify;
  l.answer_endpoint = w.sub.answer;
  sys::Thread listener;
  TEST_ASSERT_STATUS(Status::kOk, listener.start(listen, &l));
  // The second page only: the notification names that page alone.
  const uint64_t start = now_ns();
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address + kPageSize, kPageSize));
  const uint64_t done = now_ns();
  listener.join();
  TEST_ASSERT_STATUS(Status::kOk, l.received);
  TEST_ASSERT_EQUAL_HEX64(::mem::kNotifyUnmap, l.label);
  TEST_ASSERT_EQUAL_HEX64(w.address + kPageSize, l.va);
  TEST_ASSERT_EQUAL_UINT64(1, l.pages);
  TEST_ASSERT_EQUAL_HEX64(0x5EC0D, l.first_word);  // read on the notification: still mapped
  TEST_ASSERT_STATUS(Status::kOk, l.answered);
  TEST_ASSERT_TRUE(l.answered_at <= done);  // the free waited for the answer
  TEST_ASSERT_TRUE(done - start >= kAnswerDelayNs);
  // Now it is gone (unsubscribed first: the repair's free would be told to nobody).
  unwatch(w);
  expect_read_faults(reinterpret_cast<volatile uint64_t*>(w.address + kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address, kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

void test_silent_subscriber_costs_the_timeout() {
  const uint32_t notify = new_endpoint();
  const Watched w = watch_two_pages(notify);
  Listener l;
  l.endpoint = notify;
  l.answer_endpoint = w.sub.answer;
  l.answer = false;
  sys::Thread listener;
  TEST_ASSERT_STATUS(Status::kOk, listener.start(listen, &l));
  const uint64_t start = now_ns();
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address, 2 * kPageSize));
  const uint64_t took = now_ns() - start;
  listener.join();
  TEST_ASSERT_STATUS(Status::kOk, l.received);
  TEST_ASSERT_EQUAL_HEX64(0xF1257, l.first_word);
  TEST_ASSERT_TRUE(took >= g_timeout_ns * 9 / 10);
  TEST_ASSERT_TRUE(took <= g_timeout_ns + kSlackNs);
  // A late answer is harmless.
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::notify_done(w.sub.answer, l.ticket));
  unwatch(w);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

void test_dead_subscriber_costs_the_timeout_once() {
  // Nobody ever receives on this endpoint: the subscriber's thread is gone.
  const uint32_t notify = new_endpoint();
  const Watched w = watch_two_pages(notify);
  uint64_t start = now_ns();
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address, kPageSize));
  uint64_t took = now_ns() - start;
  TEST_ASSERT_TRUE(took >= g_timeout_ns * 9 / 10);
  TEST_ASSERT_TRUE(took <= g_timeout_ns + kSlackNs);
  // Known unreachable now: the next unmap tries once and does not wait.
  start = now_ns();
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address + kPageSize, kPageSize));
  took = now_ns() - start;
  TEST_ASSERT_TRUE(took < g_timeout_ns / 2);
  unwatch(w);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

void test_unsubscribed_is_not_told() {
  const uint32_t notify = new_endpoint();
  const Watched w = watch_two_pages(notify);
  unwatch(w);
  const uint64_t start = now_ns();
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address, 2 * kPageSize));
  TEST_ASSERT_TRUE(now_ns() - start < g_timeout_ns / 2);
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(notify, &m, 0).status);
  TEST_ASSERT_STATUS(Status::kNotFound, sys::mem::unsubscribe(kMemory, w.sub.id));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

void test_bad_subscriptions_refused() {
  const uint32_t notify = new_endpoint();
  const Watched w = watch_two_pages(notify);
  // A ticket of a subscription that is not this client's (nobody's).
  const uint64_t other = ::mem::notifier_ticket_word((w.sub.id + 1) % 16, 1);
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys::mem::notify_done(w.sub.answer, other));
  // The kernel half; an unaligned length.
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys::mem::subscribe(kMemory, notify, uint64_t{1} << 47, kPageSize).status());
  TEST_ASSERT_STATUS(Status::kUnaligned,
                     sys::mem::subscribe(kMemory, notify, w.address, 100).status());
  unwatch(w);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, w.address, 2 * kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

// With `watch` (memsrv_notify_sem_test.manifest): another client, this program run as
// `exit-watched`, serves the endpoint named "watch". It is sent an endpoint of this program's,
// subscribes two pages of its own with it, hands back their address and its answer endpoint, and
// exits holding them. memsrv must tell this program before it unmaps them at that client's end.
void test_told_of_another_clients_end() {
  const uint32_t notify = new_endpoint();
  IpcMessage m;
  m.label = 1;
  m.cap_count = 1;
  m.caps[0] = notify;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call(kWatchSlot, &m).status);
  TEST_ASSERT_STATUS(Status::kOk, static_cast<Status>(m.label));
  TEST_ASSERT_EQUAL_UINT32(1, m.cap_count);
  const uint64_t address = m.words[0];
  const uint32_t answer = m.caps[0];
  IpcMessage n;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(notify, &n, kWaitNs).status);
  TEST_ASSERT_EQUAL_HEX64(::mem::kNotifyUnmap, n.label);
  TEST_ASSERT_EQUAL_HEX64(address, n.words[0]);
  TEST_ASSERT_EQUAL_UINT64(2, n.words[1]);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::notify_done(answer, n.words[2]));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(answer).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

// `exit-watched`: the other side of the test above (no Unity: one log line).
int exit_watched() {
  IpcMessage m;
  Status s = sys_ipc_receive(kWatchSlot, &m, 6 * kWaitNs).status;
  if (s != Status::kOk || m.cap_count != 1) {
    sys::printf("memsrv_notify_test: exit-watched: no endpoint (%s)\n", status_name(s));
    return 1;
  }
  const Result<uint64_t> a = sys::mem::allocate(kMemory, 2 * kPageSize);
  if (a.is_error()) return 1;
  *reinterpret_cast<volatile uint64_t*>(a.value()) = 1;
  const Result<sys::mem::Subscription> sub =
      sys::mem::subscribe(kMemory, m.caps[0], a.value(), 2 * kPageSize);
  if (sub.is_error()) {
    sys::printf("memsrv_notify_test: exit-watched: subscribe: %s\n", status_name(sub.status()));
    return 1;
  }
  m = IpcMessage{};
  m.label = static_cast<uint64_t>(Status::kOk);
  m.word_count = 1;
  m.words[0] = a.value();
  m.cap_count = 1;
  m.caps[0] = sub.value().answer;
  s = sys_ipc_reply_receive(kWatchSlot, &m, 0).status;  // answered, then nothing to receive
  if (s != Status::kTimedOut) return 1;
  sys::printf("memsrv_notify_test: exit-watched: exiting with 2 watched pages\n");
  return 0;
}

// ---- spin ----

void test_subscribe_not_supported() {
  const uint32_t notify = new_endpoint();
  const Result<uint64_t> a = sys::mem::allocate(kMemory, kPageSize);
  TEST_ASSERT_STATUS(Status::kOk, a.status());
  TEST_ASSERT_STATUS(Status::kNotSupported,
                     sys::mem::subscribe(kMemory, notify, a.value(), kPageSize).status());
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, a.value(), kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(notify).status);
}

// ---- both ----

void test_nothing_held_after() {
  const Result<sys::mem::PoolStats> s = sys::mem::pool_stats(kMemory);
  TEST_ASSERT_STATUS(Status::kOk, s.status());
  TEST_ASSERT_EQUAL_UINT64(0, s.value().my_pages);
}

int main(int argc, char** argv) {
  if (argc > 1 && base::same_text(argv[1], "exit-watched")) return exit_watched();
  const bool sem = argc > 1 && base::same_text(argv[1], "sem");
  const bool watch = argc > 2 && base::same_text(argv[2], "watch");
  g_supervisor = static_cast<uint32_t>(sys_endpoint_create(kCapSlotAny).extra);
  if (sys_task_set_supervisor(kSlotSelfTask, g_supervisor).status != Status::kOk) return 1;
  const Result<sys::mem::ServerInfo> info = sys::mem::server_info(kMemory);
  if (info.is_error() || info.value().notifiers != sem) return 1;
  g_timeout_ns = info.value().notifier_timeout_ns;
  UNITY_BEGIN();
  if (sem) {
    RUN_TEST(test_told_before_the_unmap);
    RUN_TEST(test_silent_subscriber_costs_the_timeout);
    RUN_TEST(test_dead_subscriber_costs_the_timeout_once);
    RUN_TEST(test_unsubscribed_is_not_told);
    RUN_TEST(test_bad_subscriptions_refused);
    if (watch) RUN_TEST(test_told_of_another_clients_end);
  } else {
    RUN_TEST(test_subscribe_not_supported);
  }
  RUN_TEST(test_nothing_held_after);
  return UNITY_END();
}
