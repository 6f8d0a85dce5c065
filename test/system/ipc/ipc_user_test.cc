// The wait/wake and IPC calls from ring 3, in one thread (a module run by test=programs): the
// answers that never block (wait_while_equal on a word that differs, with no time to wait, or with
// a short timeout; wake_waiters with nobody waiting), every argument error docs/syscalls.md lists
// for them, and the IPC calls' answers for slots that hold no Endpoint capability. Blocking paths
// between threads are proven by test/system/ipc_server/ and the in-kernel tests
// (test/kernel/object/endpoint_kernel_test.cc, test/kernel/sched/wait_table_kernel_test.cc).
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

constexpr uint64_t kKernelPointer = 0xFFFFFFFF80000000;
constexpr uint64_t kUnmappedPointer = 0x10000000;
constexpr uint64_t kTenMs = 10'000'000;

alignas(8) uint32_t g_words[4] = {7, 0, 0, 0};
IpcMessage g_message;

uint64_t word_address(uint32_t index) { return reinterpret_cast<uint64_t>(&g_words[index]); }

void test_wait_on_a_word_that_differs_returns_at_once() {
  TEST_ASSERT_STATUS(Status::kBadState, sys_wait_while_equal(word_address(0), 8, UINT64_MAX));
}

void test_wait_without_time_to_wait_times_out_at_once() {
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_wait_while_equal(word_address(0), 7, 0));
}

void test_wait_with_a_timeout_times_out() {
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_wait_while_equal(word_address(0), 7, 2 * kTenMs));
  // A sub-tick timeout is rounded up, never down to "no wait".
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_wait_while_equal(word_address(0), 7, 1));
}

void test_wait_argument_errors() {
  TEST_ASSERT_STATUS(Status::kUnaligned, sys_wait_while_equal(word_address(0) + 2, 7, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_wait_while_equal(kKernelPointer, 7, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_wait_while_equal(0, 7, 0));
  TEST_ASSERT_STATUS(Status::kNotFound, sys_wait_while_equal(kUnmappedPointer, 7, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_wait_while_equal(word_address(0), uint64_t{1} << 32, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys_wait_while_equal(word_address(0), 7, uint64_t{1} << 63));
}

void test_wake_with_nobody_waiting_wakes_nobody() {
  const SyscallResult r = sys_wake_waiters(word_address(1), 1);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(0, r.extra);
  const SyscallResult all = sys_wake_waiters(word_address(1), UINT64_MAX);
  TEST_ASSERT_STATUS(Status::kOk, all);
  TEST_ASSERT_EQUAL_UINT64(0, all.extra);
  // Waking touches no memory: an unmapped word has nobody waiting either.
  TEST_ASSERT_STATUS(Status::kOk, sys_wake_waiters(kUnmappedPointer, 1));
}

void test_wake_argument_errors() {
  TEST_ASSERT_STATUS(Status::kUnaligned, sys_wake_waiters(word_address(1) + 1, 1));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_wake_waiters(kKernelPointer, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_wake_waiters(0, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_wake_waiters(word_address(1), 0));
}

void test_ipc_on_a_slot_without_an_endpoint() {
  const auto m = reinterpret_cast<uint64_t>(&g_message);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call(kFirstFreeSlot, m));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_call(uint64_t{1} << 32, m));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_ipc_call(kSlotSelfTask, m));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_receive(kFirstFreeSlot, m, 0));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_ipc_receive(kSlotSelfAddressSpace, m, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_ipc_reply_receive(kFirstFreeSlot, m, 0));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_ipc_reply_receive(kSlotInitialFrames, m, 0));
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_wait_on_a_word_that_differs_returns_at_once);
  RUN_TEST(test_wait_without_time_to_wait_times_out_at_once);
  RUN_TEST(test_wait_with_a_timeout_times_out);
  RUN_TEST(test_wait_argument_errors);
  RUN_TEST(test_wake_with_nobody_waiting_wakes_nobody);
  RUN_TEST(test_wake_argument_errors);
  RUN_TEST(test_ipc_on_a_slot_without_an_endpoint);
  return UNITY_END();
}
