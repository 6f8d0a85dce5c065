#include "servers/drivers/cmos_rtc/rtc_time.h"

namespace {

// A register's value as a number: BCD unless status B says binary. false for a BCD nibble over 9.
bool number(uint8_t raw, bool binary, uint32_t* out) {
  if (binary) {
    *out = raw;
    return true;
  }
  const uint32_t high = raw >> 4, low = raw & 0x0F;
  if (high > 9 || low > 9) return false;
  *out = high * 10 + low;
  return true;
}

bool in(uint32_t value, uint32_t low, uint32_t high) { return value >= low && value <= high; }

}  // namespace

bool decode_rtc_time(const RtcRegisters& raw, RtcTime* out) {
  const bool binary = (raw.status_b & kRtcBinary) != 0;
  uint32_t second, minute, hour, day, month, year, century;
  // The PM flag is bit 7 of the hours register in either encoding.
  const bool pm = (raw.status_b & kRtc24Hour) == 0 && (raw.hours & kRtcPm) != 0;
  const uint8_t hours = (raw.status_b & kRtc24Hour) != 0 ? raw.hours : raw.hours & ~kRtcPm;
  if (!number(raw.seconds, binary, &second) || !number(raw.minutes, binary, &minute) ||
      !number(hours, binary, &hour) || !number(raw.day, binary, &day) ||
      !number(raw.month, binary, &month) || !number(raw.year, binary, &year)) {
    return false;
  }
  if ((raw.status_b & kRtc24Hour) == 0) {
    // 12-hour: 12 AM is midnight (0), 12 PM noon (12).
    if (!in(hour, 1, 12)) return false;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  // A century register that holds no plausible century (not every clock has one): this one.
  if (!number(raw.century, binary, &century) || !in(century, 19, 21)) century = 20;
  if (!in(second, 0, 59) || !in(minute, 0, 59) || !in(hour, 0, 23) || !in(day, 1, 31) ||
      !in(month, 1, 12) || !in(year, 0, 99)) {
    return false;
  }
  *out = RtcTime{century * 100 + year,         static_cast<uint8_t>(month),
                 static_cast<uint8_t>(day),    static_cast<uint8_t>(hour),
                 static_cast<uint8_t>(minute), static_cast<uint8_t>(second)};
  return true;
}
