// ipc_call_timed (docs/ipc.md, "Calls with a deadline"), started by init with the Module
// capability of ipc_timeout_child (test/system/ipc_timeout/ipc_timeout_test.manifest): a call
// that times out while queued (no receiver) and while a server holds it (the server's late answer
// goes nowhere, its reply answers kOk), one answered in time, a call with a capability that times
// out with the capability still the caller's, a child task killed in a timed call (queued and
// held), and every bad argument. After each timeout the endpoint still works and holds no call.
#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "libsys/sleep.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))
#define TEST_ASSERT_STATUS_IS(expected, status) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(status))

constexpr uint32_t kChildModuleSlot = 10;  // the manifest's grant=module:ipc_timeout_child@10
constexpr uint32_t kChildTaskSlot = 11;
constexpr uint32_t kChildEndpointSlot = 5;  // where the child finds the endpoint (its main)
constexpr uint64_t kMs = 1'000'000;
constexpr uint64_t kForever = UINT64_MAX;
constexpr uint64_t kKernelPointer = 0xFFFFFFFF80000000;
constexpr uint64_t kUnmappedPointer = 0x10000000;
constexpr uint64_t kRequestLabel = 0x7141;

uint32_t new_endpoint() {
  const SyscallResult r = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, r);
  return static_cast<uint32_t>(r.extra);
}

IpcMessage request(uint64_t word) {
  IpcMessage m;
  m.label = kRequestLabel;
  m.word_count = 1;
  m.words[0] = word;
  return m;
}

// Nothing is queued on `endpoint`: a receive that may not wait finds nothing.
void assert_nothing_queued(uint32_t endpoint) {
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(endpoint, &m, 0));
}

// A server thread: receives one call on `endpoint`, waits `delay_ns`, answers label + 1 and
// word + 1 (its reply_receive then finds nothing: kTimedOut means the answer was taken).
struct Server {
  uint32_t endpoint;
  uint64_t delay_ns;
  Status received = Status::kBadState;
  Status answered = Status::kBadState;  // kTimedOut: the reply went out, nothing more came
  std::atomic<uint32_t> done{0};
};

void serve_one(void* arg) {
  auto* s = static_cast<Server*>(arg);
  IpcMessage m;
  s->received = sys_ipc_receive(s->endpoint, &m, 5'000 * kMs).status;
  if (s->received == Status::kOk) {
    sys::sleep_ns(s->delay_ns);
    m.label += 1;
    m.words[0] += 1;
    m.cap_count = 0;
    s->answered = sys_ipc_reply_receive(s->endpoint, &m, 0).status;
  }
  s->done.store(1, std::memory_order_release);
}

// A call while a server answers it in time: kOk with its answer.
void assert_answered(uint32_t endpoint, uint64_t timeout_ns) {
  Server server{endpoint, 0};
  sys::Thread thread;
  TEST_ASSERT_STATUS_IS(Status::kOk, thread.start(serve_one, &server));
  IpcMessage m = request(41);
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call_timed(endpoint, &m, timeout_ns));
  TEST_ASSERT_EQUAL_UINT64(kRequestLabel + 1, m.label);
  TEST_ASSERT_EQUAL_UINT64(42, m.words[0]);
  thread.join();
  TEST_ASSERT_STATUS_IS(Status::kOk, server.received);
  TEST_ASSERT_STATUS_IS(Status::kTimedOut, server.answered);
}

// --- the tests ---------------------------------------------------------------------------------

void test_answered_before_the_deadline() {
  const uint32_t endpoint = new_endpoint();
  assert_answered(endpoint, 2'000 * kMs);
  assert_answered(endpoint, kForever);  // no limit: ipc_call
  assert_nothing_queued(endpoint);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

// Nobody receives: kTimedOut no earlier than the timeout, the message untouched, the call gone
// from the endpoint, which still works.
void test_times_out_while_queued() {
  const uint32_t endpoint = new_endpoint();
  const uint64_t timeouts[] = {1 * kMs, 30 * kMs};
  for (const uint64_t timeout : timeouts) {
    IpcMessage m = request(7);
    const uint64_t start = monotonic_ns();
    TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_call_timed(endpoint, &m, timeout));
    TEST_ASSERT_TRUE_MESSAGE(monotonic_ns() - start >= timeout, "returned before the timeout");
    TEST_ASSERT_EQUAL_UINT64(kRequestLabel, m.label);
    TEST_ASSERT_EQUAL_UINT64(7, m.words[0]);
    assert_nothing_queued(endpoint);
  }
  assert_answered(endpoint, 2'000 * kMs);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

// A server takes the call and answers after the deadline: the caller got kTimedOut before the
// answer, the answer went nowhere and the server's reply still answered kOk.
void test_times_out_while_the_server_holds_it() {
  const uint32_t endpoint = new_endpoint();
  Server server{endpoint, 300 * kMs};
  sys::Thread thread;
  TEST_ASSERT_STATUS_IS(Status::kOk, thread.start(serve_one, &server));
  IpcMessage m = request(9);
  const uint64_t start = monotonic_ns();
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_call_timed(endpoint, &m, 60 * kMs));
  TEST_ASSERT_TRUE_MESSAGE(monotonic_ns() - start >= 60 * kMs, "returned before the timeout");
  TEST_ASSERT_EQUAL_UINT32_MESSAGE(0, server.done.load(std::memory_order_acquire),
                                   "the call waited for the late answer");
  TEST_ASSERT_EQUAL_UINT64(kRequestLabel, m.label);  // the late answer never lands here
  thread.join();
  TEST_ASSERT_STATUS_IS(Status::kOk, server.received);
  TEST_ASSERT_STATUS_IS(Status::kTimedOut, server.answered);  // the reply itself was kOk
  TEST_ASSERT_EQUAL_UINT64(kRequestLabel, m.label);
  assert_answered(endpoint, 2'000 * kMs);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

// A request carrying a capability times out queued: the capability is still the caller's, with
// its rights, and nothing was delivered (nothing half-done).
void test_capabilities_stay_with_a_timed_out_caller() {
  const uint32_t endpoint = new_endpoint();
  const uint32_t carried = new_endpoint();
  CapIdentity before;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(carried, &before));
  IpcMessage m = request(3);
  m.cap_count = 1;
  m.caps[0] = carried;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_call_timed(endpoint, &m, 20 * kMs));
  CapIdentity after;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(carried, &after));
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), after.type);
  TEST_ASSERT_EQUAL_UINT32(before.rights, after.rights);
  TEST_ASSERT_EQUAL_UINT32(1, m.cap_count);
  TEST_ASSERT_EQUAL_UINT32(carried, m.caps[0]);
  // The receiver gets nothing (no call, so no capability lands in its space).
  IpcMessage got;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(endpoint, &got, 0));
  // The lowest free slot is where it was: the next new endpoint lands just after `carried`.
  const uint32_t next = new_endpoint();
  TEST_ASSERT_EQUAL_UINT32(carried + 1, next);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(next));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(carried));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

