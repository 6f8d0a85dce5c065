// Tests of the port-I/O calls' checks (kernel/syscall/io_port_access_words.h): each word's
// refusal and its order, the whole access inside the capability (both edges, the top of the port
// space, every width), the right per direction, and io_vector's first bad operation.
#include "kernel/syscall/io_port_access_words.h"

#include "abi/portcullis/capability_type.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

CapInfo ports(uint64_t base, uint64_t count, uint32_t rights = kCapRead | kCapWrite) {
  return CapInfo{CapabilityType::kIoPorts, rights, CapRange{base, count}};
}

Status access(uint64_t port, uint64_t width, IoPortDirection direction, uint64_t value = 0) {
  return decode_io_access(port, width, direction, value).status();
}

}  // namespace

void test_widths() {
  for (uint64_t width = 0; width <= 9; ++width) {
    const bool valid = width == 1 || width == 2 || width == 4;
    TEST_ASSERT_STATUS(valid ? Status::kOk : Status::kInvalidArgument,
                       access(0x80, width, IoPortDirection::kIn));
  }
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     access(0x80, (uint64_t{1} << 32) | 1, IoPortDirection::kIn));
}

void test_out_values_fit_the_width() {
  TEST_ASSERT_STATUS(Status::kOk, access(0x80, 1, IoPortDirection::kOut, 0xFF));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, access(0x80, 1, IoPortDirection::kOut, 0x100));
  TEST_ASSERT_STATUS(Status::kOk, access(0x80, 2, IoPortDirection::kOut, 0xFFFF));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, access(0x80, 2, IoPortDirection::kOut, 0x10000));
  TEST_ASSERT_STATUS(Status::kOk, access(0x80, 4, IoPortDirection::kOut, 0xFFFFFFFF));
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     access(0x80, 4, IoPortDirection::kOut, uint64_t{1} << 32));
}

void test_port_words() {
  TEST_ASSERT_STATUS(Status::kOk, access(0xFFFF, 1, IoPortDirection::kIn));
  TEST_ASSERT_STATUS(Status::kOutOfRange, access(0x10000, 1, IoPortDirection::kIn));
  TEST_ASSERT_STATUS(Status::kOutOfRange, access(~uint64_t{0}, 1, IoPortDirection::kIn));
  // The width is checked first.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, access(0x10000, 3, IoPortDirection::kIn));
  const Result<IoPortOp> op = decode_io_access(0x1234, 2, IoPortDirection::kOut, 0xBEEF);
  TEST_ASSERT_TRUE(op.is_ok());
  TEST_ASSERT_TRUE(op.value() == io_out_op(0x1234, 2, 0xBEEF));
}

void test_whole_access_inside_the_capability() {
  const CapInfo cap = ports(0x80, 4);
  TEST_ASSERT_STATUS(Status::kOk, check_io_op_allowed(io_in_op(0x80, 4), cap));
  TEST_ASSERT_STATUS(Status::kOk, check_io_op_allowed(io_in_op(0x82, 2), cap));
  TEST_ASSERT_STATUS(Status::kOk, check_io_op_allowed(io_in_op(0x83, 1), cap));
  TEST_ASSERT_STATUS(Status::kOutOfRange, check_io_op_allowed(io_in_op(0x81, 4), cap));
  TEST_ASSERT_STATUS(Status::kOutOfRange, check_io_op_allowed(io_in_op(0x83, 2), cap));
  TEST_ASSERT_STATUS(Status::kOutOfRange, check_io_op_allowed(io_in_op(0x7F, 2), cap));
  TEST_ASSERT_STATUS(Status::kOutOfRange, check_io_op_allowed(io_in_op(0x84, 1), cap));
  // The top of the port space: the root covers 0xFFFC at width 4, nothing past 0xFFFF.
  const CapInfo root = ports(0, 65536);
  TEST_ASSERT_STATUS(Status::kOk, check_io_op_allowed(io_in_op(0xFFFC, 4), root));
  TEST_ASSERT_STATUS(Status::kOk, check_io_op_allowed(io_in_op(0xFFFF, 1), root));
  TEST_ASSERT_STATUS(Status::kOutOfRange, check_io_op_allowed(io_in_op(0xFFFF, 2), root));
  TEST_ASSERT_STATUS(Status::kOutOfRange, check_io_op_allowed(io_in_op(0xFFFD, 4), root));
}

void test_rights_per_direction() {
  TEST_ASSERT_STATUS(Status::kOk, check_io_op_allowed(io_in_op(0x80, 1), ports(0x80, 1, kCapRead)));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     check_io_op_allowed(io_out_op(0x80, 1, 0), ports(0x80, 1, kCapRead)));
  TEST_ASSERT_STATUS(Status::kOk,
                     check_io_op_allowed(io_out_op(0x80, 1, 0), ports(0x80, 1, kCapWrite)));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     check_io_op_allowed(io_in_op(0x80, 1), ports(0x80, 1, kCapWrite)));
  // The right comes before the range.
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     check_io_op_allowed(io_in_op(0x90, 1), ports(0x80, 1, kCapWrite)));
}

void test_vector_first_bad_op() {
  const CapInfo cap = ports(0x70, 0x14);
  IoPortOp ops[5] = {io_out_op(0x70, 1, 0), io_in_op(0x71, 1), io_in_op(0x80, 4), io_in_op(0x80, 2),
                     io_out_op(0x80, 1, 0x55)};
  IoVectorCheck check = check_io_vector(ops, 5, cap);
  TEST_ASSERT_STATUS(Status::kOk, check.status);
  TEST_ASSERT_EQUAL_UINT32(5, check.bad_index);
  check = check_io_vector(ops, 0, cap);
  TEST_ASSERT_STATUS(Status::kOk, check.status);
  TEST_ASSERT_EQUAL_UINT32(0, check.bad_index);
  ops[3] = io_in_op(0x84, 1);  // outside
  ops[4].width = 3;            // malformed, later
  check = check_io_vector(ops, 5, cap);
  TEST_ASSERT_STATUS(Status::kOutOfRange, check.status);
  TEST_ASSERT_EQUAL_UINT32(3, check.bad_index);
  ops[1].direction = static_cast<IoPortDirection>(7);
  check = check_io_vector(ops, 5, cap);
  TEST_ASSERT_STATUS(Status::kInvalidArgument, check.status);
  TEST_ASSERT_EQUAL_UINT32(1, check.bad_index);
  ops[1] = io_in_op(0x71, 1);
  check = check_io_vector(ops, 5, ports(0x70, 0x14, kCapRead));  // index 0 is an out
  TEST_ASSERT_STATUS(Status::kAccessDenied, check.status);
  TEST_ASSERT_EQUAL_UINT32(0, check.bad_index);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_widths);
  RUN_TEST(test_out_values_fit_the_width);
  RUN_TEST(test_port_words);
  RUN_TEST(test_whole_access_inside_the_capability);
  RUN_TEST(test_rights_per_direction);
  RUN_TEST(test_vector_first_bad_op);
  return UNITY_END();
}
