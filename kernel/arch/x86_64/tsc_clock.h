// The monotonic clock (arch::monotonic_ns): the TSC, converted to nanoseconds with a rate measured
// once at boot against PIT channel 2, the same reference the LAPIC timer (the scheduler's 100 Hz
// ticks) is calibrated against.
#pragma once

#include <stdint.h>

struct TscCalibration {
  uint64_t khz;              // the TSC's rate as measured
  uint64_t uncertainty_ppm;  // how well the window's endpoints were known
};

// On the boot CPU, before any other CPU starts and before anything reads the clock. Time 0 is the
// end of the measurement.
TscCalibration tsc_clock_calibrate();
