// libsys/serial_protocol.h: every length from 0 to a full message round-trips with bytes of every
// value and its session, longer text is cut at a message's worth, and a message that claims more
// bytes than it carries, or sets bits outside the count and the session, is refused.
#include <stdint.h>
#include <string.h>

#include "libsys/serial_protocol.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_every_length_round_trips() {
  char bytes[sys::kSerialBytesPerMessage];
  for (size_t i = 0; i < sizeof bytes; ++i) bytes[i] = static_cast<char>(0xF0 + i * 37);
  for (size_t n = 0; n <= sizeof bytes; ++n) {
    IpcMessage message;
    message.words[3] = 0xDEAD;  // stale words are cleared
    TEST_ASSERT_EQUAL(n, sys::serial_pack(bytes, n, 7, &message));
    TEST_ASSERT_EQUAL_UINT8(1 + (n + 7) / 8, message.word_count);
    char out[sys::kSerialBytesPerMessage];
    uint32_t session = 0;
    TEST_ASSERT_EQUAL(n, sys::serial_unpack(message, out, &session));
    TEST_ASSERT_EQUAL_UINT32(7, session);
    TEST_ASSERT_EQUAL_INT(0, memcmp(bytes, out, n));
  }
}

void test_longer_text_takes_a_message_at_a_time() {
  const char text[] = "serial_hello: hello over COM2 through uart16550";
  IpcMessage message;
  TEST_ASSERT_EQUAL(sys::kSerialBytesPerMessage,
                    sys::serial_pack(text, strlen(text), 0xFFFF, &message));
  TEST_ASSERT_EQUAL_UINT8(kIpcMessageWords, message.word_count);
  char out[sys::kSerialBytesPerMessage];
  uint32_t session = 0;
  TEST_ASSERT_EQUAL(24, sys::serial_unpack(message, out, &session));
  TEST_ASSERT_EQUAL_UINT32(0xFFFF, session);
  TEST_ASSERT_EQUAL_INT(0, memcmp(text, out, 24));
}

void test_malformed_messages_are_refused() {
  char out[sys::kSerialBytesPerMessage];
  uint32_t session = 0;
  IpcMessage message;
  message.word_count = 0;
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::serial_unpack(message, out, &session));
  message.word_count = 4;
  message.words[0] = sys::kSerialBytesPerMessage + 1;
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::serial_unpack(message, out, &session));
  message.words[0] = 9;  // needs two byte words
  message.word_count = 2;
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::serial_unpack(message, out, &session));
  message.word_count = 3;
  TEST_ASSERT_EQUAL(9, sys::serial_unpack(message, out, &session));
  message.words[0] = 9 | 0x100;  // bits outside the count and the session
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::serial_unpack(message, out, &session));
  message.words[0] = 9 | uint64_t{1} << 32;
  TEST_ASSERT_EQUAL(SIZE_MAX, sys::serial_unpack(message, out, &session));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_every_length_round_trips);
  RUN_TEST(test_longer_text_takes_a_message_at_a_time);
  RUN_TEST(test_malformed_messages_are_refused);
  return UNITY_END();
}
