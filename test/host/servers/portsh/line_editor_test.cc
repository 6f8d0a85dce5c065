// servers/portsh/line_editor: what each typed byte does to the line and what the terminal is
// sent: echo, backspace and DEL, Ctrl-C, the three Enters, history with the arrows, escape
// sequences ignored, and an over-long line refused whole.
#include "servers/portsh/line_editor.h"

#include <string.h>

#include <string>

#include "unity.h"

namespace {

using Event = portsh::LineEditor::Event;

// Feeds `bytes`; returns the last event and appends the echo to `shown`.
Event type(portsh::LineEditor& editor, const std::string& bytes, std::string& shown) {
  Event last = Event::kNone;
  for (char c : bytes) {
    portsh::Echo echo;
    last = editor.feed(c, echo);
    shown.append(echo.bytes, echo.used);
  }
  return last;
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_printable_bytes_echo_and_enter_ends_the_line() {
  portsh::LineEditor editor;
  std::string shown;
  TEST_ASSERT_TRUE(type(editor, "echo hi", shown) == Event::kNone);
  TEST_ASSERT_EQUAL_STRING("echo hi", shown.c_str());
  TEST_ASSERT_TRUE(type(editor, "\r", shown) == Event::kLine);
  TEST_ASSERT_EQUAL_STRING("echo hi\n", shown.c_str());
  TEST_ASSERT_EQUAL_STRING("echo hi", editor.line());
  TEST_ASSERT_EQUAL_UINT32(7, editor.length());
}

void test_cr_lf_is_one_enter_and_lf_alone_is_one() {
  portsh::LineEditor editor;
  std::string shown;
  TEST_ASSERT_TRUE(type(editor, "a\r", shown) == Event::kLine);
  TEST_ASSERT_TRUE(type(editor, "\n", shown) == Event::kNone);  // the LF of CR LF
  TEST_ASSERT_TRUE(type(editor, "b\n", shown) == Event::kLine);
  TEST_ASSERT_EQUAL_STRING("b", editor.line());
  TEST_ASSERT_TRUE(type(editor, "\n", shown) == Event::kLine);  // an empty line
  TEST_ASSERT_EQUAL_STRING("", editor.line());
}

void test_backspace_and_delete_erase() {
  portsh::LineEditor editor;
  std::string shown;
  type(editor, "echx\x7f", shown);
  TEST_ASSERT_EQUAL_STRING("echx\b \b", shown.c_str());
  shown.clear();
  type(editor, "o\b\bho", shown);
  TEST_ASSERT_EQUAL_STRING("o\b \b\b \bho", shown.c_str());
  TEST_ASSERT_TRUE(type(editor, "\r", shown) == Event::kLine);
  TEST_ASSERT_EQUAL_STRING("echo", editor.line());
  shown.clear();
  type(editor, "\x7f", shown);  // nothing to erase: nothing shown
  TEST_ASSERT_EQUAL_STRING("", shown.c_str());
}

void test_ctrl_c_cancels_the_line() {
  portsh::LineEditor editor;
  std::string shown;
  TEST_ASSERT_TRUE(type(editor, "mem\x03", shown) == Event::kCancelled);
  TEST_ASSERT_EQUAL_STRING("mem^C\n", shown.c_str());
  TEST_ASSERT_TRUE(type(editor, "x\r", shown) == Event::kLine);
  TEST_ASSERT_EQUAL_STRING("x", editor.line());  // the cancelled text is gone
}

void test_control_bytes_and_unknown_sequences_are_ignored() {
  portsh::LineEditor editor;
  std::string shown;
  type(editor, "a\x01\t\x1b[C\x1b[1;5D\x1bOb\xc3\r", shown);
  TEST_ASSERT_EQUAL_STRING("ab", editor.line());  // ESC O: not a CSI; 'b' is text again
  TEST_ASSERT_EQUAL_STRING("ab\n", shown.c_str());
}

void test_history_with_up_and_down() {
  portsh::LineEditor editor;
  std::string shown;
  type(editor, "first\rsecond\rsecond\r", shown);  // the same line twice is kept once
  shown.clear();
  type(editor, "x\x1b[A", shown);
  TEST_ASSERT_EQUAL_STRING("x\x1b[1D\x1b[Ksecond", shown.c_str());
  shown.clear();
  type(editor, "\x1b[A", shown);
  TEST_ASSERT_EQUAL_STRING("\x1b[6D\x1b[Kfirst", shown.c_str());
  shown.clear();
  type(editor, "\x1b[A", shown);  // no older line: nothing happens
  TEST_ASSERT_EQUAL_STRING("", shown.c_str());
  type(editor, "\x1b[B", shown);
  TEST_ASSERT_EQUAL_STRING("\x1b[5D\x1b[Ksecond", shown.c_str());
  shown.clear();
  type(editor, "\x1b[B", shown);  // past the newest: an empty line
  TEST_ASSERT_EQUAL_STRING("\x1b[6D\x1b[K", shown.c_str());
  TEST_ASSERT_TRUE(type(editor, "\x1b[A\x1b[A!\r", shown) == Event::kLine);
  TEST_ASSERT_EQUAL_STRING("first!", editor.line());
}

void test_history_keeps_the_newest_lines() {
  portsh::LineEditor editor;
  std::string shown;
  for (int i = 0; i < 20; ++i) type(editor, std::to_string(i) + "\r", shown);
  for (size_t i = 0; i < portsh::LineEditor::kHistoryLines + 3; ++i) type(editor, "\x1b[A", shown);
  TEST_ASSERT_TRUE(type(editor, "\r", shown) == Event::kLine);
  TEST_ASSERT_EQUAL_STRING("4", editor.line());  // 20 lines, 16 kept: 4 is the oldest
}

void test_an_over_long_line_is_refused_whole() {
  portsh::LineEditor editor;
  std::string shown;
  const std::string full(portsh::LineEditor::kMaxLineBytes, 'a');
  type(editor, full, shown);
  TEST_ASSERT_EQUAL_STRING(full.c_str(), shown.c_str());
  shown.clear();
  type(editor, "bc", shown);
  TEST_ASSERT_EQUAL_STRING("\a\a", shown.c_str());  // refused, with a bell each
  TEST_ASSERT_TRUE(type(editor, "\r", shown) == Event::kTooLong);
  TEST_ASSERT_TRUE(type(editor, "ok\r", shown) == Event::kLine);  // the next line is fresh
  TEST_ASSERT_EQUAL_STRING("ok", editor.line());
  type(editor, "\x1b[A\r", shown);
  TEST_ASSERT_EQUAL_STRING("ok", editor.line());  // the refused line is not in the history
}

void test_a_full_line_that_lost_a_byte_may_still_be_edited() {
  portsh::LineEditor editor;
  std::string shown;
  type(editor, std::string(portsh::LineEditor::kMaxLineBytes, 'a') + "b\x7f", shown);
  TEST_ASSERT_TRUE(type(editor, "\r", shown) == Event::kLine);  // what is shown is what runs
  TEST_ASSERT_EQUAL_UINT32(portsh::LineEditor::kMaxLineBytes - 1, editor.length());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_printable_bytes_echo_and_enter_ends_the_line);
  RUN_TEST(test_cr_lf_is_one_enter_and_lf_alone_is_one);
  RUN_TEST(test_backspace_and_delete_erase);
  RUN_TEST(test_ctrl_c_cancels_the_line);
  RUN_TEST(test_control_bytes_and_unknown_sequences_are_ignored);
  RUN_TEST(test_history_with_up_and_down);
  RUN_TEST(test_history_keeps_the_newest_lines);
  RUN_TEST(test_an_over_long_line_is_refused_whole);
  RUN_TEST(test_a_full_line_that_lost_a_byte_may_still_be_edited);
  return UNITY_END();
}
