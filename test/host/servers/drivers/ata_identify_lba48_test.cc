// servers/drivers/ata_pio/ata_identify: LBA48 from word 83 (bit 10, valid only when bits 15-14
// read 01) and the 48-bit count in words 100-103; a drive without LBA48, or without LBA at all,
// or whose word 83 is not valid, reports none.
#include <stdint.h>

#include "servers/drivers/ata_pio/ata_identify.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

void lba_disk(uint16_t (&words)[kAtaIdentifyWords]) {
  for (uint16_t& w : words) w = 0;
  words[49] = 1u << 9;
  words[60] = 2016;
}

}  // namespace

void test_lba48_and_its_sector_count() {
  uint16_t words[kAtaIdentifyWords];
  lba_disk(words);
  words[83] = 0x4000 | 1u << 10;
  words[100] = 0x5678;
  words[101] = 0x1234;
  words[102] = 0x0001;
  words[103] = 0;
  const AtaIdentity id = parse_ata_identity(words);
  TEST_ASSERT_TRUE(id.lba48);
  TEST_ASSERT_EQUAL_HEX64(0x0001'1234'5678ull, id.lba48_sectors);
  TEST_ASSERT_EQUAL_UINT32(2016, id.lba28_sectors);
}

void test_no_lba48() {
  uint16_t words[kAtaIdentifyWords];
  lba_disk(words);
  words[83] = 0x4000;  // valid, bit 10 clear
  words[100] = 2016;
  AtaIdentity id = parse_ata_identity(words);
  TEST_ASSERT_FALSE(id.lba48);
  TEST_ASSERT_EQUAL_UINT64(0, id.lba48_sectors);
  words[83] = 0xFFFF;  // not a valid word 83: bits 15-14 are 11
  id = parse_ata_identity(words);
  TEST_ASSERT_FALSE(id.lba48);
  words[83] = 0x4000 | 1u << 10;
  words[49] = 0;  // no LBA at all
  id = parse_ata_identity(words);
  TEST_ASSERT_FALSE(id.lba48);
  TEST_ASSERT_EQUAL_UINT64(0, id.lba48_sectors);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_lba48_and_its_sector_count);
  RUN_TEST(test_no_lba48);
  return UNITY_END();
}
