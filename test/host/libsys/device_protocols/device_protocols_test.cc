// libsys/rtc_protocol.h, pci_protocol.h, disk_protocol.h and ipc_bytes.h: a date and time, a PCI
// function and a BAR packed into words and back with every field at its edges; words that hold
// no valid value (a month 13, a device 32, an unknown BAR space, stray bits) refused; bytes of
// every count packed into words and back, the rest of the words zero; the labels of the three
// protocols distinct.
#include <stdint.h>
#include <string.h>

#include "libsys/disk_protocol.h"
#include "libsys/ipc_bytes.h"
#include "libsys/pci_protocol.h"
#include "libsys/rtc_protocol.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

void test_a_date_and_time_round_trips() {
  const sys::DateTime times[] = {{2026, 11, 30, 10, 38, 22},
                                 {1999, 12, 31, 23, 59, 59},
                                 {2000, 1, 1, 0, 0, 0},
                                 {65535, 6, 15, 12, 30, 30}};
  for (const sys::DateTime& t : times) {
    sys::DateTime back{};
    TEST_ASSERT_TRUE(sys::rtc_unpack_time(sys::rtc_pack_time(t), &back));
    TEST_ASSERT_TRUE(t == back);
  }
  TEST_ASSERT_EQUAL_HEX64(0x0016'260A'1E0B'07EAull,
                          sys::rtc_pack_time(sys::DateTime{2026, 11, 30, 10, 38, 22}));
}

void test_a_word_that_holds_no_date_is_refused() {
  const uint64_t good = sys::rtc_pack_time(sys::DateTime{2026, 11, 30, 10, 38, 22});
  const uint64_t bad[] = {
      (good & ~(0xFFull << 16)) | (13ull << 16),  // month 13
      good & ~(0xFFull << 16),                    // month 0
      good & ~(0xFFull << 24),                    // day 0
      (good & ~(0xFFull << 24)) | (32ull << 24),  // day 32
      (good & ~(0xFFull << 32)) | (24ull << 32),  // hour 24
      (good & ~(0xFFull << 40)) | (60ull << 40),  // minute 60
      (good & ~(0xFFull << 48)) | (60ull << 48),  // second 60
      good | (1ull << 56),                        // the top byte
  };
  for (uint64_t word : bad) {
    sys::DateTime t{1, 2, 3, 4, 5, 6};
    TEST_ASSERT_FALSE(sys::rtc_unpack_time(word, &t));
    TEST_ASSERT_EQUAL_UINT32(1, t.year);  // untouched
  }
}

