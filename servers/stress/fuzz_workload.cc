// The `fuzz` workload: the syscall fuzzer (test/system/fuzz/syscall_fuzz.cc) spawned again and
// again, each run with its own seed derived from the run's, while the other workloads go on.
// Invariant: every fuzzer run exits (its own checks passed: the kernel answered every call with a
// known status and still serves); a fault (a failed check faults the fuzzer) is a violation,
// reported with the module line that replays it.
#include <stdint.h>

#include "abi/portcullis/task_end.h"
#include "base/format.h"
#include "servers/stress/backoff.h"
#include "servers/stress/random.h"
#include "servers/stress/sleep.h"
#include "servers/stress/spawned_task.h"
#include "servers/stress/workload.h"

namespace stress {
namespace {

// Calls per run: a run takes well under a second, so the last one ends soon after the deadline.
constexpr uint64_t kCallsPerRun = 5000;
constexpr uint64_t kRetryNs = 5'000'000;  // after a spawn refused for want of memory or a slot

// One fuzzer run, waited for. `spawned` stays false if the spawn was refused for want of memory
// or a slot (the other workloads hold them: no fault of the kernel's).
Status run_fuzzer_once(Context& ctx, uint64_t seed, bool& spawned) {
  spawned = false;
  char line[128];
  // ports=shared: the other workloads make port syscalls meanwhile, so the fuzzer must not expect
  // the kernel-wide count of them to stand still (it still checks it holds no IoPorts).
  format(line, sizeof(line), "syscall_fuzz seed=%lu calls=%lu ports=shared", seed, kCallsPerRun);
  Result<SpawnedTask> task = SpawnedTask::spawn(ctx.slots().fuzz_module, line);
  if (task.is_error()) {
    if (held_elsewhere(task.status())) {
      return Status::kOk;
    }
    return task.status();
  }
  TRY(task.value().start());
  spawned = true;
  const TaskEnd end = TRY(task.value().wait());
  ctx.counters().ops++;
  if (end != TaskEnd::kExited) {
    ctx.violation("the fuzzer faulted; replay with the module line '%s'", line);
  } else {
    ctx.counters().checks++;
  }
  return Status::kOk;
}

Status run_fuzz(Context& ctx) {
  Random random(ctx.seed());
  while (!ctx.time_up()) {
    // A fuzzer seed of 0 would be its default; any other 63-bit number will do.
    const uint64_t seed = (random.next() >> 1) | 1;
    bool spawned = false;
    TRY(run_fuzzer_once(ctx, seed, spawned));
    if (!spawned) sleep_ns(kRetryNs);
  }
  return Status::kOk;
}

}  // namespace

extern const Workload kFuzzWorkload{
    "fuzz", "the syscall fuzzer (test/system/fuzz/syscall_fuzz.cc) beside the other workloads",
    run_fuzz};

}  // namespace stress
