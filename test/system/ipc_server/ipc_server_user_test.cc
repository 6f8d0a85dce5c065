// IPC between threads of one task from ring 3 (a module run by test=programs, booted with 4
// CPUs): endpoint_create, a server thread answering client threads with ipc_receive and
// ipc_reply_receive (round trips with every word checked, the threads spread over the CPUs by the
// scheduler), capabilities carried both ways (each side identifies what arrived; revoking the
// original removes the copy), a receive that times out, the non-blocking ipc_send with and
// without a receiver, the reply rule (a server that exits or receives again holding a call fails
// its caller with kBadState), a reply whose capabilities do not fit the caller's space, and every
// error docs/syscalls.md lists for the IPC calls. A killed task's blocked threads are
// test/system/ipc_kill/.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/thread_params.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))
#define TEST_ASSERT_STATUS_IS(expected, status) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(status))

constexpr uint64_t kKernelPointer = 0xFFFFFFFF80000000;
constexpr uint64_t kUnmappedPointer = 0x10000000;
constexpr uint64_t kForever = UINT64_MAX;
constexpr uint64_t kTenMs = 10'000'000;
constexpr uint64_t kGiveUpSpins = uint64_t{1} << 34;

// --- threads of this task ---------------------------------------------------------------------
constexpr size_t kStackBytes = 16384;
constexpr uint32_t kMaxThreads = 4;
constexpr uint32_t kThreadSlotBase = 56;  // Thread capabilities: slots 56..59

struct alignas(16) Stack {
  uint8_t bytes[kStackBytes];
};
Stack g_stacks[kMaxThreads];

using Work = void (*)(uint32_t index);
struct Start {
  Work work;
  uint32_t index;
};
uint32_t g_exited = 0;  // threads that finished (atomic)

}  // namespace

extern "C" [[noreturn]] void ipc_thread_main(const Start* start) {
  start->work(start->index);
  __atomic_fetch_add(&g_exited, 1, __ATOMIC_RELEASE);
  (void)sys_thread_exit();
  __builtin_trap();
}
asm(".text\n"
    ".globl ipc_thread_trampoline\n"
    "ipc_thread_trampoline:\n"
    "  xorl %ebp, %ebp\n"
    "  movq %rsp, %rdi\n"
    "  call ipc_thread_main\n"
    "  ud2\n");
extern "C" void ipc_thread_trampoline();

namespace {

// Starts work(index) on a new thread with stack g_stacks[index]; its capability in slot
// kThreadSlotBase + index (deleted by join_all).
void spawn(Work work, uint32_t index) {
  auto* top = reinterpret_cast<uint8_t*>(&g_stacks[index + 1]) - 64;
  *reinterpret_cast<Start*>(top) = Start{work, index};
  TEST_ASSERT_STATUS(
      Status::kOk,
      sys_thread_create(kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&ipc_thread_trampoline),
                        reinterpret_cast<uint64_t>(top), kThreadSlotBase + index,
                        kThreadPriorityDefault, kThreadCpuAny));
}

// Waits until `count` threads (since the test began) have finished, then drops their
// capabilities.
void join_all(uint32_t exited_before, uint32_t count) {
  uint64_t spins = 0;
  while (__atomic_load_n(&g_exited, __ATOMIC_ACQUIRE) < exited_before + count) {
    TEST_ASSERT_TRUE_MESSAGE(++spins < kGiveUpSpins, "threads did not finish");
    __builtin_ia32_pause();
  }
  for (uint32_t i = 0; i < count; ++i) (void)sys_cap_delete(kThreadSlotBase + i);
}

uint64_t address_of(const IpcMessage& m) { return reinterpret_cast<uint64_t>(&m); }

uint32_t new_endpoint() {
  const SyscallResult r = sys_endpoint_create(kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, r);
  return static_cast<uint32_t>(r.extra);
}

CapIdentity identify(uint32_t slot) {
  CapIdentity id;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(slot, &id));
  return id;
}

// --- endpoint_create -------------------------------------------------------------------------
void test_endpoint_create_gives_every_endpoint_right() {
  const uint32_t slot = new_endpoint();
  const CapIdentity id = identify(slot);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), id.type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapWrite | kCapGrant, id.rights);
  // A named free slot, then the errors: taken, past the space, not a slot word.
  const SyscallResult named = sys_endpoint_create(slot + 1);
  TEST_ASSERT_STATUS(Status::kOk, named);
  TEST_ASSERT_EQUAL_UINT64(slot + 1, named.extra);
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys_endpoint_create(slot));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_endpoint_create(kTaskCapSlots));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_endpoint_create(uint64_t{1} << 32));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(slot));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(slot + 1));
}

