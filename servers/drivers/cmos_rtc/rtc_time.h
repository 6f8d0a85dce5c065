// The MC146818-compatible CMOS clock's registers as read, and the date and time they mean: BCD or
// binary and 12- or 24-hour as status register B says, the century from its register when that
// holds one. Plain C++ (no ports), so the host tests run it (test/host/servers/drivers/cmos_rtc/).
#pragma once

#include <stdint.h>

// Register numbers (written to port 0x70, the value read from 0x71).
inline constexpr uint8_t kRtcSeconds = 0x00;
inline constexpr uint8_t kRtcMinutes = 0x02;
inline constexpr uint8_t kRtcHours = 0x04;
inline constexpr uint8_t kRtcDay = 0x07;
inline constexpr uint8_t kRtcMonth = 0x08;
inline constexpr uint8_t kRtcYear = 0x09;
inline constexpr uint8_t kRtcStatusA = 0x0A;
inline constexpr uint8_t kRtcStatusB = 0x0B;
inline constexpr uint8_t kRtcCentury = 0x32;  // the ACPI FADT's usual century register

inline constexpr uint8_t kRtcUpdateInProgress = 0x80;  // status A: the registers are changing
inline constexpr uint8_t kRtcBinary = 0x04;            // status B: binary, not BCD
inline constexpr uint8_t kRtc24Hour = 0x02;            // status B: 24-hour, not 12
inline constexpr uint8_t kRtcPm = 0x80;                // the hours register in 12-hour mode

struct RtcRegisters {
  uint8_t seconds, minutes, hours, day, month, year, century, status_b;
  constexpr bool operator==(const RtcRegisters&) const = default;
};

struct RtcTime {
  uint32_t year;  // e.g. 2026
  uint8_t month, day, hour, minute, second;
};

// The time the registers hold; false if a field is out of range (a bad BCD digit included).
bool decode_rtc_time(const RtcRegisters& raw, RtcTime* out);
