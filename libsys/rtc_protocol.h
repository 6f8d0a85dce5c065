// The protocol of the real-time clock server (servers/drivers/cmos_rtc in `serve` mode,
// docs/drivers.md) on the endpoint init keeps as 'rtc': one IPC call per request, answered with
// the request's Status as the reply's label. A client opens a session (words[0] of the answer is
// its number), names it in words[0] of every request and closes it; a server started with
// clients=N exits once N sessions have closed. Clients use sys::RtcClient (libsys/rtc_client.h).
//
// Answers of every request: kInvalidArgument (fewer words than the request needs),
// kBadHandle (no open session of that number), kNotSupported (a label not listed here), kNoSpace
// (open: every session is taken).
#pragma once

#include <stdint.h>

namespace sys {

// Request labels ("RTCK" and a number).
inline constexpr uint64_t kRtcOpen = 0x5254'434B'0000'0001;  // answer: words[0] = session
// words[0] = session. Answer: words[0] = the date and time (rtc_pack_time), words[1] = the clock's
// status register B (bit 2: binary, not BCD; bit 1: 24-hour). kTimedOut: the clock never held
// still (update in progress; sys::DeviceSession passes it on as kBusy); kBadState: its registers
// hold no valid date and time.
inline constexpr uint64_t kRtcRead = 0x5254'434B'0000'0002;
inline constexpr uint64_t kRtcClose = 0x5254'434B'0000'0003;  // words[0] = session

// A date and time as the clock holds it (UTC on QEMU and Bochs).
struct DateTime {
  uint32_t year;  // e.g. 2026
  uint8_t month, day, hour, minute, second;
  constexpr bool operator==(const DateTime&) const = default;
};

// One word: the year in bits 0-15, then month, day, hour, minute and second a byte each.
constexpr uint64_t rtc_pack_time(const DateTime& t) {
  return uint64_t{t.year & 0xFFFF} | uint64_t{t.month} << 16 | uint64_t{t.day} << 24 |
         uint64_t{t.hour} << 32 | uint64_t{t.minute} << 40 | uint64_t{t.second} << 48;
}

// The date and time a word holds; false if a field is out of its range (month 1-12, day 1-31,
// hour 0-23, minute and second 0-59) or the top byte is not 0.
constexpr bool rtc_unpack_time(uint64_t word, DateTime* out) {
  const DateTime t{static_cast<uint32_t>(word & 0xFFFF), static_cast<uint8_t>(word >> 16),
                   static_cast<uint8_t>(word >> 24),     static_cast<uint8_t>(word >> 32),
                   static_cast<uint8_t>(word >> 40),     static_cast<uint8_t>(word >> 48)};
  if ((word >> 56) != 0 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 ||
      t.minute > 59 || t.second > 59) {
    return false;
  }
  *out = t;
  return true;
}

}  // namespace sys