void test_a_pci_function_round_trips() {
  const sys::PciFunctionInfo functions[] = {
      {0, 0, 0, 0x00, 0x8086, 0x1237, 0x06, 0x00, 0x00, 0x02},
      {0, 1, 1, 0x00, 0x8086, 0x7010, 0x01, 0x01, 0x80, 0x00},
      {255, 31, 7, 0x81, 0xFFFE, 0xFFFF, 0xFF, 0xFF, 0xFF, 0xFF},
  };
  for (const sys::PciFunctionInfo& f : functions) {
    uint64_t words[2];
    sys::pci_pack_function(f, words);
    sys::PciFunctionInfo back{};
    TEST_ASSERT_TRUE(sys::pci_unpack_function(words, &back));
    TEST_ASSERT_TRUE(f == back);
  }
  // As configuration space holds them: dword 0 in the high half, dword 2 whole.
  uint64_t words[2];
  sys::pci_pack_function(functions[1], words);
  TEST_ASSERT_EQUAL_HEX64(0x7010'8086'0001'0100ull, words[0]);
  TEST_ASSERT_EQUAL_HEX64(0x0101'8000ull, words[1]);
}

void test_words_that_hold_no_pci_function_are_refused() {
  uint64_t words[2];
  sys::pci_pack_function(sys::PciFunctionInfo{0, 1, 1, 0, 0x8086, 0x7010, 1, 1, 0x80, 0}, words);
  sys::PciFunctionInfo f{};
  uint64_t device32[] = {words[0] | (32ull << 8), words[1]};
  TEST_ASSERT_FALSE(sys::pci_unpack_function(device32, &f));
  uint64_t function8[] = {words[0] | (8ull << 16), words[1]};
  TEST_ASSERT_FALSE(sys::pci_unpack_function(function8, &f));
  uint64_t stray[] = {words[0], words[1] | (1ull << 32)};
  TEST_ASSERT_FALSE(sys::pci_unpack_function(stray, &f));
}

void test_a_bar_round_trips_and_unknown_spaces_are_refused() {
  const sys::PciBarInfo bars[] = {
      {sys::PciBarSpace::kUnused, false, 0, 0},
      {sys::PciBarSpace::kIo, false, 0xC040, 0x10},
      {sys::PciBarSpace::kMemory32, true, 0xFD00'0000, 0x100'0000},
      {sys::PciBarSpace::kMemory64, true, 0x8'0000'0000ull, 0x4000'0000},
  };
  for (const sys::PciBarInfo& bar : bars) {
    uint64_t words[3];
    sys::pci_pack_bar(bar, words);
    sys::PciBarInfo back{};
    TEST_ASSERT_TRUE(sys::pci_unpack_bar(words, &back));
    TEST_ASSERT_TRUE(bar == back);
  }
  sys::PciBarInfo back{};
  const uint64_t space4[] = {0, 0, 4};
  TEST_ASSERT_FALSE(sys::pci_unpack_bar(space4, &back));
  const uint64_t stray[] = {0, 0, 1u << 9};
  TEST_ASSERT_FALSE(sys::pci_unpack_bar(stray, &back));
}

void test_bytes_of_every_count_round_trip_and_the_rest_is_zero() {
  uint8_t bytes[kIpcMessageWords * 8];
  for (size_t i = 0; i < sizeof bytes; ++i) bytes[i] = static_cast<uint8_t>(0xF0 + i * 37);
  for (size_t n = 0; n <= sizeof bytes; ++n) {
    uint64_t words[kIpcMessageWords] = {~0ull, ~0ull, ~0ull, ~0ull};
    sys::pack_bytes(bytes, n, words, kIpcMessageWords);
    uint8_t out[sizeof bytes];
    sys::unpack_bytes(words, sizeof out, out);
    TEST_ASSERT_EQUAL_INT(0, memcmp(bytes, out, n));
    for (size_t i = n; i < sizeof out; ++i) TEST_ASSERT_EQUAL_UINT8(0, out[i]);
  }
  // Little-endian within a word, and more bytes than the words hold are not taken.
  uint64_t words[3] = {};
  sys::pack_bytes(bytes, sizeof bytes, words + 1, 2);
  TEST_ASSERT_EQUAL_UINT64(0, words[0]);
  TEST_ASSERT_EQUAL_HEX8(bytes[0], static_cast<uint8_t>(words[1]));
  TEST_ASSERT_EQUAL_HEX8(bytes[15], static_cast<uint8_t>(words[2] >> 56));
}

void test_the_labels_of_the_three_protocols_are_distinct() {
  const uint64_t labels[] = {sys::kRtcOpen,     sys::kRtcRead,  sys::kRtcClose, sys::kPciOpen,
                             sys::kPciFunction, sys::kPciBar,   sys::kPciClose, sys::kDiskOpen,
                             sys::kDiskInfo,    sys::kDiskText, sys::kDiskRead, sys::kDiskClose};
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; ++i) {
    for (size_t j = i + 1; j < sizeof labels / sizeof labels[0]; ++j) {
      TEST_ASSERT_TRUE(labels[i] != labels[j]);
    }
    // Never a Status: an answer's label is one, a request's never.
    TEST_ASSERT_TRUE(labels[i] > 0xFFFF);
  }
  TEST_ASSERT_EQUAL_UINT32(32, sys::kDiskSliceBytes);
  TEST_ASSERT_EQUAL_UINT32(0, sys::kDiskSectorBytes % sys::kDiskSliceBytes);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_a_date_and_time_round_trips);
  RUN_TEST(test_a_word_that_holds_no_date_is_refused);
  RUN_TEST(test_a_pci_function_round_trips);
  RUN_TEST(test_words_that_hold_no_pci_function_are_refused);
  RUN_TEST(test_a_bar_round_trips_and_unknown_spaces_are_refused);
  RUN_TEST(test_bytes_of_every_count_round_trip_and_the_rest_is_zero);
  RUN_TEST(test_the_labels_of_the_three_protocols_are_distinct);
  return UNITY_END();
}
