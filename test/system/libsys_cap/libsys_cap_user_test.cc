// libsys's capability and IPC wrappers from ring 3 (a module run by test=programs in the
// syscall-user boots): sys::Cap deletes its capability when it goes (cap_type answers kBadHandle
// for the slot afterwards), moves hand ownership over exactly once, release() keeps the slot,
// copy() and mint() derive capabilities with fewer rights or a narrower range and refuse what
// cap_copy refuses, revoke() empties the derived slots; sys::Endpoint carries a call and its
// answer between two threads, times out in nanoseconds, and gives the kernel's answers for a
// send nobody takes, a reply with no call held and a slot of the wrong type.
#include <stdint.h>
#include <utility>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kEveryRight = kCapRead | kCapWrite | kCapGrant;
constexpr uint64_t kOneMs = 1'000'000;

// The slot is empty: cap_type answers kBadHandle.
void assert_empty(uint32_t slot) {
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(slot).status);
}

// A Frames capability of this test's own (a copy of the initial one, which the test must keep).
sys::Cap own_frames() {
  const SyscallResult r = sys_cap_copy(kSlotInitialFrames, kCapSlotAny, kEveryRight, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, r.status);
  return sys::Cap(static_cast<uint32_t>(r.extra));
}

void test_cap_deletes_its_capability_when_it_goes() {
  uint32_t slot = 0;
  {
    sys::Cap frames = own_frames();
    slot = frames.slot();
    Result<CapabilityType> type = frames.type();
    TEST_ASSERT_STATUS(Status::kOk, type.status());
    TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kFrames),
                             static_cast<uint32_t>(type.value()));
  }
  assert_empty(slot);
}

void test_cap_move_hands_ownership_over_once() {
  sys::Cap first = own_frames();
  const uint32_t slot = first.slot();
  sys::Cap second(std::move(first));
  TEST_ASSERT_FALSE(first.valid());
  TEST_ASSERT_EQUAL_UINT32(slot, second.slot());
  TEST_ASSERT_STATUS(Status::kOk, first.reset());  // owns nothing: deletes nothing
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_type(slot).status);
  // Assigning over an owning Cap deletes what it held.
  sys::Cap third = own_frames();
  const uint32_t third_slot = third.slot();
  third = std::move(second);
  assert_empty(third_slot);
  TEST_ASSERT_EQUAL_UINT32(slot, third.slot());
  TEST_ASSERT_STATUS(Status::kOk, third.reset());
  assert_empty(slot);
  TEST_ASSERT_FALSE(third.valid());
}

void test_cap_release_keeps_the_slot() {
  uint32_t slot = 0;
  {
    sys::Cap frames = own_frames();
    slot = frames.release();
    TEST_ASSERT_FALSE(frames.valid());
  }
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_type(slot).status);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(slot).status);
}

void test_cap_copy_and_mint_derive_less() {
  sys::Cap frames = own_frames();
  Result<CapIdentity> whole = frames.identify();
  TEST_ASSERT_STATUS(Status::kOk, whole.status());
  TEST_ASSERT_EQUAL_UINT64(kInitialFramesPages, whole.value().count);

  Result<sys::Cap> read_only = frames.copy(kCapRead);
  TEST_ASSERT_STATUS(Status::kOk, read_only.status());
  Result<CapIdentity> copied = read_only.value().identify();
  TEST_ASSERT_STATUS(Status::kOk, copied.status());
  TEST_ASSERT_EQUAL_UINT32(kCapRead, copied.value().rights);
  TEST_ASSERT_EQUAL_UINT64(whole.value().base, copied.value().base);
  // Rights are never added back.
  TEST_ASSERT_STATUS(Status::kAccessDenied, read_only.value().copy(kCapWrite).status());

  Result<sys::Cap> four = frames.mint(kCapRead | kCapWrite, whole.value().base + 2, 4);
  TEST_ASSERT_STATUS(Status::kOk, four.status());
  Result<CapIdentity> minted = four.value().identify();
  TEST_ASSERT_STATUS(Status::kOk, minted.status());
  TEST_ASSERT_EQUAL_UINT64(whole.value().base + 2, minted.value().base);
  TEST_ASSERT_EQUAL_UINT64(4, minted.value().count);
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapWrite, minted.value().rights);
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     frames.mint(kCapRead, whole.value().base, kInitialFramesPages + 1).status());

  // Revoking the source empties both derived slots; their Caps then find nothing to delete.
  const uint32_t derived[] = {read_only.value().slot(), four.value().slot()};
  Result<uint64_t> removed = frames.revoke();
  TEST_ASSERT_STATUS(Status::kOk, removed.status());
  TEST_ASSERT_EQUAL_UINT64(2, removed.value());
  for (uint32_t slot : derived) assert_empty(slot);
  TEST_ASSERT_STATUS(Status::kBadHandle, read_only.value().type().status());
  TEST_ASSERT_STATUS(Status::kBadHandle, four.value().reset());
}

