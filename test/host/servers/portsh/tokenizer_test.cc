// servers/portsh/tokenizer: words split at spaces and tabs, quotes, and the two refusals.
#include "servers/portsh/tokenizer.h"

#include <string.h>

#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

Status split(const char* text, portsh::Words& words, char* buffer, size_t capacity) {
  strncpy(buffer, text, capacity - 1);
  buffer[capacity - 1] = '\0';
  return portsh::split_words(buffer, words);
}

}  // namespace

void test_words_split_at_spaces_and_tabs() {
  char line[128];
  portsh::Words w;
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(split("  caps\t 7   x ", w, line, sizeof line)));
  TEST_ASSERT_EQUAL_INT(3, w.count);
  TEST_ASSERT_EQUAL_STRING("caps", w.words[0]);
  TEST_ASSERT_EQUAL_STRING("7", w.words[1]);
  TEST_ASSERT_EQUAL_STRING("x", w.words[2]);
  TEST_ASSERT_NULL(w.words[3]);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(split("   ", w, line, sizeof line)));
  TEST_ASSERT_EQUAL_INT(0, w.count);
}

void test_quotes_hold_spaces_and_join_parts() {
  char line[128];
  portsh::Words w;
  TEST_ASSERT_TRUE(split("echo \"two words\" 'it''s' a\"b c\"d \"\"", w, line, sizeof line) ==
                   Status::kOk);
  TEST_ASSERT_EQUAL_INT(5, w.count);
  TEST_ASSERT_EQUAL_STRING("two words", w.words[1]);
  TEST_ASSERT_EQUAL_STRING("its", w.words[2]);
  TEST_ASSERT_EQUAL_STRING("ab cd", w.words[3]);
  TEST_ASSERT_EQUAL_STRING("", w.words[4]);
  TEST_ASSERT_TRUE(split("echo \"it's\"", w, line, sizeof line) == Status::kOk);
  TEST_ASSERT_EQUAL_STRING("it's", w.words[1]);
}

void test_an_open_quote_and_too_many_words_are_refused() {
  char line[128];
  portsh::Words w;
  TEST_ASSERT_TRUE(split("echo \"open", w, line, sizeof line) == Status::kInvalidArgument);
  TEST_ASSERT_EQUAL_STRING("a quote is not closed", w.error);
  TEST_ASSERT_TRUE(split("a b c d e f g h i j k l m n o p", w, line, sizeof line) == Status::kOk);
  TEST_ASSERT_EQUAL_INT(portsh::kMaxWords, w.count);
  TEST_ASSERT_TRUE(split("a b c d e f g h i j k l m n o p q", w, line, sizeof line) ==
                   Status::kOutOfRange);
  TEST_ASSERT_EQUAL_STRING("too many words", w.error);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_words_split_at_spaces_and_tabs);
  RUN_TEST(test_quotes_hold_spaces_and_join_parts);
  RUN_TEST(test_an_open_quote_and_too_many_words_are_refused);
  return UNITY_END();
}
