// What an ATA device's IDENTIFY DEVICE data (256 words) says about it: model, serial number and
// firmware (ATA strings: two characters a word, the first in the high byte, padded with
// spaces), whether it does LBA, its LBA28 sector count, and whether it does LBA48 with how many
// sectors. Plain C++ (no ports), so the host
// tests run it (test/host/servers/drivers/ata_pio/).
#pragma once

#include <stddef.h>
#include <stdint.h>

inline constexpr size_t kAtaIdentifyWords = 256;
inline constexpr size_t kAtaSectorBytes = 512;

struct AtaIdentity {
  char model[41];              // words 27-46, trailing spaces cut
  char serial[21];             // words 10-19
  char firmware[9];            // words 23-26
  bool lba = false;            // word 49 bit 9
  uint32_t lba28_sectors = 0;  // words 60-61: addressable with LBA28
  bool lba48 = false;          // word 83 bit 10 (with bits 15-14 = 01: the word is valid)
  uint64_t lba48_sectors = 0;  // words 100-103, if lba48
};

AtaIdentity parse_ata_identity(const uint16_t (&words)[kAtaIdentifyWords]);

// FNV-1a over a sector's bytes: the checksum the driver prints and the tests compare.
uint32_t fnv1a(const uint8_t* bytes, size_t count);