void test_cap_helpers_give_the_kernels_answers() {
  sys::Cap none;
  TEST_ASSERT_STATUS(Status::kBadHandle, none.type().status());
  TEST_ASSERT_STATUS(Status::kBadHandle, none.identify().status());
  TEST_ASSERT_STATUS(Status::kBadHandle, none.copy(kCapRead).status());
  Result<sys::Endpoint> endpoint = sys::Endpoint::create();
  TEST_ASSERT_STATUS(Status::kOk, endpoint.status());
  // An Endpoint has no range to narrow.
  TEST_ASSERT_STATUS(Status::kWrongType, endpoint.value().cap().mint(kCapRead, 0, 1).status());
}

// --- sys::Endpoint between two threads -----------------------------------------------------------

struct Server {
  const sys::Endpoint* endpoint;
  Status received;
  Status answered;  // the reply_receive after the answer: times out, nobody calls again
};

// Answers one call with its words doubled and one word more.
void serve_once(void* arg) {
  Server* server = static_cast<Server*>(arg);
  IpcMessage message;
  server->received = server->endpoint->receive(message);
  if (server->received != Status::kOk) return;
  for (uint32_t i = 0; i < message.word_count; ++i) message.words[i] *= 2;
  message.words[message.word_count] = 0xC0FFEE;
  message.word_count = static_cast<uint8_t>(message.word_count + 1);
  message.label += 1;
  server->answered = server->endpoint->reply_receive(message, kOneMs);
}

void test_endpoint_call_and_answer() {
  Result<sys::Endpoint> endpoint = sys::Endpoint::create();
  TEST_ASSERT_STATUS(Status::kOk, endpoint.status());
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_type(endpoint.value().slot()).status);
  Server server{&endpoint.value(), Status::kInvalidArgument, Status::kInvalidArgument};
  sys::Thread thread;
  TEST_ASSERT_STATUS(Status::kOk, thread.start(serve_once, &server));
  IpcMessage message;
  message.label = 41;
  message.word_count = 2;
  message.words[0] = 5;
  message.words[1] = 7;
  TEST_ASSERT_STATUS(Status::kOk, endpoint.value().call(message));
  thread.join();
  TEST_ASSERT_STATUS(Status::kOk, server.received);
  TEST_ASSERT_STATUS(Status::kTimedOut, server.answered);
  TEST_ASSERT_EQUAL_UINT64(42, message.label);
  TEST_ASSERT_EQUAL_UINT32(3, message.word_count);
  TEST_ASSERT_EQUAL_UINT64(10, message.words[0]);
  TEST_ASSERT_EQUAL_UINT64(14, message.words[1]);
  TEST_ASSERT_EQUAL_UINT64(0xC0FFEE, message.words[2]);
}

void test_endpoint_answers_without_a_peer() {
  uint32_t slot = 0;
  {
    Result<sys::Endpoint> endpoint = sys::Endpoint::create();
    TEST_ASSERT_STATUS(Status::kOk, endpoint.status());
    slot = endpoint.value().slot();
    IpcMessage message;
    TEST_ASSERT_STATUS(Status::kTimedOut, endpoint.value().receive(message, 0));
    TEST_ASSERT_STATUS(Status::kTimedOut, endpoint.value().receive(message, kOneMs));
    TEST_ASSERT_STATUS(Status::kNotFound, endpoint.value().send(message));
    TEST_ASSERT_STATUS(Status::kBadState, endpoint.value().reply_receive(message, 0));
  }
  assert_empty(slot);  // the Endpoint's Cap deleted it
  // An Endpoint over a slot of another type: the kernel's kWrongType on every call.
  const sys::Endpoint frames(own_frames());
  IpcMessage message;
  TEST_ASSERT_STATUS(Status::kWrongType, frames.call(message));
  TEST_ASSERT_STATUS(Status::kWrongType, frames.receive(message, 0));
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_cap_deletes_its_capability_when_it_goes);
  RUN_TEST(test_cap_move_hands_ownership_over_once);
  RUN_TEST(test_cap_release_keeps_the_slot);
  RUN_TEST(test_cap_copy_and_mint_derive_less);
  RUN_TEST(test_cap_helpers_give_the_kernels_answers);
  RUN_TEST(test_endpoint_call_and_answer);
  RUN_TEST(test_endpoint_answers_without_a_peer);
  return UNITY_END();
}
