// CapSpace::with_capability: the refusals lookup gives (and invoke never runs on them), invoke
// sees the capability's info, its answer is the call's, and it changes nothing in the space.
#include "kernel/object/cap_space.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

struct Seen {
  int calls = 0;
  CapInfo info;
  Status answer = Status::kOk;
};

Status record(void* context, const CapInfo& info) {
  auto* seen = static_cast<Seen*>(context);
  ++seen->calls;
  seen->info = info;
  return seen->answer;
}

}  // namespace

void test_refusals_never_invoke() {
  RefPtr<CapSpace> space = CapSpace::create(8).release_value();
  TEST_ASSERT_TRUE(space->insert_io_ports_root(0).is_ok());
  TEST_ASSERT_TRUE(space->mint(0, *space, 1, kCapRead, 0x80, 4).is_ok());
  Seen seen;
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     space->with_capability(2, CapabilityType::kIoPorts, 0, record, &seen));
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     space->with_capability(8, CapabilityType::kIoPorts, 0, record, &seen));
  TEST_ASSERT_STATUS(Status::kWrongType,
                     space->with_capability(1, CapabilityType::kFrames, 0, record, &seen));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     space->with_capability(1, CapabilityType::kIoPorts, kCapWrite, record, &seen));
  TEST_ASSERT_EQUAL_INT(0, seen.calls);
  // Deleted: the slot is empty again.
  TEST_ASSERT_STATUS(Status::kOk, space->remove(1));
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     space->with_capability(1, CapabilityType::kIoPorts, 0, record, &seen));
  TEST_ASSERT_EQUAL_INT(0, seen.calls);
}

void test_invoke_sees_the_capability_and_answers() {
  RefPtr<CapSpace> space = CapSpace::create(8).release_value();
  TEST_ASSERT_TRUE(space->insert_io_ports_root(0).is_ok());
  TEST_ASSERT_TRUE(space->mint(0, *space, 3, kCapRead | kCapWrite, 0x70, 2).is_ok());
  const CapSlotSnapshot before = space->snapshot(3);
  Seen seen;
  TEST_ASSERT_STATUS(Status::kOk,
                     space->with_capability(3, CapabilityType::kIoPorts, kCapRead, record, &seen));
  TEST_ASSERT_EQUAL_INT(1, seen.calls);
  TEST_ASSERT_TRUE(seen.info.type == CapabilityType::kIoPorts);
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapWrite, seen.info.rights);
  TEST_ASSERT_EQUAL_UINT64(0x70, seen.info.range.base);
  TEST_ASSERT_EQUAL_UINT64(2, seen.info.range.size);
  seen.answer = Status::kOutOfRange;
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     space->with_capability(3, CapabilityType::kIoPorts, 0, record, &seen));
  TEST_ASSERT_EQUAL_INT(2, seen.calls);
  TEST_ASSERT_TRUE(before == space->snapshot(3));
  space->check_invariants();
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_refusals_never_invoke);
  RUN_TEST(test_invoke_sees_the_capability_and_answers);
  return UNITY_END();
}
