// The `kill` workload: tasks killed in the middle of IPC with the controller (docs/ipc.md,
// "Killed peers"). Server threads of the controller answer a service endpoint, holding some calls
// for a while before the answer; stress_child tasks in mode `ipc-victim` call it without pause
// from three threads (long and short calls, calls carrying a capability). At a random moment the
// controller makes a child fault (a message to its kill endpoint): its callers are queued, being
// served, or in a copy when the task dies. Each kill is supervised by the controller (answered
// kill, or the fault call dropped) or by nobody (the kernel kills at once).
// Checks per kill: the fault message names the child's task and an invalid opcode; task_wait
// returns (every thread of the task ended: nothing stayed blocked) and says faulted; the servers
// go on answering (a probe call after each kill), and none of their calls fails. faults = kills,
// survived = kills after which every check passed.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "base/format.h"
#include "libsys/endpoint.h"
#include "libsys/syscall_stubs.h"
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

constexpr uint32_t kMaxServers = 2;  // each a Thread capability of the shared 256 slots
constexpr uint64_t kServerReceiveNs = 20'000'000;  // a server's check of the stop flag
constexpr uint64_t kProbeLabel = 0x4B49'4C4C'0000'0030;
// Waits that only a broken kernel exceeds: on a loaded host (4 guest CPUs on 2 cores beside other
// work) the guest's clock runs on while a new child takes seconds to reach its first receive.
constexpr uint64_t kFaultWaitNs = 60'000'000'000;
constexpr uint64_t kKillSendNs = 1'000'000;  // between sends until the child listens
// The child's own bound (`until=`), past the wait.
constexpr uint64_t kChildLifeNs = 120'000'000'000;
constexpr uint64_t kMaxKillDelayNs = 15'000'000;

enum class KillRoute : uint32_t { kSupervisorKills, kSupervisorDrops, kNoSupervisor };

struct KillRun {
  Context* ctx = nullptr;
  sys::Endpoint service{sys::Cap()};
  std::atomic<uint32_t> stop{0};
  std::atomic<uint64_t> server_errors{0};
  sys::Thread servers[kMaxServers];
};

// Answers one request in `m`: words inverted back; a capability that came along identified as an
// endpoint and deleted; a child's report of a wrong answer is a violation.
void answer_request(KillRun& run, Random& random, IpcMessage& m) {
  Context& ctx = *run.ctx;
  if (m.label == kVictimWrongAnswerLabel) {
    ctx.violation("a child got answer label 0x%lx word0 0x%lx", m.words[0], m.words[1]);
  }
  for (uint32_t i = 0; i < m.cap_count; ++i) {
    sys::Cap copy(m.caps[i]);
    const Result<CapabilityType> type = copy.type();
    if (type.is_error() || type.value() != CapabilityType::kEndpoint) {
      ctx.violation("a child's capability is not an endpoint (%s)",
                    type.is_error() ? status_name(type.status()) : "wrong type");
    }
  }
  const uint64_t word = m.words[0];
  const bool probe = m.label == kProbeLabel;
  m = IpcMessage{};
  m.label = probe ? kProbeLabel : kVictimAnswerLabel;
  m.word_count = 1;
  m.words[0] = ~word;
  // Some calls are held a while: a kill then finds their callers being served.
  if (!probe && random.below(10) < 3) sleep_ns(random.below(2'000'000));
}

void server_main(void* arg) {
  auto& run = *static_cast<KillRun*>(arg);
  static std::atomic<uint32_t> next_stream{0};
  Random random(mix_seed(run.ctx->seed(), "server", next_stream.fetch_add(1)));
  IpcMessage m;
  Status s = run.service.receive(m, kServerReceiveNs);
  while (run.stop.load(std::memory_order_acquire) == 0 || s == Status::kOk) {
    if (s == Status::kOk) {
      answer_request(run, random, m);
      // The answer to a caller killed meanwhile is dropped; the call still answers kOk.
      s = run.service.reply_receive(m, kServerReceiveNs);
    } else if (s == Status::kTimedOut) {
      s = run.service.receive(m, kServerReceiveNs);
    } else {
      run.server_errors++;
      run.ctx->violation("a server's receive: %s", status_name(s));
      s = run.service.receive(m, kServerReceiveNs);
    }
  }
}

// The server still answers: one call of our own.
bool probe(KillRun& run, uint64_t word) {
  IpcMessage m;
  m.label = kProbeLabel;
  m.word_count = 1;
  m.words[0] = word;
  const Status s = run.service.call(m);
  if (s != Status::kOk || m.label != kProbeLabel || m.words[0] != ~word) {
    run.ctx->violation("the service's probe answered %s label 0x%lx", status_name(s), m.label);
    return false;
  }
  return true;
}

