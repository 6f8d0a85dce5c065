// The `memsrv` workload: map / unmap / share / reclaim storms on the memory server from many
// clients at once. The clients are programs init starts from the stress manifest
// (`stress_child memclient index=I of=N ... memory`, servers/stress/child/mem_client.cc): each
// calls the controller on the `stress` endpoint (stress_endpoint.h), gets the seed and the
// deadline, makes random requests until then, and reports. This side serves them: hands out
// the seed and deadline, the other clients' badges and the offers they post for each other (a
// small mailbox), adds up their counters, prints what they found broken, and runs memsrv's check
// (kCheck) itself every kCheckNs. Invariants: memsrv's check passes at every point, and none of
// the clients' checks fail (mem_client.cc lists them); every client reports before the grace
// time after the deadline. The rmap lock (spin or sem) is the memsrv binary's, the driver's choice.
//
// Faults: the client whose line says `victim` is killed mid-request. Each life asks here when to
// die (a seeded moment kMinLifeNs to kMinLifeNs + kLifeSpreadMs later, none in the last
// kLastDeathNs), says so (a fault) and faults with its other threads' requests in flight; init
// reports its end to memsrv and restarts it, and the new life's hello is the recovery (survived).
// With memsrv_sem each life also subscribes to notifiers of its pages and dies without
// unsubscribing: a second fault, survived when the new life says hello (memsrv's unmaps of the
// dead life, and the other clients' frees and reclaims of pages it shared, went on past the dead
// subscriber); every client's longest free or reclaim must stay under two notifier timeouts plus
// kUnmapSlackNs. The spin build has no notifiers: that part is skipped, and said once. A life
// that starts again without having said it would die, and one that never comes back (within the
// grace time), are violations; memsrv's check and the leak accounting (every pool page back, the
// kernel's counts equal, with the last life parked) cover the rest.
#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "servers/stress/leak_accounting.h"
#include "servers/stress/random.h"
#include "servers/stress/stress_endpoint.h"
#include "servers/stress/workload.h"

