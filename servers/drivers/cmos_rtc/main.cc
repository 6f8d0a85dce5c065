// cmos_rtc: reads the date and time from the CMOS real-time clock through ports 0x70 (register
// index) and 0x71 (data), the only ports init grants it (docs/drivers.md), and prints them:
//   cmos_rtc: 2026-11-30 02:14:05 UTC (BCD, 24-hour)
//
//   cmos_rtc [serve] [clients=N]
//
// Without `serve` it then exits. With it, it serves the clock on the endpoint init keeps as 'rtc'
// (libsys/rtc_protocol.h): until N sessions have closed with clients=N, else until the system
// stops. A clock that cannot be read is still served: each read answers why.
// The clock updates its registers once a second; a read during the update can mix two seconds.
// So each read first waits until status A's update-in-progress bit is clear, and the registers
// are read again until two reads in a row agree.
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "libsys/rtc_protocol.h"
#include "libsys/syscall_stubs.h"
#include "servers/drivers/cmos_rtc/rtc_time.h"
#include "servers/drivers/driver_arguments.h"
#include "servers/drivers/driver_server.h"
#include "servers/drivers/driver_slots.h"
#include "servers/drivers/serve_requests.h"

namespace {

// The update lasts under 2 ms; these bounds only stop a broken clock from hanging the driver.
constexpr uint32_t kMaxUpdateWaitReads = 1000000;
constexpr uint32_t kMaxReadRounds = 16;

class CmosClock {
 public:
  CmosClock(sys::Port<uint8_t> index, sys::Port<uint8_t> data) : index_(index), data_(data) {}

  uint8_t read(uint8_t reg) const {
    index_.write(reg);  // bit 7 clear: NMIs stay enabled
    return data_.read();
  }

  bool wait_until_not_updating() const {
    for (uint32_t i = 0; i < kMaxUpdateWaitReads; ++i) {
      if ((read(kRtcStatusA) & kRtcUpdateInProgress) == 0) return true;
    }
    return false;
  }

  bool read_registers(RtcRegisters* out) const {
    if (!wait_until_not_updating()) return false;
    *out = RtcRegisters{read(kRtcSeconds), read(kRtcMinutes), read(kRtcHours),   read(kRtcDay),
                        read(kRtcMonth),   read(kRtcYear),    read(kRtcCentury), read(kRtcStatusB)};
    return true;
  }

  // Two reads in a row that agree: no update fell between their first and last register.
  bool read_stable(RtcRegisters* out) const {
    RtcRegisters last;
    if (!read_registers(&last)) return false;
    for (uint32_t round = 0; round < kMaxReadRounds; ++round) {
      if (!read_registers(out)) return false;
      if (*out == last) return true;
      last = *out;
    }
    return false;
  }

 private:
  sys::Port<uint8_t> index_;
  sys::Port<uint8_t> data_;
};

// One stable read, decoded: kTimedOut if the clock never held still, kBadState if its registers
// hold no valid time (both said on the log).
Status read_time(const CmosClock& clock, RtcTime* time, RtcRegisters* raw) {
  if (!clock.read_stable(raw)) {
    sys::printf("cmos_rtc: the clock never held still (update in progress)\n");
    return Status::kTimedOut;
  }
  if (!decode_rtc_time(*raw, time)) {
    sys::printf(
        "cmos_rtc: implausible registers: %02x:%02x:%02x day %02x month %02x year %02x, "
        "status B %02x\n",
        raw->hours, raw->minutes, raw->seconds, raw->day, raw->month, raw->year, raw->status_b);
    return Status::kBadState;
  }
  return Status::kOk;
}

// A request of libsys/rtc_protocol.h into its answer (in place).
void handle(const CmosClock& clock, DriverSessions& sessions, IpcMessage* message) {
  if (sessions.answer_open_or_close(message, sys::kRtcOpen, sys::kRtcClose)) return;
  RtcTime time{};
  RtcRegisters raw{};
  Status answer = Status::kNotSupported;
  if (message->label == sys::kRtcRead) {
    answer = sessions.check(*message, 1);
    if (answer == Status::kOk) answer = read_time(clock, &time, &raw);
  }
  begin_answer(message, answer);
  if (answer != Status::kOk) return;
  message->word_count = 2;
  message->words[0] = sys::rtc_pack_time(
      sys::DateTime{time.year, time.month, time.day, time.hour, time.minute, time.second});
  message->words[1] = raw.status_b;
}

Status serve(const CmosClock& clock, uint32_t clients) {
  if (clients != 0) {
    sys::printf("cmos_rtc: serving 'rtc' until %u session%s closed\n", clients,
                clients == 1 ? " has" : "s have");
  } else {
    sys::printf("cmos_rtc: serving 'rtc'\n");
  }
  DriverSessions sessions;
  TRY(serve_requests(sys::Endpoint(sys::Cap(kDriverEndpointSlot)), sessions, clients,
                     [&](IpcMessage* m) { handle(clock, sessions, m); }));
  sys::printf("cmos_rtc: %u session%s closed; exiting\n", sessions.closed(),
              sessions.closed() == 1 ? "" : "s");
  return Status::kOk;
}

Status run(const DriverArguments& args) {
  // The clock's registers, as the hardware has them; the grant is what the kernel enforces.
  const sys::PortWindow registers = TRY(sys::PortWindow::make(0x70, 2));
  sys::PortRange ports = TRY(sys::PortRange::enable(sys::Cap(kDriverPortsSlot), registers));
  if (ports.shared()) {
    // Granted a bitmap several drivers share (grant=io_bitmap:...): say which object, and how
    // many hold it (its capabilities count as one), so a boot can see that they share one.
    CapIdentity id;
    if (sys_cap_identify(kDriverPortsSlot, &id).status == Status::kOk) {
      sys::printf("cmos_rtc: ports through shared bitmap %u (%u holders)\n",
                  static_cast<uint32_t>(id.base), static_cast<uint32_t>(id.count));
    }
  }
  const CmosClock clock(TRY(ports.port<uint8_t>(0)), TRY(ports.port<uint8_t>(1)));
  RtcRegisters raw;
  RtcTime time;
  const Status first = read_time(clock, &time, &raw);
  if (first == Status::kOk) {
    sys::printf("cmos_rtc: %04u-%02u-%02u %02u:%02u:%02u UTC (%s, %s)\n", time.year, time.month,
                time.day, time.hour, time.minute, time.second,
                (raw.status_b & kRtcBinary) != 0 ? "binary" : "BCD",
                (raw.status_b & kRtc24Hour) != 0 ? "24-hour" : "12-hour");
  }
  if (!args.serve) return first;
  return serve(clock, args.clients);
}

}  // namespace

int main(int argc, char** argv) {
  if (const Status s = run(driver_arguments(argc, argv)); s != Status::kOk) {
    sys::printf("cmos_rtc: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
