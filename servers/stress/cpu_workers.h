// Running a workload's share on every CPU: one thread pinned to each online CPU, the workload's
// own runner thread taking the share of the CPU it is pinned to (fewer Thread capabilities: the
// controller's 256 slots are shared by every workload).
#pragma once

#include <stdint.h>

#include "abi/portcullis/thread_params.h"
#include "servers/stress/workload.h"

namespace stress {

// Workload threads run at the default level, the level of every task they spawn (children, the
// fuzzer and its threads, memsrv's other clients): below it they would get only what those leave
// over. The manifest starts the controller at priority=9, one above, so that its main thread's
// progress lines come on time however busy the CPUs are.
inline constexpr uint32_t kWorkerPriority = kThreadPriorityDefault;

// The most CPUs a workload spreads over (a kernel with more runs on the first kMaxCpus).
inline constexpr uint32_t kMaxCpus = 16;

using CpuShare = void (*)(Context& ctx, uint32_t cpu, void* arg);

// Calls share(ctx, cpu, arg) for every CPU, each on a thread pinned there, and returns once all
// have returned. A thread that cannot be started (no slot or memory left while other workloads
// hold them) is retried until the deadline, then that CPU's share is skipped.
void run_on_every_cpu(Context& ctx, CpuShare share, void* arg);

// Sleeps about `ns` nanoseconds (a timed wait on a word nobody changes).
void nap_ns(uint64_t ns);

}  // namespace stress
