// pc_speaker: beeps the PC speaker through PIT channel 2, using only the ports init grants it
// (docs/drivers.md; docs/writing-a-driver.md builds it step by step):
//   0x42  PIT channel 2 data (the divisor, low byte then high byte)
//   0x43  PIT mode/command
//   0x61  port B: bit 0 gates channel 2, bit 1 connects its output to the speaker, bit 5 reads
//         the output back
//
//   pc_speaker [hz=N] [ms=N]     (default 440 Hz for 100 ms)
//
// It programs channel 2 as a square wave of N Hz, gates it onto the speaker, watches the output
// change on bit 5 of port 0x61 (the proof that the PIT runs), sleeps out the rest of the tone,
// gates it off and prints what it did. The kernel uses channel 2 only while it boots
// (kernel/arch/x86_64/lapic.cc), before init starts any program.
#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "libsys/cap.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "libsys/wait_wake.h"
#include "servers/drivers/driver_slots.h"

namespace {

constexpr uint32_t kPitHz = 1193182;  // the PIT's input clock
// Channel 2 (bits 7-6 = 10), low byte then high byte (5-4 = 11), mode 3 square wave (3-1 = 011),
// binary (0 = 0).
constexpr uint8_t kChannel2SquareWave = 0xB6;
constexpr uint8_t kGateChannel2 = 0x01;    // port 0x61 bit 0
constexpr uint8_t kSpeakerOn = 0x02;       // port 0x61 bit 1
constexpr uint8_t kChannel2Output = 0x20;  // port 0x61 bit 5 (read only)
constexpr uint32_t kToggles = 8;           // four periods of the output
constexpr uint64_t kNsPerMs = 1000000;

// "NAME=N" among the arguments: N, or `otherwise` when absent or not a number of 1 to 6 digits.
uint32_t number_argument(int argc, char** argv, const char* name, uint32_t otherwise) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    size_t n = 0;
    while (name[n] != '\0' && a[n] == name[n]) ++n;
    if (name[n] != '\0' || a[n] != '=' || a[n + 1] == '\0') continue;
    uint32_t value = 0;
    for (a += n + 1; *a >= '0' && *a <= '9' && value < 100000; ++a) value = value * 10 + (*a - '0');
    return *a == '\0' ? value : otherwise;
  }
  return otherwise;
}

// The ports of one grant: its slot holds an IoPorts capability that init put there.
Result<sys::PortRange> enable_ports(uint32_t slot, uint16_t base, uint32_t count) {
  const sys::PortWindow window = TRY(sys::PortWindow::make(base, count));
  Result<sys::PortRange> ports = sys::PortRange::enable(sys::Cap(slot), window);
  if (!ports.is_ok()) {
    sys::printf("pc_speaker: no ports 0x%x+%u in slot %u (%s): see the manifest's grant=\n", base,
                count, slot, status_name(ports.status()));
  }
  return ports;
}

// Sleeps until monotonic_ns() reaches `deadline_ns`: a timed wait on a word nobody changes.
Status sleep_until(uint64_t deadline_ns) {
  const std::atomic<uint32_t> never_woken{0};
  for (uint64_t now = monotonic_ns(); now < deadline_ns; now = monotonic_ns()) {
    const Status s = wait_while_equal(never_woken, 0, deadline_ns - now);
    if (s != Status::kOk && s != Status::kTimedOut) return s;
  }
  return Status::kOk;
}

class PcSpeaker {
 public:
  PcSpeaker(sys::Port<uint8_t> data, sys::Port<uint8_t> command, sys::Port<uint8_t> port_b)
      : data_(data), command_(command), port_b_(port_b) {}

  void start(uint16_t divisor) const {
    command_.write(kChannel2SquareWave);
    data_.write(divisor & 0xFF);
    data_.write(divisor >> 8);
    // Read-modify-write: port B's other bits belong to other devices (NMI sources, the refresh
    // toggle); only the gate and the speaker bits are ours.
    port_b_.write(port_b_.read() | kGateChannel2 | kSpeakerOn);
  }

