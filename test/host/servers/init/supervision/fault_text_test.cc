// servers/init/fault_text: each kind's line, with the page fault's address and the port fault's
// port, width and direction, and a line cut to a small buffer.
#include <string.h>

#include "servers/init/fault_text.h"
#include "unity.h"

namespace {

FaultMessage fault(FaultKind kind, uint8_t vector, uint64_t rip, uint64_t detail) {
  FaultMessage f;
  f.task_id = 7;
  f.thread_id = 9;
  f.kind = kind;
  f.vector = vector;
  f.error_code = kind == FaultKind::kPage ? 4 : 0;
  f.rip = rip;
  f.detail = detail;
  return f;
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_page_fault() {
  char text[kFaultTextBytes];
  format_fault(fault(FaultKind::kPage, 14, 0x400000, 0x5afe0008), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING("page fault (vector 14, error 0x4) at rip 0x400000, address 0x5afe0008",
                           text);
}

void test_port_fault_in_and_out() {
  char text[kFaultTextBytes];
  format_fault(fault(FaultKind::kPort, 13, 0x400005, 0x5a5a | 2u << 16 | kFaultPortOut), text,
               sizeof text);
  TEST_ASSERT_EQUAL_STRING(
      "port fault (vector 13, error 0x0) at rip 0x400005, out port 0x5a5a width 2", text);
  format_fault(fault(FaultKind::kPort, 13, 0x401234, 0x80 | 1u << 16), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING(
      "port fault (vector 13, error 0x0) at rip 0x401234, in port 0x80 width 1", text);
}

void test_other_kinds_have_no_detail() {
  char text[kFaultTextBytes];
  format_fault(fault(FaultKind::kInvalidOpcode, 6, 0x401000, 0xdead), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING("invalid opcode (vector 6, error 0x0) at rip 0x401000", text);
  format_fault(fault(FaultKind::kDivide, 0, 0x10, 0), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING("divide error (vector 0, error 0x0) at rip 0x10", text);
  format_fault(fault(FaultKind::kGeneralProtection, 13, 0x10, 0), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING("general protection fault (vector 13, error 0x0) at rip 0x10", text);
  format_fault(fault(FaultKind::kOther, 3, 0x10, 0), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING("exception (vector 3, error 0x0) at rip 0x10", text);
}

void test_cut_to_fit() {
  char text[16];
  const size_t full =
      format_fault(fault(FaultKind::kPage, 14, 0x400000, 0x5afe0008), text, sizeof text);
  TEST_ASSERT_EQUAL_STRING("page fault (vec", text);
  TEST_ASSERT_EQUAL_UINT64(strlen("page fault (vector 14, error 0x4) at rip 0x400000, address "
                                  "0x5afe0008"),
                           full);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_page_fault);
  RUN_TEST(test_port_fault_in_and_out);
  RUN_TEST(test_other_kinds_have_no_detail);
  RUN_TEST(test_cut_to_fit);
  return UNITY_END();
}
