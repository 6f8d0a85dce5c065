#include "servers/drivers/ata_pio/ata_identify.h"

namespace {

// words [first, first + count) as text: high byte first, trailing spaces cut, NUL-terminated.
void ata_string(const uint16_t* words, size_t first, size_t count, char* out) {
  size_t n = 0;
  for (size_t w = first; w < first + count; ++w) {
    out[n++] = static_cast<char>(words[w] >> 8);
    out[n++] = static_cast<char>(words[w] & 0xFF);
  }
  while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0')) --n;
  out[n] = '\0';
}

}  // namespace

AtaIdentity parse_ata_identity(const uint16_t (&words)[kAtaIdentifyWords]) {
  AtaIdentity id;
  ata_string(words, 27, 20, id.model);
  ata_string(words, 10, 10, id.serial);
  ata_string(words, 23, 4, id.firmware);
  id.lba = (words[49] & (1u << 9)) != 0;
  id.lba28_sectors = id.lba ? uint32_t{words[60]} | uint32_t{words[61]} << 16 : 0;
  // Word 83 holds command sets only when its top two bits read 01 (0x0000 and 0xFFFF: none).
  id.lba48 = id.lba && (words[83] & 0xC000) == 0x4000 && (words[83] & (1u << 10)) != 0;
  for (size_t w = 103; id.lba48 && w >= 100; --w)
    id.lba48_sectors = id.lba48_sectors << 16 | words[w];
  return id;
}

uint32_t fnv1a(const uint8_t* bytes, size_t count) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < count; ++i) {
    hash ^= bytes[i];
    hash *= 16777619u;
  }
  return hash;
}