// --- ping-pong: one server, several clients ----------------------------------------------------
constexpr uint32_t kClients = 3;  // two client threads and the main thread
constexpr uint32_t kCallsPerClient = 300;

struct PingPong {
  uint32_t endpoint;
  uint32_t served;  // atomic
  uint32_t server_errors;
  uint32_t wrong_answers[kClients];
  uint32_t failed_calls[kClients];
};
PingPong g_pp;

// Answers each request with label + 1 and every word + 1 until all calls are served; its last
// reply_receive waits no more (kTimedOut once the answer is out).
void ping_pong_server(uint32_t) {
  IpcMessage m;
  SyscallResult r = sys_ipc_receive(g_pp.endpoint, &m, kForever);
  while (r.status == Status::kOk) {
    m.label += 1;
    for (uint32_t i = 0; i < m.word_count; ++i) m.words[i] += 1;
    m.cap_count = 0;
    const bool last =
        __atomic_add_fetch(&g_pp.served, 1, __ATOMIC_ACQ_REL) == kClients * kCallsPerClient;
    r = sys_ipc_reply_receive(g_pp.endpoint, &m, last ? 0 : kForever);
    if (last) {
      if (r.status != Status::kTimedOut) ++g_pp.server_errors;
      return;
    }
  }
  ++g_pp.server_errors;
}

void ping_pong_client(uint32_t client) {
  for (uint32_t i = 0; i < kCallsPerClient; ++i) {
    IpcMessage m;
    m.label = (uint64_t{client} << 32) | i;
    m.word_count = kIpcMessageWords;
    for (uint32_t w = 0; w < kIpcMessageWords; ++w)
      m.words[w] = (uint64_t{client} << 48) + i * 8 + w;
    if (sys_ipc_call(g_pp.endpoint, &m).status != Status::kOk) {
      ++g_pp.failed_calls[client];
      return;
    }
    bool right = m.label == ((uint64_t{client} << 32) | i) + 1 &&
                 m.word_count == kIpcMessageWords && m.cap_count == 0 && m.badge == 0;
    for (uint32_t w = 0; w < kIpcMessageWords; ++w) {
      right = right && m.words[w] == (uint64_t{client} << 48) + i * 8 + w + 1;
    }
    if (!right) ++g_pp.wrong_answers[client];
  }
}

void test_round_trips_between_server_and_client_threads() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_pp = PingPong{};
  g_pp.endpoint = new_endpoint();
  spawn(ping_pong_server, 0);
  for (uint32_t c = 1; c < kClients; ++c) spawn(ping_pong_client, c);
  ping_pong_client(0);
  join_all(exited_before, kClients);
  for (uint32_t c = 0; c < kClients; ++c) {
    TEST_ASSERT_EQUAL_UINT32(0, g_pp.failed_calls[c]);
    TEST_ASSERT_EQUAL_UINT32(0, g_pp.wrong_answers[c]);
  }
  TEST_ASSERT_EQUAL_UINT32(kClients * kCallsPerClient, g_pp.served);
  TEST_ASSERT_EQUAL_UINT32(0, g_pp.server_errors);
  sys::printf("ipc_server_user_test: %u round trips from %u client threads checked\n", g_pp.served,
              kClients);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_pp.endpoint));
}

// --- capabilities both ways ---------------------------------------------------------------------
struct CapsBothWays {
  uint32_t endpoint;
  uint32_t server_original;  // what the server sends back
  IpcMessage request;        // as the server received it
  Status receive_status;
  Status reply_status;
  CapIdentity received;
};
CapsBothWays g_cb;

void cap_server(uint32_t) {
  g_cb.receive_status = sys_ipc_receive(g_cb.endpoint, &g_cb.request, kForever).status;
  if (g_cb.receive_status != Status::kOk || g_cb.request.cap_count != 1) return;
  (void)sys_cap_identify(g_cb.request.caps[0], &g_cb.received);
  IpcMessage answer;
  answer.label = 2;
  answer.cap_count = 1;
  answer.caps[0] = g_cb.server_original;
  g_cb.reply_status = sys_ipc_reply_receive(g_cb.endpoint, &answer, 0).status;
}

