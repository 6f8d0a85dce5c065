// In-kernel benchmarks, run when the command line says bench=NAME (./portcullis bench NAME boots
// them under QEMU -icount). They print figures; they never pass or fail on a time.
#pragma once

#include "abi/portcullis/status.h"

// Runs the benchmark `name`; kNotFound if there is none by that name.
Status run_kernel_bench(const char* name);

// The benchmarks (one file each); run_kernel_bench dispatches by name.
Status run_io_switch_bench();       // io-switch: the I/O-bitmap part of a context switch
Status run_vm_batch_bench();        // vm-batch: map/unmap/protect batched vs page at a time, 4 CPUs
Status run_thread_switch_bench();   // thread-switch: a yield round trip between kernel threads
Status run_ipc_round_trip_bench();  // ipc-round-trip: Endpoint call + reply_receive