namespace stress {
namespace {

constexpr uint32_t kMaxClients = 8;
constexpr uint32_t kMailboxSize = 16;
constexpr uint64_t kReceiveNs = 50'000'000;
constexpr uint64_t kCheckNs = 200'000'000;
// How long after the deadline the clients may take to give everything back and report, and how
// long after the start the first must say hello: guest time, which runs on while a loaded host
// starves the guest's CPUs (20 s was seen to run out with the host's load at 14 on 2 cores), so
// as long as the kill workload's wait for a child. A client that hangs is still caught.
constexpr uint64_t kGraceNs = 60'000'000'000;
// When the victim dies after each start (and never closer than kLastDeathNs to the deadline): at
// most 10 s / kMinLifeNs = 25 restarts in any 10 s, inside init's budget (kMemVictimRestarts).
constexpr uint64_t kMinLifeNs = 400'000'000;
constexpr uint32_t kLifeSpreadMs = 1000;
constexpr uint64_t kLastDeathNs = 1'000'000'000;
static_assert(10'000'000'000 / kMinLifeNs < kMemVictimRestarts);
// The longest a client's free or reclaim may take beyond two notifier timeouts (one for a dead
// subscriber, one for the client's end that may hold its lock meanwhile): guest time, generous
// for a loaded host (see kGraceNs); a free that waits for a dead subscriber for good still shows.
constexpr uint64_t kUnmapSlackNs = 30'000'000'000;

struct PostedOffer {
  bool used = false;
  uint64_t to = 0;
  uint64_t offer_id = 0;
  uint64_t pages = 0;
  uint64_t pattern = 0;
};

struct ClientRecord {
  bool said_hello = false;
  uint64_t badge = 0;
  uint64_t lives = 0;             // hellos so far
  bool dying = false;             // said it dies; its next life's hello is its recovery
  bool dying_subscribed = false;  // and it died subscribed to notifiers
};

struct MemsrvRun {
  Context* ctx = nullptr;
  uint32_t memory = 0;
  uint64_t expected_clients = 0;  // from the first hello (its `of=`)
  uint64_t reports = 0;
  uint64_t unmap_bound_ns = 0;  // the longest a client's free or reclaim may take
  Random random{0};             // the victim's moments of death
  ClientRecord clients[kMaxClients];
  PostedOffer mailbox[kMailboxSize];
};

const char* violation_text(MemClientViolation what) {
  switch (what) {
    case MemClientViolation::kUnexpectedStatus:
      return "unexpected answer (request, status)";
    case MemClientViolation::kContentChanged:
      return "page content changed (address, word)";
    case MemClientViolation::kSharedContent:
      return "shared page does not hold the offerer's words (address, status)";
    case MemClientViolation::kCheckFailed:
      return "memsrv check failed (what, where)";
    case MemClientViolation::kReclaimCount:
      return "reclaim removed a wrong count (removed, pages)";
    case MemClientViolation::kDidNotDie:
      return "the victim's write to the null page did not fault (index, 0)";
  }
  return "unknown";
}

void check_memsrv(MemsrvRun& run) {
  Context& ctx = *run.ctx;
  const Result<sys::mem::CheckResult> result = sys::mem::check(run.memory);
  ctx.counters().ops++;
  if (result.is_error()) {
    ctx.violation("memsrv check request: %s", status_name(result.status()));
  } else if (result.value().status != Status::kOk) {
    ctx.violation("memsrv check failed: what %lu where 0x%lx (%lu pages, %lu mappings checked)",
                  result.value().failed, result.value().where, result.value().pages_checked,
                  result.value().mappings_checked);
  } else {
    ctx.counters().checks++;
  }
}

// A client's hello, `answer` its kMemGoLabel: the seed, the deadline, the victim's moment of death
// and which life this is. A second hello is a restarted victim's recovery.
void hello(MemsrvRun& run, ClientRecord& client, uint64_t index, uint64_t badge, bool victim,
           IpcMessage& answer) {
  Context& ctx = *run.ctx;
  if (client.said_hello && !client.dying) {
    ctx.violation("client %lu started again without having said it dies", index);
  } else if (client.dying) {
    ctx.counters().survived += client.dying_subscribed ? 2 : 1;
    ctx.counters().checks++;
    client.dying = false;
  }
  client.said_hello = true;
  client.badge = badge;
  uint64_t die_at = 0;
  if (victim) {
    die_at = sys_monotonic_ns().extra + kMinLifeNs + run.random.below(kLifeSpreadMs) * 1'000'000;
    if (die_at + kLastDeathNs > ctx.deadline_ns()) die_at = 0;
  }
  answer.label = kMemGoLabel;
  answer.word_count = 4;
  answer.words[0] = mix_seed(ctx.seed(), "client", index);
  answer.words[1] = ctx.deadline_ns();
  answer.words[2] = die_at;
  answer.words[3] = client.lives++;
}

// Answers the client request in `m`, written over it.
void answer_request(MemsrvRun& run, IpcMessage& m) {
  Context& ctx = *run.ctx;
  IpcMessage answer;
  answer.label = kMemOkLabel;
  const uint64_t index = m.words[0];
  switch (m.label) {
    case kMemHelloLabel:
      if (index >= kMaxClients || m.words[1] > kMaxClients) {
        ctx.violation("a client says it is %lu of %lu (at most %u)", index, m.words[1],
                      kMaxClients);
        answer.label = kStressExitLabel;
        break;
      }
      if (run.expected_clients == 0) run.expected_clients = m.words[1];
      hello(run, run.clients[index], index, m.words[2], (m.words[3] & kMemHelloVictim) != 0,
            answer);
      break;
    case kMemDyingLabel:
      if (index >= kMaxClients || !run.clients[index].said_hello) {
        ctx.violation("client %lu says it dies before its hello", index);
        break;
      }
      run.clients[index].dying = true;
      run.clients[index].dying_subscribed = m.words[1] != 0;
      ctx.counters().faults += run.clients[index].dying_subscribed ? 2 : 1;
      break;
    case kMemPeerLabel:
      answer.word_count = 1;
      answer.words[0] = index < kMaxClients ? run.clients[index].badge : 0;
      break;
    case kMemOfferLabel:
      answer.label = kMemFullLabel;
      for (PostedOffer& offer : run.mailbox) {
        if (offer.used) continue;
        offer = PostedOffer{true, index, m.words[1], m.words[2], m.words[3]};
        answer.label = kMemOkLabel;
        break;
      }
      break;
    case kMemTakeLabel:
      answer.label = kMemNoneLabel;
      for (PostedOffer& offer : run.mailbox) {
        if (!offer.used || offer.to != index) continue;
        answer.label = kMemOkLabel;
        answer.word_count = 3;
        answer.words[0] = offer.offer_id;
        answer.words[1] = offer.pages;
        answer.words[2] = offer.pattern;
        offer.used = false;
        break;
      }
      break;
    case kMemProgressLabel:
    case kMemReportLabel:
      ctx.counters().ops += m.words[0];
      ctx.counters().checks += m.words[1];
      if (m.words[2] > run.unmap_bound_ns) {
        ctx.violation("a client's free or reclaim took %lu ms (at most %lu)",
                      m.words[2] / 1'000'000, run.unmap_bound_ns / 1'000'000);
      } else {
        ctx.counters().checks++;
      }
      if (m.label == kMemReportLabel) run.reports++;
      break;
    case kMemViolationLabel:
      ctx.violation("client: %s: 0x%lx 0x%lx",
                    violation_text(static_cast<MemClientViolation>(m.words[0])), m.words[1],
                    m.words[2]);
      break;
    case kMemParkLabel:
      answer.label = kMemParkLaterLabel;
      break;
    default:
      ctx.violation("unknown request 0x%lx on the stress endpoint", m.label);
      answer.label = kStressExitLabel;
      break;
  }
  m = answer;
}

// Whether to stop serving: every client reported, or (a violation) they are too late.
bool done_serving(MemsrvRun& run, uint64_t start, uint64_t now) {
  Context& ctx = *run.ctx;
  if (run.expected_clients != 0 && run.reports >= run.expected_clients) return true;
  if (run.expected_clients == 0 && now >= start + kGraceNs) {
    ctx.violation("no memsrv client said hello (the manifest's memclient lines)");
    return true;
  }
  if (now >= ctx.deadline_ns() + kGraceNs) {
    ctx.violation("%lu of %lu clients reported within the grace time", run.reports,
                  run.expected_clients);
    return true;
  }
  return false;
}

// Serves the clients until every one has reported; returns holding no call. The endpoint is the
// manifest's, only borrowed: raw calls, no sys::Endpoint (which would delete the capability).
// Parked clients call every few milliseconds, so the end is decided on every message, not only
// when a receive times out.
Status serve_clients(MemsrvRun& run, uint32_t stress) {
  const uint64_t start = sys_monotonic_ns().extra;
  uint64_t next_check = start + kCheckNs;
  bool stopping = false;
  IpcMessage m;
  Status s = sys_ipc_receive(stress, &m, kReceiveNs).status;
  for (;;) {
    if (s != Status::kOk && s != Status::kTimedOut) return s;
    const uint64_t now = sys_monotonic_ns().extra;
    stopping = stopping || done_serving(run, start, now);
    if (s == Status::kTimedOut && stopping) return Status::kOk;
    if (now >= next_check && !run.ctx->time_up()) {
      check_memsrv(run);
      next_check = now + kCheckNs;
    }
    if (s == Status::kOk) {
      answer_request(run, m);
      // Once stopping, only what is queued already is taken (and answered in turn).
      s = sys_ipc_reply_receive(stress, &m, stopping ? 0 : kReceiveNs).status;
    } else {
      s = sys_ipc_receive(stress, &m, kReceiveNs).status;
    }
  }
}

Status run_memsrv(Context& ctx) {
  if (ctx.slots().memory_server == LeakSnapshot::kNoMemoryServer) {
    ctx.violation("the controller is no memsrv client (its manifest line wants `memory`)");
    return Status::kOk;
  }
  MemsrvRun run;
  run.ctx = &ctx;
  run.memory = ctx.slots().memory_server;
  run.random = Random(mix_seed(ctx.seed(), "victim"));
  const Result<sys::mem::ServerInfo> info = sys::mem::server_info(run.memory);
  if (info.is_error()) {
    ctx.violation("memsrv server info: %s", status_name(info.status()));
    return Status::kOk;
  }
  run.unmap_bound_ns = 2 * info.value().notifier_timeout_ns + kUnmapSlackNs;
  if (!info.value().notifiers) {
    // Not a `stress: ` line (the driver knows every form of those).
    (void)sys::printf(
        "memsrv workload: notifier subscribers that die: skipped (the spin build has no "
        "notifiers)\n");
  }
  TRY(serve_clients(run, ctx.slots().serve_endpoint));
  check_memsrv(run);  // after every client gave everything back
  return Status::kOk;
}

}  // namespace

extern const Workload kMemsrvWorkload{
    "memsrv",
    "memory-server clients allocating, freeing, protecting, sharing and reclaiming at once, one "
    "killed mid-request and restarted (with memsrv_sem it dies subscribed to notifiers); every "
    "page must hold what its client wrote and memsrv's check must pass",
    run_memsrv};

}  // namespace stress
