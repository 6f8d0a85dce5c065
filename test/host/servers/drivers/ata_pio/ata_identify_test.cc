// servers/drivers/ata_pio/ata_identify: ATA strings (byte-swapped words, space padding cut) at
// their word offsets, the LBA flag and the LBA28 sector count, and FNV-1a's reference values.
#include "servers/drivers/ata_pio/ata_identify.h"

#include <string.h>

#include "unity.h"

namespace {

// Puts `text` into words [first, first + count) as a drive does, padded with spaces.
void put_ata_string(uint16_t (&words)[kAtaIdentifyWords], size_t first, size_t count,
                    const char* text) {
  const size_t length = strlen(text);
  for (size_t i = 0; i < count; ++i) {
    const uint8_t high = 2 * i < length ? text[2 * i] : ' ';
    const uint8_t low = 2 * i + 1 < length ? text[2 * i + 1] : ' ';
    words[first + i] = static_cast<uint16_t>(high << 8 | low);
  }
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_qemu_harddisk() {
  uint16_t words[kAtaIdentifyWords] = {};
  put_ata_string(words, 27, 20, "QEMU HARDDISK");
  put_ata_string(words, 10, 10, "QM00001");
  put_ata_string(words, 23, 4, "2.5+");
  words[49] = 1u << 9;
  words[60] = 2016;
  words[61] = 0;
  const AtaIdentity id = parse_ata_identity(words);
  TEST_ASSERT_EQUAL_STRING("QEMU HARDDISK", id.model);
  TEST_ASSERT_EQUAL_STRING("QM00001", id.serial);
  TEST_ASSERT_EQUAL_STRING("2.5+", id.firmware);
  TEST_ASSERT_TRUE(id.lba);
  TEST_ASSERT_EQUAL_UINT32(2016, id.lba28_sectors);
}

void test_full_width_strings_and_a_large_disk() {
  uint16_t words[kAtaIdentifyWords] = {};
  put_ata_string(words, 27, 20, "0123456789012345678901234567890123456789");
  put_ata_string(words, 10, 10, "ABCDEFGHIJKLMNOPQRST");
  put_ata_string(words, 23, 4, "");
  words[49] = 1u << 9;
  words[60] = 0xFFFF;
  words[61] = 0x0FFF;
  const AtaIdentity id = parse_ata_identity(words);
  TEST_ASSERT_EQUAL_STRING("0123456789012345678901234567890123456789", id.model);
  TEST_ASSERT_EQUAL_STRING("ABCDEFGHIJKLMNOPQRST", id.serial);
  TEST_ASSERT_EQUAL_STRING("", id.firmware);
  TEST_ASSERT_EQUAL_UINT32(0x0FFF'FFFF, id.lba28_sectors);
}

void test_no_lba_means_no_lba28_sectors() {
  uint16_t words[kAtaIdentifyWords] = {};
  words[60] = 1000;
  const AtaIdentity id = parse_ata_identity(words);
  TEST_ASSERT_FALSE(id.lba);
  TEST_ASSERT_EQUAL_UINT32(0, id.lba28_sectors);
  TEST_ASSERT_EQUAL_STRING("", id.model);
}

void test_fnv1a_reference_values() {
  TEST_ASSERT_EQUAL_HEX32(0x811C'9DC5, fnv1a(nullptr, 0));
  const uint8_t a[] = {'a'};
  TEST_ASSERT_EQUAL_HEX32(0xE40C'292C, fnv1a(a, 1));
  const uint8_t foobar[] = {'f', 'o', 'o', 'b', 'a', 'r'};
  TEST_ASSERT_EQUAL_HEX32(0xBF9C'F968, fnv1a(foobar, sizeof foobar));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_qemu_harddisk);
  RUN_TEST(test_full_width_strings_and_a_large_disk);
  RUN_TEST(test_no_lba_means_no_lba28_sectors);
  RUN_TEST(test_fnv1a_reference_values);
  return UNITY_END();
}
