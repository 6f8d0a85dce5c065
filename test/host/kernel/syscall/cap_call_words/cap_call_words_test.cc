// Tests of the capability calls' argument decoding: each word's refusal and its order, the range
// that only kCapCopyNarrow may carry, the identity and rights conversions, and how vm_batch names
// the cause of a refused map (outside the Frames capability or wider rights).
#include "kernel/syscall/cap_call_words.h"

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

Status copy_status(uint64_t slot, uint64_t target, uint64_t rights, uint64_t flags, uint64_t base,
                   uint64_t count) {
  const uint64_t words[6] = {slot, target, rights, flags, base, count};
  return decode_cap_copy(words).status();
}

constexpr uint64_t kFramesBase = 0x100000;  // physical: frame numbers 0x100 .. 0x10F
const Range<uint64_t> kFrames{kFramesBase, 16 * kPageSize};

}  // namespace

void test_slot_words() {
  TEST_ASSERT_EQUAL_UINT32(7, decode_slot(7).value());
  TEST_ASSERT_EQUAL_UINT32(kCapSlotAny, decode_slot(kCapSlotAny).value());
  TEST_ASSERT_EQUAL_UINT32(kCapSlotNone, decode_slot(kCapSlotNone).value());
  TEST_ASSERT_STATUS(Status::kBadHandle, decode_slot(uint64_t{1} << 32).status());
  TEST_ASSERT_STATUS(Status::kBadHandle, decode_slot(UINT64_MAX).status());
}

void test_rights_words() {
  TEST_ASSERT_EQUAL_UINT32(kCapRightsMask, decode_rights(kCapRightsMask).value());
  TEST_ASSERT_EQUAL_UINT32(0, decode_rights(0).value());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode_rights(1u << 4).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, decode_rights(uint64_t{1} << 32).status());
}

void test_cap_copy_plain() {
  const uint64_t words[6] = {1, 2, kCapRead, 0, 0, 0};
  Result<CapCopyRequest> r = decode_cap_copy(words);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_UINT32(1, r.value().slot);
  TEST_ASSERT_EQUAL_UINT32(2, r.value().target_slot);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, r.value().rights);
  TEST_ASSERT_FALSE(r.value().narrow);
}

void test_cap_copy_narrow_passes_the_range_on_unchecked() {
  // The range itself (zero, wrapping) is CapSpace::mint's to refuse, after the capabilities.
  const uint64_t words[6] = {1, kCapSlotAny, kCapRead | kCapWrite, kCapCopyNarrow, UINT64_MAX, 0};
  Result<CapCopyRequest> r = decode_cap_copy(words);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_TRUE(r.value().narrow);
  TEST_ASSERT_EQUAL_UINT32(kCapSlotAny, r.value().target_slot);
  TEST_ASSERT_EQUAL_UINT64(UINT64_MAX, r.value().base);
  TEST_ASSERT_EQUAL_UINT64(0, r.value().count);
}

