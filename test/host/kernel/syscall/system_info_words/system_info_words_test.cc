// system_info's argument decoding (kernel/syscall/system_info_words.h): every topic is accepted
// with its entry size, an unknown topic is kInvalidArgument, a capacity past
// kSystemInfoMaxEntries is kOutOfRange (so capacity * entry size cannot overflow); and
// task_grant lets a SystemInfo capability out of a task like an endpoint.
#include "kernel/syscall/system_info_words.h"

#include "abi/portcullis/capability_type.h"
#include "kernel/syscall/task_call_words.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

Result<SystemInfoRequest> decode(uint64_t topic, uint64_t arg, uint64_t buffer, uint64_t capacity) {
  const uint64_t words[6] = {6, topic, arg, buffer, capacity, 0};
  return decode_system_info(words);
}

}  // namespace

void test_every_topic_decodes_with_its_entry_size() {
  const size_t sizes[kSystemInfoTopicCount] = {
      sizeof(TaskInfo),    sizeof(ThreadInfo), sizeof(TaskCapInfo), sizeof(IoBitmapInfo),
      sizeof(IoGrantInfo), sizeof(CpuInfo),    sizeof(TssSlotInfo)};
  for (uint32_t topic = 0; topic < kSystemInfoTopicCount; ++topic) {
    const Result<SystemInfoRequest> r = decode(topic, 42, 0x400000, 3);
    TEST_ASSERT_TRUE(r.is_ok());
    TEST_ASSERT_EQUAL_UINT64(topic, r.value().topic);
    TEST_ASSERT_EQUAL_UINT64(42, r.value().arg);
    TEST_ASSERT_EQUAL_UINT64(0x400000, r.value().buffer);
    TEST_ASSERT_EQUAL_UINT32(3, r.value().capacity);
    TEST_ASSERT_EQUAL_size_t(sizes[topic], r.value().entry_bytes);
  }
}

void test_unknown_topics_are_invalid() {
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(kSystemInfoTopicCount, 0, 0, 0).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(UINT64_MAX, 0, 0, 0).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(uint64_t{1} << 32, 0, 0, 0).status());
  // The topic is checked before the capacity.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(99, 0, 0, UINT64_MAX).status());
}

void test_capacity_bounds() {
  TEST_ASSERT_TRUE(decode(0, 0, 0, 0).is_ok());
  TEST_ASSERT_TRUE(decode(0, 0, 0x1000, kSystemInfoMaxEntries).is_ok());
  TEST_ASSERT_STATUS(Status::kOutOfRange, decode(0, 0, 0x1000, kSystemInfoMaxEntries + 1).status());
  TEST_ASSERT_STATUS(Status::kOutOfRange, decode(6, 0, 0x1000, UINT64_MAX).status());
}

void test_entry_sizes_and_unknown_topic_size() {
  TEST_ASSERT_EQUAL_size_t(64, system_info_entry_bytes(0));
  TEST_ASSERT_EQUAL_size_t(24, system_info_entry_bytes(1));
  TEST_ASSERT_EQUAL_size_t(40, system_info_entry_bytes(2));
  TEST_ASSERT_EQUAL_size_t(48, system_info_entry_bytes(3));
  TEST_ASSERT_EQUAL_size_t(24, system_info_entry_bytes(4));
  TEST_ASSERT_EQUAL_size_t(32, system_info_entry_bytes(5));
  TEST_ASSERT_EQUAL_size_t(56, system_info_entry_bytes(6));
  TEST_ASSERT_EQUAL_size_t(0, system_info_entry_bytes(7));
}

void test_task_grant_passes_system_info() {
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kSystemInfo));
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kTask));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_every_topic_decodes_with_its_entry_size);
  RUN_TEST(test_unknown_topics_are_invalid);
  RUN_TEST(test_capacity_bounds);
  RUN_TEST(test_entry_sizes_and_unknown_topic_size);
  RUN_TEST(test_task_grant_passes_system_info);
  return UNITY_END();
}
