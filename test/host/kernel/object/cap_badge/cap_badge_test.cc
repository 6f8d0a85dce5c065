// Endpoint badges: a badging copy sets the badge once, every copy of a badged capability keeps
// it, the refusals (wrong type, a second badge, badge 0) change nothing, and the decode of
// cap_copy's words accepts only a well-formed badge request.
#include "kernel/object/cap_space.h"
#include "kernel/syscall/cap_call_words.h"
#include "test/host/kernel/object/test_object.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kAll = kCapRead | kCapWrite | kCapGrant;

RefPtr<CapSpace> space_with_endpoint() {
  RefPtr<CapSpace> space = CapSpace::create(8).release_value();
  TEST_ASSERT_TRUE(space
                       ->insert(0, CapabilityType::kEndpoint,
                                TestObject::create(CapabilityType::kEndpoint), kAll)
                       .is_ok());
  return space;
}

}  // namespace

void test_badge_is_set_once_and_inherited() {
  RefPtr<CapSpace> space = space_with_endpoint();
  RefPtr<CapSpace> other = CapSpace::create(4).release_value();
  TEST_ASSERT_EQUAL_UINT64(0, space->identify(0).value().badge);
  TEST_ASSERT_STATUS(Status::kOk,
                     space->mint_badge(0, *space, 1, kCapWrite | kCapGrant, 42).status());
  TEST_ASSERT_EQUAL_UINT64(42, space->identify(1).value().badge);
  TEST_ASSERT_EQUAL_UINT32(kCapWrite | kCapGrant, space->identify(1).value().rights);
  // Copies of it, here and into another space, keep it.
  TEST_ASSERT_STATUS(Status::kOk, space->copy(1, *other, 2, kCapWrite).status());
  TEST_ASSERT_EQUAL_UINT64(42, other->identify(2).value().badge);
  // The original keeps none; another badge from it is fine.
  TEST_ASSERT_EQUAL_UINT64(0, space->identify(0).value().badge);
  TEST_ASSERT_STATUS(Status::kOk, space->mint_badge(0, *space, 3, kCapWrite, 7).status());
  TEST_ASSERT_EQUAL_UINT64(7, space->identify(3).value().badge);
  // The fast lookup reports it too.
  Status status = Status::kOk;
  uint64_t badge = 0;
  KernelObject* object =
      other->acquire_object(2, CapabilityType::kEndpoint, kCapWrite, &status, &badge);
  TEST_ASSERT_NOT_NULL(object);
  TEST_ASSERT_EQUAL_UINT64(42, badge);
  TEST_ASSERT_FALSE(object->release());
  // cap_identify shows an Endpoint's badge as `base`.
  TEST_ASSERT_EQUAL_UINT64(42, identity_of(other->identify(2).value()).base);
  TEST_ASSERT_EQUAL_UINT64(0, identity_of(other->identify(2).value()).count);
  space->check_invariants();
  other->check_invariants();
  // A revoke of the original takes the badged copies everywhere.
  TEST_ASSERT_STATUS(Status::kOk, space->revoke(0).status());
  TEST_ASSERT_STATUS(Status::kBadHandle, other->identify(2).status());
}

void test_refusals_change_nothing() {
  RefPtr<CapSpace> space = space_with_endpoint();
  TEST_ASSERT_TRUE(space->insert_io_ports_root(1).is_ok());
  TEST_ASSERT_STATUS(Status::kOk, space->mint_badge(0, *space, 2, kAll, 5).status());
  CapSlotSnapshot before[8];
  for (uint32_t i = 0; i < 8; ++i) before[i] = space->snapshot(i);
  TEST_ASSERT_STATUS(Status::kInvalidArgument, space->mint_badge(0, *space, 3, kAll, 0).status());
  TEST_ASSERT_STATUS(Status::kWrongType, space->mint_badge(1, *space, 3, kAll, 5).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied, space->mint_badge(2, *space, 3, kAll, 6).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     space->mint_badge(2, *space, 3, kAll | kCapExecute, 6).status());
  TEST_ASSERT_STATUS(Status::kBadHandle, space->mint_badge(4, *space, 3, kAll, 6).status());
  TEST_ASSERT_STATUS(Status::kAlreadyExists, space->mint_badge(0, *space, 1, kAll, 6).status());
  for (uint32_t i = 0; i < 8; ++i) TEST_ASSERT_TRUE(before[i] == space->snapshot(i));
  space->check_invariants();
}

void test_decode_badge_words() {
  const auto decode = [](uint64_t flags, uint64_t base, uint64_t count) {
    const uint64_t words[6] = {0, 1, kCapWrite, flags, base, count};
    return decode_cap_copy(words);
  };
  Result<CapCopyRequest> ok = decode(kCapCopyBadge, 99, 0);
  TEST_ASSERT_TRUE(ok.is_ok());
  TEST_ASSERT_TRUE(ok.value().badge);
  TEST_ASSERT_FALSE(ok.value().narrow);
  TEST_ASSERT_EQUAL_UINT64(99, ok.value().base);
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(kCapCopyBadge, 0, 0).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(kCapCopyBadge, 9, 1).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     decode(kCapCopyBadge | kCapCopyNarrow, 9, 1).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode(1u << 2, 0, 0).status());
  TEST_ASSERT_TRUE(decode(0, 0, 0).is_ok());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_badge_is_set_once_and_inherited);
  RUN_TEST(test_refusals_change_nothing);
  RUN_TEST(test_decode_badge_words);
  return UNITY_END();
}
