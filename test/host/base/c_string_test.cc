// base/c_string.h: length, equality (whole texts and a word inside a line) and prefix.
#include "base/c_string.h"

#include "unity.h"

void setUp() {}
void tearDown() {}

// The helpers are constexpr: the shell and init use them in tables built at compile time.
static_assert(__builtin_strlen("") == 0);
static_assert(base::same_text("memsrv", "memsrv"));
static_assert(!base::same_text("mem", 3, "memsrv"));

static void test_same_text_whole() {
  TEST_ASSERT_TRUE(base::same_text("", ""));
  TEST_ASSERT_TRUE(base::same_text("ports", "ports"));
  TEST_ASSERT_FALSE(base::same_text("port", "ports"));  // a prefix is not the same
  TEST_ASSERT_FALSE(base::same_text("ports", "port"));
  TEST_ASSERT_FALSE(base::same_text("ports", "Ports"));  // bytes, not letters
  TEST_ASSERT_FALSE(base::same_text("", "x"));
  TEST_ASSERT_FALSE(base::same_text("x", ""));
}

static void test_same_text_word_in_a_line() {
  const char* line = "cow,churn ipc";
  TEST_ASSERT_TRUE(base::same_text(line, 3, "cow"));
  TEST_ASSERT_TRUE(base::same_text(line + 4, 5, "churn"));
  TEST_ASSERT_FALSE(base::same_text(line + 4, 4, "churn"));  // the word is shorter
  TEST_ASSERT_FALSE(base::same_text(line + 4, 5, "chur"));   // the name is shorter
  TEST_ASSERT_FALSE(base::same_text(line, 3, "cox"));
  TEST_ASSERT_TRUE(base::same_text(line, 0, ""));
  TEST_ASSERT_FALSE(base::same_text(line, 0, "c"));
}

static void test_starts_with() {
  TEST_ASSERT_TRUE(base::starts_with("seed=0x5", "seed="));
  TEST_ASSERT_TRUE(base::starts_with("seed=", "seed="));
  TEST_ASSERT_TRUE(base::starts_with("anything", ""));
  TEST_ASSERT_FALSE(base::starts_with("see", "seed="));  // the text ends first
  TEST_ASSERT_FALSE(base::starts_with("seconds=3", "seed="));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_same_text_whole);
  RUN_TEST(test_same_text_word_in_a_line);
  RUN_TEST(test_starts_with);
  return UNITY_END();
}