void test_capabilities_travel_in_requests_and_replies() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_cb = CapsBothWays{};
  g_cb.endpoint = new_endpoint();
  const uint32_t client_original = new_endpoint();
  g_cb.server_original = new_endpoint();
  // The server sends back a copy without kCapRead: the rights travel as they are.
  const SyscallResult narrowed =
      sys_cap_copy(g_cb.server_original, kCapSlotAny, kCapWrite | kCapGrant, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, narrowed);
  g_cb.server_original = static_cast<uint32_t>(narrowed.extra);
  spawn(cap_server, 0);

  IpcMessage m;
  m.label = 1;
  m.cap_count = 1;
  m.caps[0] = client_original;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call(g_cb.endpoint, &m));
  join_all(exited_before, 1);
  // The server's side: a copy in a new slot, an endpoint with every right.
  TEST_ASSERT_STATUS_IS(Status::kOk, g_cb.receive_status);
  TEST_ASSERT_EQUAL_UINT32(1, g_cb.request.cap_count);
  const uint32_t server_copy = g_cb.request.caps[0];
  TEST_ASSERT_NOT_EQUAL(client_original, server_copy);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), g_cb.received.type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapWrite | kCapGrant, g_cb.received.rights);
  // The client's side: the reply's capability in the lowest free slot, named in caps[].
  TEST_ASSERT_STATUS_IS(Status::kTimedOut, g_cb.reply_status);
  TEST_ASSERT_EQUAL_UINT64(2, m.label);
  TEST_ASSERT_EQUAL_UINT32(1, m.cap_count);
  const uint32_t client_copy = m.caps[0];
  TEST_ASSERT_NOT_EQUAL(g_cb.server_original, client_copy);
  const CapIdentity got = identify(client_copy);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kEndpoint), got.type);
  TEST_ASSERT_EQUAL_UINT32(kCapWrite | kCapGrant, got.rights);
  // Each copy is a child of its original: revoking the original removes it.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_revoke(client_original));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(server_copy));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_revoke(g_cb.server_original));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(client_copy));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(client_original));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_cb.server_original));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_cb.endpoint));
}

// --- a reply whose capabilities do not fit
// --------------------------------------------------------
struct FullSpace {
  uint32_t endpoint;
  uint32_t sent;
  Status first_reply;   // with a capability: kNoSpace, the call still pending
  Status second_reply;  // without: delivered (then kTimedOut)
};
FullSpace g_fs;

void full_space_server(uint32_t) {
  IpcMessage m;
  if (sys_ipc_receive(g_fs.endpoint, &m, kForever).status != Status::kOk) return;
  IpcMessage answer;
  answer.cap_count = 1;
  answer.caps[0] = g_fs.sent;
  g_fs.first_reply = sys_ipc_reply_receive(g_fs.endpoint, &answer, 0).status;
  answer = IpcMessage{};
  answer.label = 9;
  g_fs.second_reply = sys_ipc_reply_receive(g_fs.endpoint, &answer, 0).status;
}

void test_reply_capabilities_need_free_slots_in_the_caller_space() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_fs = FullSpace{};
  g_fs.endpoint = new_endpoint();
  g_fs.sent = new_endpoint();
  // The thread's capability goes in its slot first; then every free slot is filled.
  spawn(full_space_server, 0);
  uint32_t filled[kTaskCapSlots];
  uint32_t fill_count = 0;
  for (;;) {
    const SyscallResult r = sys_cap_copy(g_fs.sent, kCapSlotAny, kCapWrite, 0, 0, 0);
    if (r.status != Status::kOk) {
      TEST_ASSERT_STATUS(Status::kNoSpace, r);
      break;
    }
    filled[fill_count++] = static_cast<uint32_t>(r.extra);
  }
  TEST_ASSERT_STATUS(Status::kNoSpace, sys_endpoint_create(kCapSlotAny));
  IpcMessage m;
  m.label = 8;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call(g_fs.endpoint, &m));
  join_all(exited_before, 1);
  TEST_ASSERT_STATUS_IS(Status::kNoSpace, g_fs.first_reply);
  TEST_ASSERT_STATUS_IS(Status::kTimedOut, g_fs.second_reply);
  TEST_ASSERT_EQUAL_UINT64(9, m.label);
  TEST_ASSERT_EQUAL_UINT32(0, m.cap_count);
  for (uint32_t i = 0; i < fill_count; ++i)
    TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(filled[i]));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_fs.sent));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_fs.endpoint));
}

