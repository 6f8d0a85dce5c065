// In-kernel benchmarks, run when the command line says bench=NAME (./portcullis bench NAME boots them
// under QEMU -icount). They print figures; they never pass or fail on a time.
#pragma once

#include "kernel/lib/status.h"

// Runs the benchmark `name`; kNotFound if there is none by that name.
Status run_kernel_bench(const char* name);
