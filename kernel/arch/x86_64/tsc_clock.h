// The monotonic clock (arch::monotonic_ns): the TSC, converted to nanoseconds with a rate measured
// once at boot against PIT channel 2, in the same window that calibrates the LAPIC timer (so the
// clock and the scheduler's 100 Hz ticks agree on what a second is).
#pragma once

#include <stdint.h>

// From lapic_calibrate_timer, on the boot CPU before any other CPU starts: the TSC advanced
// `tsc_cycles` while the PIT counted `window_ns`. Time 0 is the TSC at `tsc_at_end`.
void tsc_clock_calibrate(uint64_t tsc_cycles, uint64_t window_ns, uint64_t tsc_at_end);