  void stop() const { port_b_.write(port_b_.read() & ~(kGateChannel2 | kSpeakerOn)); }

  // Bits 1-0 of port B as they read back: 3 while the speaker sounds, 0 when it is off.
  uint8_t gate_bits() const { return port_b_.read() & (kGateChannel2 | kSpeakerOn); }

  // Whether channel 2's output (port B bit 5) changes kToggles times before `deadline_ns`. Only
  // the count is kept: an emulated CPU can be descheduled for a few periods between two reads,
  // so the time they took says little about the frequency.
  bool output_toggles(uint64_t deadline_ns) const {
    bool level = output();
    for (uint32_t seen = 0; seen < kToggles;) {
      if (output() != level) {
        level = !level;
        ++seen;
      } else if (monotonic_ns() >= deadline_ns) {
        return false;
      }
    }
    return true;
  }

 private:
  bool output() const { return (port_b_.read() & kChannel2Output) != 0; }

  sys::Port<uint8_t> data_;
  sys::Port<uint8_t> command_;
  sys::Port<uint8_t> port_b_;
};

Status run(uint32_t hz, uint32_t ms) {
  // The divisor is 16 bits (19 Hz at least); above 20 kHz nobody hears it. The tone lasts at
  // least the four periods output_toggles watches.
  if (hz < 19 || hz > 20000 || ms > 10000 || uint64_t{hz} * ms < 4000) {
    sys::printf("pc_speaker: hz=%u ms=%u: wants 19 to 20000 Hz, up to 10000 ms, 4 periods\n", hz,
                ms);
    return Status::kInvalidArgument;
  }
  const uint16_t divisor = static_cast<uint16_t>((kPitHz + hz / 2) / hz);
  const uint32_t exact_centihz = static_cast<uint32_t>(uint64_t{kPitHz} * 100 / divisor);

  // Both grants first, so a missing one stops the driver before it touches any port.
  sys::PortRange pit = TRY(enable_ports(kDriverPortsSlot, 0x42, 2));
  sys::PortRange gate = TRY(enable_ports(kDriverMorePortsSlot, 0x61, 1));
  const PcSpeaker speaker(TRY(pit.port<uint8_t>(0)), TRY(pit.port<uint8_t>(1)),
                          TRY(gate.port<uint8_t>(0)));

  speaker.start(divisor);
  const uint64_t deadline_ns = monotonic_ns() + ms * kNsPerMs;
  sys::printf(
      "pc_speaker: %u Hz for %u ms: PIT channel 2 in mode 3, divisor %u (%u.%02u Hz); "
      "speaker on (port 0x61 bits 1-0 = %u)\n",
      hz, ms, divisor, exact_centihz / 100, exact_centihz % 100, speaker.gate_bits());
  const bool toggled = speaker.output_toggles(deadline_ns);
  const Status slept = sleep_until(deadline_ns);
  speaker.stop();
  if (!toggled) {
    sys::printf(
        "pc_speaker: PIT channel 2 output (port 0x61 bit 5) did not change %u times in "
        "%u ms\n",
        kToggles, ms);
    return Status::kTimedOut;
  }
  TRY(slept);
  sys::printf("pc_speaker: PIT channel 2 output (port 0x61 bit 5) changed %u times: the PIT runs\n",
              kToggles);
  sys::printf("pc_speaker: speaker off after %u ms (port 0x61 bits 1-0 = %u)\n", ms,
              speaker.gate_bits());
  return Status::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  const uint32_t hz = number_argument(argc, argv, "hz", 440);
  const uint32_t ms = number_argument(argc, argv, "ms", 100);
  if (const Status s = run(hz, ms); s != Status::kOk) {
    sys::printf("pc_speaker: %s\n", status_name(s));
    return 1;
  }
  return 0;
}