// Receives the child's fault message and answers it as `route` says; true if it was right.
bool take_fault(Context& ctx, const sys::Endpoint& supervisor, uint32_t child_id, KillRoute route) {
  IpcMessage m;
  const Status s = supervisor.receive(m, kFaultWaitNs);
  if (s != Status::kOk || m.label != kFaultMessageLabel) {
    ctx.violation("no fault message from the killed child (%s, label 0x%lx)", status_name(s),
                  m.label);
    return false;
  }
  const FaultMessage fault = fault_message_unpack(m.words);
  bool right = true;
  if (fault.task_id != child_id || fault.kind != FaultKind::kInvalidOpcode) {
    ctx.violation("fault message of task %u kind %u, expected task %u's ud2", fault.task_id,
                  static_cast<uint32_t>(fault.kind), child_id);
    right = false;
  }
  m = IpcMessage{};
  m.label = kFaultReplyKill;
  // Killing answer, or a receive that drops the held call: both end the task.
  const Status answered = route == KillRoute::kSupervisorKills ? supervisor.reply_receive(m, 0)
                                                               : supervisor.receive(m, 0);
  if (answered != Status::kTimedOut) {
    ctx.violation("answering the fault: %s", status_name(answered));
    right = false;
  }
  return right;
}

// One child: spawned, supervised (or not), killed after a random delay, waited for.
Status kill_one(KillRun& run, const sys::Endpoint& kill, const sys::Endpoint& supervisor,
                Random& random, uint64_t number) {
  Context& ctx = *run.ctx;
  char line[96];
  format(line, sizeof(line), "stress_child ipc-victim until=%lu seed=%lu",
         sys_monotonic_ns().extra + kChildLifeNs, random.next());
  Result<SpawnedTask> spawned = SpawnedTask::spawn(ctx.slots().child_module, line);
  if (spawned.is_error()) {
    // The other workloads may hold the memory or the slots a task needs: try again later.
    if (held_elsewhere(spawned.status())) {
      sleep_ns(kKillSendNs);
      return Status::kOk;
    }
    return spawned.status();
  }
  const SpawnedTask& child = spawned.value();
  const uint32_t child_id = TRY(child.id());
  const auto route = static_cast<KillRoute>(random.below(3));
  if (route != KillRoute::kNoSupervisor) TRY(child.set_supervisor(supervisor.slot()));
  TRY(child.grant(run.service.slot(), kVictimServiceSlot, kCapWrite));
  TRY(child.grant(kill.slot(), kVictimKillSlot, kCapRead));
  TRY(child.start());
  sleep_ns(random.below(kMaxKillDelayNs));
  ctx.counters().faults++;
  bool survived = true;
  IpcMessage m;
  m.label = kVictimKillLabel;
  // Delivered only once the child's main thread waits on the kill endpoint.
  Status sent = kill.send(m);
  for (uint64_t waited = 0; sent == Status::kNotFound && waited < kFaultWaitNs;
       waited += kKillSendNs) {
    sleep_ns(kKillSendNs);
    sent = kill.send(m);
  }
  if (sent != Status::kOk) {
    ctx.violation("child %lu never took the kill message: %s", number, status_name(sent));
    survived = false;
  }
  if (sent == Status::kOk && route != KillRoute::kNoSupervisor) {
    survived = take_fault(ctx, supervisor, child_id, route) && survived;
  }
  const Result<TaskEnd> end = child.wait();
  if (end.is_error() || (sent == Status::kOk && end.value() != TaskEnd::kFaulted)) {
    ctx.violation("child %lu ended %s", number,
                  end.is_error() ? status_name(end.status()) : "without the fault");
    survived = false;
  } else {
    ctx.counters().checks++;
  }
  survived = probe(run, number) && survived;
  ctx.counters().ops++;
  if (survived) ctx.counters().survived++;
  return Status::kOk;
}

Status run_kills(KillRun& run) {
  Context& ctx = *run.ctx;
  sys::Endpoint kill = TRY(create_endpoint(ctx));
  sys::Endpoint supervisor = TRY(create_endpoint(ctx));
  Random random(mix_seed(ctx.seed(), "killer"));
  for (uint64_t number = 1; !ctx.time_up(); ++number) {
    TRY(kill_one(run, kill, supervisor, random, number));
  }
  return Status::kOk;
}

Status run_kill(Context& ctx) {
  KillRun run;
  run.ctx = &ctx;
  run.service = TRY(create_endpoint(ctx));
  const uint32_t cpus = ctx.cpus() == 0 ? 1 : ctx.cpus();
  const uint32_t server_count =
      cpus - 1 == 0 ? 1 : (cpus - 1 > kMaxServers ? kMaxServers : cpus - 1);
  Status result = Status::kOk;
  for (uint32_t i = 0; i < server_count && result == Status::kOk; ++i) {
    sys::ThreadOptions options;
    options.priority = kWorkerPriority;
    result =
        retry_while_held(ctx, [&] { return run.servers[i].start(server_main, &run, options); });
  }
  if (result == Status::kOk) result = run_kills(run);
  run.stop.store(1, std::memory_order_release);
  for (auto& server : run.servers) server.join();
  return result;
}

}  // namespace

extern const Workload kKillWorkload{
    "kill",
    "kill storm: tasks killed while their threads call the controller (queued, being served, "
    "carrying capabilities); every task must end and the controller's servers go on answering",
    run_kill};

}  // namespace stress
