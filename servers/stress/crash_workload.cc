// The `crash` workload: drivers that crash in a loop under a supervisor, the controller, which
// restarts them up to a bound (as init does with restart=N, docs/init.md "Supervision"). Each
// driver is a stress_child in mode `port-driver`, granted one port (an IoPorts capability narrowed
// from the controller's root); it uses that port, then reads one it was not granted.
// Invariants per crash: that IN faults (a driver that reports it did not is a violation); the
// fault message names the driver's task, a port fault on exactly the probed port, 1 byte, IN;
// after the kill answer task_wait says faulted. faults = crashes provoked, survived = crashes
// after which every check passed and the next restart went ahead.
#include <stdint.h>

#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "base/format.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/thread.h"
#include "servers/stress/backoff.h"
#include "servers/stress/child_protocol.h"
#include "servers/stress/cpu_workers.h"
#include "servers/stress/random.h"
#include "servers/stress/sleep.h"
#include "servers/stress/spawned_task.h"
#include "servers/stress/workload.h"

namespace stress {
namespace {

constexpr uint32_t kDrivers = 2;            // crash loops running side by side
constexpr uint32_t kRestartBound = 1000;    // restarts per driver before the supervisor gives up
constexpr uint64_t kGrantedPort = 0x80;     // the POST diagnostic port: reading it does nothing
constexpr uint64_t kFirstProbePort = 0x81;  // DMA page registers: reading one does nothing
constexpr uint64_t kProbePorts = 15;
constexpr uint64_t kFaultWaitNs =
    60'000'000'000;  // only a broken kernel is this slow (kill_workload.cc)
constexpr uint64_t kRetryNs = 5'000'000;

struct CrashLoop {
  Context* ctx = nullptr;
  uint32_t index = 0;
  uint32_t restarts = 0;
  sys::Thread thread;
};

// The driver's one message: its fault (checked against `probe`) or its report that there was
// none; answered so that the task ends either way. True if it crashed as it must.
bool take_crash(Context& ctx, const sys::Endpoint& supervisor, uint32_t driver_id, uint64_t probe) {
  IpcMessage m;
  const Status s = supervisor.receive(m, kFaultWaitNs);
  if (s != Status::kOk) {
    ctx.violation("no word from driver task %u: %s", driver_id, status_name(s));
    return false;
  }
  bool right = true;
  if (m.label == kFaultMessageLabel) {
    const FaultMessage f = fault_message_unpack(m.words);
    if (f.task_id != driver_id || f.kind != FaultKind::kPort || fault_port(f.detail) != probe ||
        fault_port_width(f.detail) != 1 || fault_port_is_out(f.detail)) {
      ctx.violation("fault of task %u kind %u detail 0x%lx, expected task %u IN port 0x%lx",
                    f.task_id, static_cast<uint32_t>(f.kind), f.detail, driver_id, probe);
      right = false;
    }
  } else if (m.label == kDriverNoFaultLabel) {
    ctx.violation("driver task %u read port 0x%lx without a grant (or: %s)", driver_id, probe,
                  status_name(static_cast<Status>(m.words[0])));
    right = false;
  } else {
    ctx.violation("unexpected label 0x%lx from driver task %u", m.label, driver_id);
    right = false;
  }
  m = IpcMessage{};
  m.label = kFaultReplyKill;
  const Status answered = supervisor.reply_receive(m, 0);
  if (answered != Status::kTimedOut) {
    ctx.violation("answering driver task %u: %s", driver_id, status_name(answered));
    right = false;
  }
  return right;
}

// One start of the driver, to its crash and end. `started` false: refused for want of memory or
// a slot (held by the other workloads), to be tried again.
Status crash_once(CrashLoop& loop, const sys::Endpoint& supervisor, Random& random, bool& started) {
  Context& ctx = *loop.ctx;
  started = false;
  const uint64_t probe = kFirstProbePort + random.below(kProbePorts);
  char line[64];
  format(line, sizeof(line), "stress_child port-driver port=0x%lx probe=0x%lx", kGrantedPort,
         probe);
  const SyscallResult minted =
      sys_cap_copy(ctx.slots().io_ports_root, kCapSlotAny, kCapRead | kCapWrite | kCapGrant,
                   kCapCopyNarrow, kGrantedPort, 1);
  if (held_elsewhere(minted.status)) return Status::kOk;
  if (minted.status != Status::kOk) return minted.status;
  const sys::Cap port(static_cast<uint32_t>(minted.extra));
  Result<SpawnedTask> spawned = SpawnedTask::spawn(ctx.slots().child_module, line);
  if (spawned.is_error()) {
    const Status s = spawned.status();
    return held_elsewhere(s) ? Status::kOk : s;
  }
  const SpawnedTask& driver = spawned.value();
  const uint32_t driver_id = TRY(driver.id());
  TRY(driver.set_supervisor(supervisor.slot()));
  TRY(driver.grant(port.slot(), kDriverPortsSlot, kCapRead | kCapWrite));
  TRY(driver.grant(supervisor.slot(), kDriverReportSlot, kCapWrite));
  TRY(driver.start());
  started = true;
  ctx.counters().faults++;
  bool survived = take_crash(ctx, supervisor, driver_id, probe);
  const Result<TaskEnd> end = driver.wait();
  if (end.is_error() || end.value() != TaskEnd::kFaulted) {
    if (survived) {
      ctx.violation("driver task %u ended %s", driver_id,
                    end.is_error() ? status_name(end.status()) : "without a fault");
    }
    survived = false;
  } else {
    ctx.counters().checks++;
  }
  ctx.counters().ops++;
  if (survived) ctx.counters().survived++;
  return Status::kOk;
}

void crash_loop_main(void* arg) {
  auto& loop = *static_cast<CrashLoop*>(arg);
  Context& ctx = *loop.ctx;
  Result<sys::Endpoint> supervisor = create_endpoint(ctx);
  if (supervisor.is_error()) {
    ctx.violation("no supervisor endpoint: %s", status_name(supervisor.status()));
    return;
  }
  Random random(mix_seed(ctx.seed(), "driver", loop.index));
  while (!ctx.time_up() && loop.restarts < kRestartBound) {
    bool started = false;
    const Status s = crash_once(loop, supervisor.value(), random, started);
    if (s != Status::kOk) {
      ctx.violation("driver %u's start: %s", loop.index, status_name(s));
      return;
    }
    if (started) {
      loop.restarts++;
    } else {
      sleep_ns(kRetryNs);
    }
  }
}

Status run_crash(Context& ctx) {
  CrashLoop loops[kDrivers];
  Status result = Status::kOk;
  for (uint32_t i = 0; i < kDrivers && result == Status::kOk; ++i) {
    loops[i].ctx = &ctx;
    loops[i].index = i;
    sys::ThreadOptions options;
    options.priority = kWorkerPriority;
    result = retry_while_held(
        ctx, [&] { return loops[i].thread.start(crash_loop_main, &loops[i], options); });
  }
  for (auto& loop : loops) loop.thread.join();
  return result;
}

}  // namespace

extern const Workload kCrashWorkload{
    "crash",
    "drivers that touch ports they were not granted, crash and are restarted by their supervisor "
    "(the controller), bounded; the supervisor must see each fault and the rest go on",
    run_crash};

}  // namespace stress