// --- timeouts and the non-blocking send
// -----------------------------------------------------------
void test_receive_times_out() {
  const uint32_t endpoint = new_endpoint();
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(endpoint, &m, 0));
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(endpoint, &m, 2 * kTenMs));
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(endpoint, &m, 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

struct SendRun {
  uint32_t endpoint;
  Status received;
  Status reply_after;  // nothing to answer after a send: kBadState
  IpcMessage got;
};
SendRun g_send;

void send_receiver(uint32_t) {
  g_send.received = sys_ipc_receive(g_send.endpoint, &g_send.got, kForever).status;
  IpcMessage answer;
  g_send.reply_after = sys_ipc_reply_receive(g_send.endpoint, &answer, 0).status;
}

void test_send_needs_a_waiting_receiver() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_send = SendRun{};
  g_send.endpoint = new_endpoint();
  IpcMessage m;
  m.label = 5;
  m.word_count = 1;
  m.words[0] = 0xfeed;
  TEST_ASSERT_STATUS(Status::kNotFound, sys_ipc_send(g_send.endpoint, &m));
  spawn(send_receiver, 0);
  // Until the receiver waits, every send finds nobody (and delivers nothing).
  uint32_t not_found = 0;
  SyscallResult r;
  while ((r = sys_ipc_send(g_send.endpoint, &m)).status == Status::kNotFound) {
    TEST_ASSERT_TRUE(++not_found < 100000);
    (void)sys_wait_while_equal(&g_exited, __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE), 1);
  }
  TEST_ASSERT_STATUS(Status::kOk, r);
  join_all(exited_before, 1);
  TEST_ASSERT_STATUS_IS(Status::kOk, g_send.received);
  TEST_ASSERT_EQUAL_UINT64(5, g_send.got.label);
  TEST_ASSERT_EQUAL_UINT32(1, g_send.got.word_count);
  TEST_ASSERT_EQUAL_UINT64(0xfeed, g_send.got.words[0]);
  TEST_ASSERT_STATUS_IS(Status::kBadState, g_send.reply_after);
  TEST_ASSERT_STATUS(Status::kNotFound, sys_ipc_send(g_send.endpoint, &m));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_send.endpoint));
}

// --- the reply rule: a server that leaves a call unanswered --------------------------------------
uint32_t g_drop_endpoint;

void server_exits_holding_the_call(uint32_t) {
  IpcMessage m;
  (void)sys_ipc_receive(g_drop_endpoint, &m, kForever);
}  // thread_exit with the call unanswered

void server_receives_again(uint32_t) {
  IpcMessage m;
  if (sys_ipc_receive(g_drop_endpoint, &m, kForever).status != Status::kOk) return;
  // Drops the first call; takes the client's second one if it is already there, else waits.
  if (sys_ipc_receive(g_drop_endpoint, &m, 0).status != Status::kOk &&
      sys_ipc_receive(g_drop_endpoint, &m, kForever).status != Status::kOk) {
    return;
  }
  m = IpcMessage{};
  m.label = 100;
  (void)sys_ipc_reply_receive(g_drop_endpoint, &m, 0);
}

void test_server_that_exits_holding_a_call_fails_the_caller() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_drop_endpoint = new_endpoint();
  spawn(server_exits_holding_the_call, 0);
  IpcMessage m;
  m.label = 1;
  TEST_ASSERT_STATUS(Status::kBadState, sys_ipc_call(g_drop_endpoint, &m));
  join_all(exited_before, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_drop_endpoint));
}

void test_server_that_receives_again_fails_the_caller() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_drop_endpoint = new_endpoint();
  spawn(server_receives_again, 0);
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kBadState, sys_ipc_call(g_drop_endpoint, &m));
  m = IpcMessage{};
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_call(g_drop_endpoint, &m));
  TEST_ASSERT_EQUAL_UINT64(100, m.label);
  join_all(exited_before, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(g_drop_endpoint));
}

// --- errors
// ---------------------------------------------------------------------------------------
IpcMessage g_message;

void test_errors_of_the_endpoint_slot() {
  const uint64_t m = address_of(g_message);
  const uint32_t endpoint = new_endpoint();
  const uint32_t empty = endpoint + 1;
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(empty));
  // Empty, past the space, not a slot word, another type.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call(empty, m));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_send(empty, m));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_receive(empty, m, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_reply_receive(empty, m, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_send(kTaskCapSlots, m));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_send(uint64_t{1} << 32, m));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_ipc_send(kSlotSelfTask, m));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_ipc_receive(kSlotSelfAddressSpace, m, 0));
  // A right missing: receiving needs kCapRead, calling and sending kCapWrite.
  const SyscallResult receive_only = sys_cap_copy(endpoint, kCapSlotAny, kCapRead, 0, 0, 0);
  const SyscallResult send_only = sys_cap_copy(endpoint, kCapSlotAny, kCapWrite, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, receive_only);
  TEST_ASSERT_STATUS(Status::kOk, send_only);
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_call(receive_only.extra, m));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_send(receive_only.extra, m));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_receive(send_only.extra, m, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_ipc_reply_receive(send_only.extra, m, 0));
  TEST_ASSERT_STATUS(Status::kNotFound, sys_ipc_send(send_only.extra, m));
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(receive_only.extra, m, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(receive_only.extra));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(send_only.extra));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

