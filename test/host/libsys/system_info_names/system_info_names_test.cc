// Every state and type value has its word, unknown values print "?", and rights print as "rwxg"
// letters with '-' for the ones not held.
#include "libsys/system_info_names.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

void test_task_states() {
  TEST_ASSERT_EQUAL_STRING("new", sys::task_state_name(0));
  TEST_ASSERT_EQUAL_STRING("running", sys::task_state_name(1));
  TEST_ASSERT_EQUAL_STRING("killed", sys::task_state_name(2));
  TEST_ASSERT_EQUAL_STRING("exited", sys::task_state_name(3));
  TEST_ASSERT_EQUAL_STRING("?", sys::task_state_name(4));
}

void test_thread_states() {
  TEST_ASSERT_EQUAL_STRING("ready", sys::thread_state_name(0));
  TEST_ASSERT_EQUAL_STRING("running", sys::thread_state_name(1));
  TEST_ASSERT_EQUAL_STRING("blocked", sys::thread_state_name(2));
  TEST_ASSERT_EQUAL_STRING("waiting", sys::thread_state_name(3));
  TEST_ASSERT_EQUAL_STRING("exited", sys::thread_state_name(4));
  TEST_ASSERT_EQUAL_STRING("?", sys::thread_state_name(200));
}

void test_capability_types() {
  const char* names[] = {"empty", "io_ports", "io_bitmap",     "endpoint",
                         "task",  "thread",   "address_space", "frames",
                         "irq",   "module",   "system_info"};
  for (uint32_t t = 0; t < sizeof names / sizeof names[0]; ++t) {
    TEST_ASSERT_EQUAL_STRING(names[t], sys::capability_type_name(t));
  }
  TEST_ASSERT_EQUAL_STRING("?", sys::capability_type_name(11));
}

void test_rights() {
  TEST_ASSERT_EQUAL_STRING("----", sys::rights_text(0).text);
  TEST_ASSERT_EQUAL_STRING("r---", sys::rights_text(kCapRead).text);
  TEST_ASSERT_EQUAL_STRING("rw-g", sys::rights_text(kCapRead | kCapWrite | kCapGrant).text);
  TEST_ASSERT_EQUAL_STRING("rwxg", sys::rights_text(kCapRightsMask).text);
  TEST_ASSERT_EQUAL_STRING("--x-", sys::rights_text(kCapExecute | 0x100).text);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_task_states);
  RUN_TEST(test_thread_states);
  RUN_TEST(test_capability_types);
  RUN_TEST(test_rights);
  return UNITY_END();
}
