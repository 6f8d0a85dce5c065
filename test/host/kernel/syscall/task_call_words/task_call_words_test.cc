// Tests of the task calls' argument decoding: each word's refusal in its order, the line's length
// limits, task_grant's target-slot rules, and the types task_grant lets out of a task.
#include "kernel/syscall/task_call_words.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint64_t kLine = 0x400000;
constexpr uint64_t kTooBig = uint64_t{1} << 32;

Status spawn_status(uint64_t module, uint64_t line, uint64_t length, uint64_t target) {
  const uint64_t words[6] = {module, line, length, target, 0, 0};
  return decode_task_spawn(words).status();
}

Status grant_status(uint64_t task, uint64_t slot, uint64_t target, uint64_t rights) {
  const uint64_t words[6] = {task, slot, target, rights, 0, 0};
  return decode_task_grant(words).status();
}

}  // namespace

void test_spawn_accepts_and_decodes() {
  const uint64_t words[6] = {5, kLine, 12, kCapSlotAny, 0, 0};
  const Result<TaskSpawnRequest> r = decode_task_spawn(words);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_UINT32(5, r.value().module_slot);
  TEST_ASSERT_EQUAL_UINT64(kLine, r.value().line);
  TEST_ASSERT_EQUAL_UINT32(12, r.value().line_length);
  TEST_ASSERT_EQUAL_UINT32(kCapSlotAny, r.value().target_slot);
  TEST_ASSERT_STATUS(Status::kOk, spawn_status(5, kLine, kProgramMaxLineBytes - 1, 9));
}

void test_spawn_refusals_in_order() {
  TEST_ASSERT_STATUS(Status::kBadHandle, spawn_status(kTooBig, 0, 0, kTooBig));
  TEST_ASSERT_STATUS(Status::kBadHandle, spawn_status(5, 0, 0, kTooBig));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, spawn_status(5, 0, 0, 9));
  TEST_ASSERT_STATUS(Status::kOutOfRange, spawn_status(5, 0, kProgramMaxLineBytes, 9));
  TEST_ASSERT_STATUS(Status::kOutOfRange, spawn_status(5, kLine, ~uint64_t{0}, 9));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, spawn_status(5, 0, 4, 9));  // page 0
  TEST_ASSERT_STATUS(Status::kAccessDenied, spawn_status(5, kUserTop - 2, 4, 9));
  TEST_ASSERT_STATUS(Status::kOverflow, spawn_status(5, ~uint64_t{0} - 1, 4, 9));
}

void test_grant_accepts_and_decodes() {
  const uint64_t words[6] = {20, 13, kFirstFreeSlot, kCapRead | kCapGrant, 0, 0};
  const Result<TaskGrantRequest> r = decode_task_grant(words);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_UINT32(20, r.value().task_slot);
  TEST_ASSERT_EQUAL_UINT32(13, r.value().slot);
  TEST_ASSERT_EQUAL_UINT32(kFirstFreeSlot, r.value().target_slot);
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapGrant, r.value().rights);
}

void test_grant_refusals_in_order() {
  TEST_ASSERT_STATUS(Status::kBadHandle, grant_status(kTooBig, kTooBig, kTooBig, 1u << 9));
  TEST_ASSERT_STATUS(Status::kBadHandle, grant_status(20, kTooBig, kTooBig, 1u << 9));
  TEST_ASSERT_STATUS(Status::kBadHandle, grant_status(20, 13, kTooBig, 1u << 9));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, grant_status(20, 13, kCapSlotAny, 1u << 9));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, grant_status(20, 13, kCapSlotAny, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, grant_status(20, 13, kSlotSelfTask, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, grant_status(20, 13, kFirstFreeSlot - 1, 0));
}

void test_grant_passes_only_types_that_outlive_their_task() {
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kIoPorts));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kIoBitmap));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kEndpoint));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kIrq));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kModule));
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kFrames));
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kTask));
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kThread));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kAddressSpace));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kFrames, /*frames_never_freed=*/true));
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kEmpty));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_spawn_accepts_and_decodes);
  RUN_TEST(test_spawn_refusals_in_order);
  RUN_TEST(test_grant_accepts_and_decodes);
  RUN_TEST(test_grant_refusals_in_order);
  RUN_TEST(test_grant_passes_only_types_that_outlive_their_task);
  return UNITY_END();
}