void test_errors_of_the_message_pointer() {
  const uint32_t endpoint = new_endpoint();
  const uint64_t bad_pointers[] = {kKernelPointer, 0, kUnmappedPointer};
  for (uint64_t bad : bad_pointers) {
    const Status expected = bad == kKernelPointer ? Status::kAccessDenied
                            : bad == 0            ? Status::kInvalidArgument
                                                  : Status::kNotFound;
    TEST_ASSERT_STATUS(expected, sys_ipc_call(endpoint, bad));
    TEST_ASSERT_STATUS(expected, sys_ipc_send(endpoint, bad));
    TEST_ASSERT_STATUS(expected, sys_ipc_receive(endpoint, bad, 0));
    TEST_ASSERT_STATUS(expected, sys_ipc_reply_receive(endpoint, bad, 0));
  }
  // Read-only memory cannot take the answer: the message's page must be writable.
  const auto code = reinterpret_cast<uint64_t>(&ipc_thread_trampoline);
  TEST_ASSERT_STATUS(Status::kNotFound, sys_ipc_send(endpoint, code));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

void test_errors_of_the_message_fields_and_capabilities() {
  const uint32_t endpoint = new_endpoint();
  const uint64_t m = address_of(g_message);
  const auto expect_all = [&](Status expected) {
    TEST_ASSERT_STATUS(expected, sys_ipc_call(endpoint, m));
    TEST_ASSERT_STATUS(expected, sys_ipc_send(endpoint, m));
    TEST_ASSERT_STATUS(expected, sys_ipc_reply_receive(endpoint, m, 0));
  };
  g_message = IpcMessage{};
  g_message.word_count = kIpcMessageWords + 1;
  expect_all(Status::kInvalidArgument);
  g_message = IpcMessage{};
  g_message.cap_count = kIpcMessageCaps + 1;
  expect_all(Status::kInvalidArgument);
  g_message = IpcMessage{};
  g_message.reserved0 = 1;
  expect_all(Status::kInvalidArgument);
  g_message = IpcMessage{};
  g_message.reserved1 = 1;
  expect_all(Status::kInvalidArgument);
  // ipc_receive only writes the message: what it holds on entry does not matter.
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_receive(endpoint, m, 0));
  // The timeout.
  g_message = IpcMessage{};
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_ipc_receive(endpoint, m, uint64_t{1} << 63));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_ipc_reply_receive(endpoint, m, uint64_t{1} << 63));
  // The capabilities carried: an empty slot, one without kCapGrant.
  const uint32_t empty = endpoint + 1;
  g_message.cap_count = 1;
  g_message.caps[0] = empty;
  expect_all(Status::kBadHandle);
  const SyscallResult no_grant = sys_cap_copy(endpoint, kCapSlotAny, kCapWrite, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, no_grant);
  g_message.caps[0] = static_cast<uint32_t>(no_grant.extra);
  expect_all(Status::kAccessDenied);
  // A well-formed answer with no call to answer.
  g_message = IpcMessage{};
  TEST_ASSERT_STATUS(Status::kBadState, sys_ipc_reply_receive(endpoint, m, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(no_grant.extra));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(endpoint));
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_endpoint_create_gives_every_endpoint_right);
  RUN_TEST(test_round_trips_between_server_and_client_threads);
  RUN_TEST(test_capabilities_travel_in_requests_and_replies);
  RUN_TEST(test_reply_capabilities_need_free_slots_in_the_caller_space);
  RUN_TEST(test_receive_times_out);
  RUN_TEST(test_send_needs_a_waiting_receiver);
  RUN_TEST(test_server_that_exits_holding_a_call_fails_the_caller);
  RUN_TEST(test_server_that_receives_again_fails_the_caller);
  RUN_TEST(test_errors_of_the_endpoint_slot);
  RUN_TEST(test_errors_of_the_message_pointer);
  RUN_TEST(test_errors_of_the_message_fields_and_capabilities);
  return UNITY_END();
}