// Starts ipc_timeout_child with `endpoint` (call right only) in its kChildEndpointSlot: it makes
// one timed call with a long timeout there and never returns from it by itself.
void start_child(uint32_t endpoint) {
  static constexpr char kLine[] = "ipc_timeout_child";
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_spawn(kChildModuleSlot, kLine, sizeof kLine - 1, kChildTaskSlot));
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_task_grant(kChildTaskSlot, endpoint, kChildEndpointSlot, kCapWrite));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kChildTaskSlot));
}

void kill_child() {
  TEST_ASSERT_STATUS(Status::kOk, sys_task_kill(kChildTaskSlot));
  const SyscallResult end = sys_task_wait(kChildTaskSlot);
  TEST_ASSERT_STATUS(Status::kOk, end);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(TaskEnd::kKilled), end.extra);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kChildTaskSlot));
}

// A task killed in a timed call: queued (nobody received it), the call is gone; held by this
// thread as its server, the answer goes nowhere and the reply answers kOk.
void test_killed_in_a_timed_call() {
  const uint32_t endpoint = new_endpoint();
  start_child(endpoint);
  sys::sleep_ns(50 * kMs);  // the child's call is queued by now (it has nothing else to do)
  kill_child();
  assert_nothing_queued(endpoint);

  start_child(endpoint);
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(endpoint, &m, 5'000 * kMs));
  TEST_ASSERT_EQUAL_UINT64(kRequestLabel, m.label);  // the child's request (its main)
  kill_child();
  m.word_count = 0;
  // The answer is taken (kOk, dropped), then nothing is there to receive.
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(endpoint, &m, 0));
  assert_answered(endpoint, 2'000 * kMs);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

// Every refusal, in docs/syscalls.md's order; none of them waits.
void test_bad_arguments() {
  const uint32_t endpoint = new_endpoint();
  IpcMessage m = request(1);
  // The slot: not a slot word, past the space, empty.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call_timed(uint64_t{1} << 32, &m, 10 * kMs));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call_timed(kTaskCapSlots, &m, 10 * kMs));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call_timed(endpoint + 1, &m, 10 * kMs));
  // Not an endpoint; an endpoint without the call right.
  TEST_ASSERT_STATUS(Status::kWrongType, sys_ipc_call_timed(kSlotSelfTask, &m, 10 * kMs));
  const SyscallResult receive_only = sys_cap_copy(endpoint, kCapSlotAny, kCapRead, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, receive_only);
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_call_timed(receive_only.extra, &m, 10 * kMs));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(receive_only.extra));
  // The message pointer.
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_call_timed(endpoint, kKernelPointer, kForever));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_ipc_call_timed(endpoint, 0, kForever));
  TEST_ASSERT_STATUS(Status::kNotFound, sys_ipc_call_timed(endpoint, kUnmappedPointer, kForever));
  // The message's fields.
  IpcMessage too_many = request(1);
  too_many.word_count = kIpcMessageWords + 1;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_ipc_call_timed(endpoint, &too_many, kForever));
  // The timeout: 0 (a call that may not wait) and past 2^62 short of "no limit".
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_ipc_call_timed(endpoint, &m, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_ipc_call_timed(endpoint, &m, (uint64_t{1} << 62) + 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_ipc_call_timed(endpoint, &m, kForever - 1));
  // A carried slot that is empty.
  IpcMessage empty_cap = request(1);
  empty_cap.cap_count = 1;
  empty_cap.caps[0] = endpoint + 1;
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call_timed(endpoint, &empty_cap, kForever));
  assert_nothing_queued(endpoint);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_answered_before_the_deadline);
  RUN_TEST(test_times_out_while_queued);
  RUN_TEST(test_times_out_while_the_server_holds_it);
  RUN_TEST(test_capabilities_stay_with_a_timed_out_caller);
  RUN_TEST(test_killed_in_a_timed_call);
  RUN_TEST(test_bad_arguments);
  return UNITY_END();
}