void test_cap_copy_refusals_in_order() {
  TEST_ASSERT_STATUS(Status::kBadHandle, copy_status(uint64_t{1} << 32, 2, 1u << 9, 8, 1, 1));
  TEST_ASSERT_STATUS(Status::kBadHandle, copy_status(1, uint64_t{1} << 32, 1u << 9, 8, 1, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, copy_status(1, 2, 1u << 9, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, copy_status(1, 2, kCapRead, 2, 0, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     copy_status(1, 2, kCapRead, uint64_t{1} << 32 | kCapCopyNarrow, 0, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, copy_status(1, 2, kCapRead, 0, 1, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, copy_status(1, 2, kCapRead, 0, 0, 1));
  TEST_ASSERT_STATUS(Status::kOk, copy_status(1, 2, kCapRead, kCapCopyNarrow, 0, 1));
}

void test_identity_of_a_frames_capability() {
  const CapInfo info{CapabilityType::kFrames, kCapRead | kCapGrant, CapRange{0x100, 16}};
  const CapIdentity id = identity_of(info);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kFrames), id.type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapGrant, id.rights);
  TEST_ASSERT_EQUAL_UINT64(0x100, id.base);
  TEST_ASSERT_EQUAL_UINT64(16, id.count);
  const Range<uint64_t> bytes = frame_bytes_of(info.range);
  TEST_ASSERT_EQUAL_UINT64(kFramesBase, bytes.base);
  TEST_ASSERT_EQUAL_UINT64(16 * kPageSize, bytes.size);
}

void test_mapping_rights_follow_capability_rights() {
  TEST_ASSERT_EQUAL_UINT8(0, vm_rights_of(0));
  TEST_ASSERT_EQUAL_UINT8(0, vm_rights_of(kCapGrant));
  TEST_ASSERT_EQUAL_UINT8(kVmRead, vm_rights_of(kCapRead | kCapGrant));
  TEST_ASSERT_EQUAL_UINT8(kVmRead | kVmWrite, vm_rights_of(kCapRead | kCapWrite));
  TEST_ASSERT_EQUAL_UINT8(kVmRead | kVmWrite | kVmExec, vm_rights_of(kCapRightsMask));
}

void test_refused_map_names_frames_outside_the_capability() {
  const VmOp inside = vm_map_op(0x400000, kFramesBase, 16, kVmRead);
  const VmOp past = vm_map_op(0x400000, kFramesBase + kPageSize, 16, kVmRead);
  const VmOp below = vm_map_op(0x400000, kFramesBase - kPageSize, 1, kVmRead);
  // Inside: the rights were the problem, kAccessDenied stays.
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     vm_batch_refined_status(Status::kAccessDenied, inside, kFrames));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     vm_batch_refined_status(Status::kAccessDenied, past, kFrames));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     vm_batch_refined_status(Status::kAccessDenied, below, kFrames));
  // No Frames capability: nothing is inside.
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     vm_batch_refined_status(Status::kAccessDenied, inside, Range<uint64_t>{}));
}

void test_refinement_leaves_other_answers_alone() {
  const VmOp past = vm_map_op(0x400000, kFramesBase + 16 * kPageSize, 1, kVmRead);
  TEST_ASSERT_STATUS(Status::kAlreadyExists,
                     vm_batch_refined_status(Status::kAlreadyExists, past, kFrames));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     vm_batch_refined_status(Status::kInvalidArgument, past, kFrames));
  // The kernel half is refused by the shape check, whatever the frames.
  const VmOp kernel_half = vm_map_op(kUserTop, kFramesBase + 16 * kPageSize, 1, kVmRead);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     vm_batch_refined_status(Status::kAccessDenied, kernel_half, kFrames));
  const VmOp crossing = vm_map_op(kUserTop - kPageSize, kFramesBase + 16 * kPageSize, 2, kVmRead);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     vm_batch_refined_status(Status::kAccessDenied, crossing, kFrames));
  // A protect is about the frames already mapped: never renamed.
  const VmOp protect = vm_protect_op(0x400000, 1, kVmRead | kVmWrite);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     vm_batch_refined_status(Status::kAccessDenied, protect, kFrames));
  // Frames that wrap are the shape check's (kOverflow); a stray kAccessDenied stays as it is.
  const VmOp wrapping = vm_map_op(0x400000, UINT64_MAX & ~(kPageSize - 1), 2, kVmRead);
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     vm_batch_refined_status(Status::kAccessDenied, wrapping, kFrames));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_slot_words);
  RUN_TEST(test_rights_words);
  RUN_TEST(test_cap_copy_plain);
  RUN_TEST(test_cap_copy_narrow_passes_the_range_on_unchecked);
  RUN_TEST(test_cap_copy_refusals_in_order);
  RUN_TEST(test_identity_of_a_frames_capability);
  RUN_TEST(test_mapping_rights_follow_capability_rights);
  RUN_TEST(test_refused_map_names_frames_outside_the_capability);
  RUN_TEST(test_refinement_leaves_other_answers_alone);
  return UNITY_END();
}
