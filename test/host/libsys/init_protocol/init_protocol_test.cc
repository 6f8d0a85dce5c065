// libsys/init_protocol.h: a list entry round-trips with every state, the largest task id and
// figures, and a name cut at kInitEntryNameBytes; malformed entries are refused. Start-line parts
// round-trip at every length and offset, a long line takes a part at a time, and parts with no
// bytes, too many, stray bits or a NUL are refused.
#include <stdint.h>
#include <string.h>

#include "libsys/init_protocol.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_entries_round_trip() {
  for (uint8_t state = 1; state <= 7; ++state) {
    sys::InitProgramEntry entry;
    entry.task_id = 0xFFFF'FFFF - state;
    entry.line_number = 12;
    entry.state = static_cast<sys::InitProgramState>(state);
    entry.restarts = state;
    strcpy(entry.name, "uart16550");
    IpcMessage message;
    message.words[3] = 0xDEAD;  // stale words are cleared
    sys::init_entry_pack(entry, &message);
    TEST_ASSERT_EQUAL_UINT8(kIpcMessageWords, message.word_count);
    sys::InitProgramEntry out;
    TEST_ASSERT_TRUE(sys::init_entry_unpack(message, &out));
    TEST_ASSERT_EQUAL_UINT32(entry.task_id, out.task_id);
    TEST_ASSERT_EQUAL_UINT32(12, out.line_number);
    TEST_ASSERT_EQUAL_UINT8(state, static_cast<uint8_t>(out.state));
    TEST_ASSERT_EQUAL_UINT32(state, out.restarts);
    TEST_ASSERT_EQUAL_STRING("uart16550", out.name);
    TEST_ASSERT_NOT_EQUAL(0, strcmp("unknown", sys::init_program_state_name(out.state)));
  }
}

void test_entry_figures_saturate_and_names_are_cut() {
  sys::InitProgramEntry entry;
  entry.task_id = 7;
  entry.line_number = 70000;
  entry.restarts = 1000;
  strcpy(entry.name, "a_module_name_of_24_byte");  // exactly kInitEntryNameBytes
  IpcMessage message;
  sys::init_entry_pack(entry, &message);
  sys::InitProgramEntry out;
  TEST_ASSERT_TRUE(sys::init_entry_unpack(message, &out));
  TEST_ASSERT_EQUAL_UINT32(0xFFFF, out.line_number);
  TEST_ASSERT_EQUAL_UINT32(255, out.restarts);
  TEST_ASSERT_EQUAL_STRING("a_module_name_of_24_byte", out.name);
}

void test_malformed_entries_are_refused() {
  sys::InitProgramEntry entry;
  IpcMessage message;
  sys::init_entry_pack(entry, &message);
  sys::InitProgramEntry out;
  message.word_count = 3;
  TEST_ASSERT_FALSE(sys::init_entry_unpack(message, &out));
  message.word_count = kIpcMessageWords;
  message.words[0] &= ~(uint64_t{0xFF} << 48);  // state 0
  TEST_ASSERT_FALSE(sys::init_entry_unpack(message, &out));
  message.words[0] |= uint64_t{8} << 48;  // past the last state
  TEST_ASSERT_FALSE(sys::init_entry_unpack(message, &out));
  TEST_ASSERT_EQUAL_STRING("unknown", sys::init_program_state_name(sys::InitProgramState{0}));
}

void test_text_parts_round_trip() {
  const char line[] = "supervised_child spin 0x80 and more words after them";
  const size_t total = strlen(line);
  for (size_t n = 1; n <= sys::kInitTextBytesPerPart; ++n) {
    IpcMessage message;
    TEST_ASSERT_EQUAL(n, sys::init_text_pack(line, n, 200, &message));
    char out[sys::kInitTextBytesPerPart];
    size_t offset = 0;
    TEST_ASSERT_EQUAL(n, sys::init_text_unpack(message, out, &offset));
    TEST_ASSERT_EQUAL(200, offset);
    TEST_ASSERT_EQUAL_INT(0, memcmp(line, out, n));
  }
  // A whole line, a part at a time.
  char assembled[64] = {};
  size_t at = 0;
  while (at < total) {
    IpcMessage message;
    const size_t n = sys::init_text_pack(line + at, total - at, at, &message);
    size_t offset = 0;
    TEST_ASSERT_EQUAL(n, sys::init_text_unpack(message, assembled + at, &offset));
    TEST_ASSERT_EQUAL(at, offset);
    at += n;
  }
  TEST_ASSERT_EQUAL_STRING(line, assembled);
}

void test_malformed_parts_are_refused() {
  IpcMessage message;
  char out[sys::kInitTextBytesPerPart];
  size_t offset = 0;
  sys::init_text_pack("start", 5, 0, &message);
  TEST_ASSERT_EQUAL(5, sys::init_text_unpack(message, out, &offset));
  message.word_count = 1;
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::init_text_unpack(message, out, &offset));
  message.word_count = kIpcMessageWords;
  message.words[0] = 0;  // no bytes
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::init_text_unpack(message, out, &offset));
  message.words[0] = sys::kInitTextBytesPerPart + 1;
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::init_text_unpack(message, out, &offset));
  message.words[0] = 5 | uint64_t{1} << 24;  // bits past the offset
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::init_text_unpack(message, out, &offset));
  message.words[0] = 6;  // claims a sixth byte, which is NUL
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::init_text_unpack(message, out, &offset));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_entries_round_trip);
  RUN_TEST(test_entry_figures_saturate_and_names_are_cut);
  RUN_TEST(test_malformed_entries_are_refused);
  RUN_TEST(test_text_parts_round_trip);
  RUN_TEST(test_malformed_parts_are_refused);
  return UNITY_END();
}
