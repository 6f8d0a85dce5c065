// port_poller: a driver's polling loop and nothing else. It reads the one port it is granted
// (kDriverPortsSlot: its manifest line's grant=io_ports:PORT+1@3), kReadsPerRound times in a row,
// then sleeps kRoundNs, for ever: a driver waiting for its device's status bit, small enough to
// watch. ./portcullis run starts it on POST port 0x80 (reads are harmless) so the shell can show
// what a revoke does to a running driver: its next IN faults (#GP), init (its supervisor) sees
// the fault and, restart=N on the line, starts it again with its manifest grant (docs/shell.md).
//
//   port_poller [spin]
//
// With `spin` it never sleeps: it keeps its CPU, and its I/O bitmap stays live in that CPU's TSS,
// so a revoke must interrupt that CPU (the revoking CPU's `ipis` counter, `counters` at the
// shell). Prints one line when it starts polling; the fault is init's to report.
#include <stdint.h>

#include "base/c_string.h"
#include "libsys/cap.h"
#include "libsys/port.h"
#include "libsys/print.h"
#include "libsys/sleep.h"
#include "servers/drivers/driver_slots.h"

namespace {

constexpr uint32_t kReadsPerRound = 64;
constexpr uint64_t kRoundNs = 1'000'000;  // about 1,000 rounds a second: it never hogs a CPU

}  // namespace

bool spin_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (base::same_text(argv[i], "spin")) return true;
  }
  return false;
}

int main(int argc, char** argv) {
  const bool spin = spin_argument(argc, argv);
  Result<sys::PortRange> range = sys::PortRange::enable(sys::Cap(kDriverPortsSlot));
  if (!range.is_ok()) {
    sys::printf("port_poller: no port to poll (%s)\n", status_name(range.status()));
    return 1;
  }
  Result<sys::Port<uint8_t>> port = range.value().port<uint8_t>(0);
  if (!port.is_ok()) {
    sys::printf("port_poller: %s\n", status_name(port.status()));
    return 2;
  }
  sys::printf("port_poller: polling port 0x%x%s\n", port.value().number(),
              spin ? " without a pause" : "");
  for (;;) {
    for (uint32_t i = 0; i < kReadsPerRound; ++i) (void)port.value().read();
    if (!spin) sys::sleep_ns(kRoundNs);
  }
}
