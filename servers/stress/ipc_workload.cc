// The `ipc` workload: IPC between threads pinned to different CPUs, and capabilities handed across
// and revoked while in use.
//   - Ping-pong pairs: a client thread calls its server thread, long and short forms mixed (one
//     server receives long, the other short), and every answer's words are checked. To a long
//     server the client also sends capabilities: a badged copy of an endpoint or a narrowed
//     IoPorts copy; the server identifies its copy (type, rights, badge or range must be what the
//     words say) and deletes it.
//   - A revoke pair: the revoker derives a tree of badged endpoint copies, hands some to the
//     holder thread (each arrives as a child of the copy sent), and revokes the tree's root at a
//     random moment while the holder keeps identifying its copies. Invariants: the revoke removes
//     exactly the copies made and delivered; no copy is still there once the revoke has returned
//     (a holder's use that starts after it must fail: kBadHandle, or the slot holds something
//     else by then). The controller's capability space is shared with the other workloads, so a
//     slot emptied by the revoke may be refilled at once: a copy is recognised by its unique badge,
//     and a revoked slot is never deleted again by us (it may be someone else's by then).
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "servers/stress/backoff.h"
#include "servers/stress/cpu_workers.h"
#include "servers/stress/random.h"
#include "servers/stress/sleep.h"
#include "servers/stress/workload.h"

namespace stress {
namespace {

constexpr uint64_t kEchoLabel = 0x4950'4300'0000'0001;      // "IPC": words answered inverted
constexpr uint64_t kCapsLabel = 0x4950'4300'0000'0002;      // a capability to identify
constexpr uint64_t kTreeLabel = 0x4950'4300'0000'0003;      // revoke-tree copies to hold
constexpr uint64_t kStopLabel = 0x4950'4300'0000'0004;      // the server answers and ends
constexpr uint64_t kAnswerLabel = 0x4950'4300'0000'0010;    // every answer
constexpr uint64_t kReceiveTimeoutNs = 50'000'000;          // a server's check of the stop flag
constexpr uint64_t kTreeBadgeBase = 0x5452'4545'0000'0000;  // "TREE": one badge per round
constexpr uint32_t kTreeCopies = 4;                         // copies the revoker derives a round
// Each pair takes an endpoint and two Thread capabilities of the 256 slots the controller shares
// with every workload: two pairs keep ipc a fair neighbour when all workloads run.
constexpr uint32_t kMaxPairs = 2;

// Kinds of capability a client sends (words[0] of kCapsLabel).
constexpr uint64_t kSentEndpoint = 1;
constexpr uint64_t kSentPorts = 2;
// Narrowed IoPorts copies are taken from here: nothing enables them, so the ports never matter.
constexpr uint64_t kPortsBase = 0x4000;
constexpr uint64_t kPortsSpan = 0x1000;

struct PingPongPair {
  Context* ctx = nullptr;
  uint32_t index = 0;
  bool short_server = false;  // the server receives with ipc_reply_receive_short
  sys::Endpoint endpoint{sys::Cap()};
  sys::Thread server;
  sys::Thread client;
};

struct RevokePair {
  Context* ctx = nullptr;
  sys::Endpoint holder_endpoint{sys::Cap()};  // the holder receives the copies here
  sys::Endpoint target{sys::Cap()};           // what the tree's copies are copies of
  std::atomic<uint64_t> revoked_round{0};     // set once the round's revoke has returned
  std::atomic<uint32_t> stop{0};
  sys::Thread holder;
  sys::Thread revoker;
};

uint64_t invert(uint64_t word) { return ~word; }

// ---- ping-pong ---------------------------------------------------------------------------------

// Identifies the capability a client sent; the answer's word 0 is 1 if it was what the words say.
// A message that came without it (the space had no free slot) is not a fault.
void identify_sent_capability(Context& ctx, const IpcMessage& m, uint64_t& answer) {
  answer = 0;
  if (m.cap_count == 0) return;
  sys::Cap copy(m.caps[0]);
  const Result<CapIdentity> id = copy.identify();
  if (id.is_error()) {
    ctx.violation("a received capability does not identify: %s", status_name(id.status()));
    return;
  }
  const CapIdentity& got = id.value();
  bool same = false;
  if (m.words[0] == kSentEndpoint) {
    same = got.type == static_cast<uint32_t>(CapabilityType::kEndpoint) && got.base == m.words[1] &&
           got.rights == m.words[2];
  } else if (m.words[0] == kSentPorts) {
    same = got.type == static_cast<uint32_t>(CapabilityType::kIoPorts) && got.base == m.words[1] &&
           got.count == m.words[2] && got.rights == m.words[3];
  }
  if (!same) {
    ctx.violation(
        "ipc: received capability type %u rights 0x%x base 0x%lx count %lu, sent kind %lu",
        got.type, got.rights, got.base, got.count, m.words[0]);
    return;
  }
  ctx.counters().checks++;
  answer = 1;
  const Status deleted = copy.reset();
  if (deleted != Status::kOk) ctx.violation("deleting a received copy: %s", status_name(deleted));
}

// The answer to `m` (a request the long server received), written over it.
void answer_request(Context& ctx, IpcMessage& m) {
  IpcMessage answer;
  answer.label = kAnswerLabel;
  if (m.label == kEchoLabel) {
    answer.word_count = m.word_count;
    for (uint32_t i = 0; i < m.word_count; ++i) answer.words[i] = invert(m.words[i]);
  } else if (m.label == kCapsLabel) {
    answer.word_count = 1;
    identify_sent_capability(ctx, m, answer.words[0]);
  }
  m = answer;
}

// A long-form server: receives with a timeout, so that it never waits on a client that is gone.
void long_server(PingPongPair& pair) {
  Context& ctx = *pair.ctx;
  IpcMessage m;
  Status s = pair.endpoint.receive(m, kReceiveTimeoutNs);
  for (;;) {
    if (s == Status::kTimedOut) {
      s = pair.endpoint.receive(m, kReceiveTimeoutNs);
      continue;
    }
    if (s != Status::kOk) {
      ctx.violation("pair %u server receive: %s", pair.index, status_name(s));
      return;
    }
    const bool stop = m.label == kStopLabel;
    answer_request(ctx, m);
    if (stop) {
      // Answers the stop and receives nothing more.
      s = pair.endpoint.reply_receive(m, 0);
      if (s != Status::kTimedOut) {
        ctx.violation("pair %u last answer: %s", pair.index, status_name(s));
      }
      return;
    }
    s = pair.endpoint.reply_receive(m, kReceiveTimeoutNs);
  }
}

// A short-form server: reply_receive_short has no timeout, so it ends only on the client's stop,
// which it answers with the long call and a timeout of 0.
void short_server(PingPongPair& pair) {
  Context& ctx = *pair.ctx;
  IpcShortMessage m;
  for (;;) {
    const Status s = pair.endpoint.reply_receive_short(m);
    if (s != Status::kOk) {
      ctx.violation("pair %u short server: %s", pair.index, status_name(s));
      return;
    }
    if (m.label == kStopLabel) {
      IpcMessage last;
      last.label = kAnswerLabel;
      const Status answered = pair.endpoint.reply_receive(last, 0);
      if (answered != Status::kTimedOut) {
        ctx.violation("pair %u last answer: %s", pair.index, status_name(answered));
      }
      return;
    }
    for (uint32_t i = 0; i < kIpcMessageWords; ++i) m.words[i] = invert(m.words[i]);
    m.label = kAnswerLabel;
  }
}

void server_main(void* arg) {
  auto& pair = *static_cast<PingPongPair*>(arg);
  if (pair.short_server) {
    short_server(pair);
  } else {
    long_server(pair);
  }
}

// `got` must be `sent` inverted, word for word, for `count` words.
void check_inverted(Context& ctx, uint32_t pair, uint64_t label, const uint64_t* sent,
                    const uint64_t* got, uint32_t count) {
  bool same = label == kAnswerLabel;
  for (uint32_t i = 0; i < count; ++i) same = same && got[i] == invert(sent[i]);
  if (!same) {
    ctx.violation("pair %u answer label 0x%lx word0 0x%lx for sent 0x%lx", pair, label, got[0],
                  sent[0]);
    return;
  }
  ctx.counters().checks++;
}

void call_long_echo(PingPongPair& pair, Random& random) {
  Context& ctx = *pair.ctx;
  IpcMessage m;
  m.label = kEchoLabel;
  m.word_count = static_cast<uint8_t>(random.below(kIpcMessageWords + 1));
  uint64_t sent[kIpcMessageWords] = {};  // words not sent arrive as 0
  for (uint32_t i = 0; i < m.word_count; ++i) m.words[i] = sent[i] = random.next();
  const uint8_t sent_count = m.word_count;
  const Status s = pair.endpoint.call(m);
  if (s != Status::kOk) {
    ctx.violation("pair %u call: %s", pair.index, status_name(s));
    return;
  }
  // A short server answers four words, the ones not sent inverted zeros.
  const uint32_t expected = pair.short_server ? kIpcMessageWords : sent_count;
  if (m.word_count != expected) {
    ctx.violation("pair %u answer of %u words to %u sent", pair.index, m.word_count, sent_count);
    return;
  }
  check_inverted(ctx, pair.index, m.label, sent, m.words, expected);
}

void call_short_echo(PingPongPair& pair, Random& random) {
  Context& ctx = *pair.ctx;
  IpcShortMessage m;
  m.label = kEchoLabel;
  uint64_t sent[kIpcMessageWords];
  for (uint32_t i = 0; i < kIpcMessageWords; ++i) m.words[i] = sent[i] = random.next();
  const Status s = pair.endpoint.call_short(m);
  if (s != Status::kOk) {
    ctx.violation("pair %u short call: %s", pair.index, status_name(s));
    return;
  }
  check_inverted(ctx, pair.index, m.label, sent, m.words, kIpcMessageWords);
}

// Sends a derived capability to the (long) server: a badged endpoint copy or a narrowed IoPorts
// copy. A copy refused for want of a free slot is skipped: the space is shared with the other
// workloads.
void call_with_capability(PingPongPair& pair, Random& random, uint64_t serial) {
  Context& ctx = *pair.ctx;
  IpcMessage m;
  m.label = kCapsLabel;
  m.word_count = 4;
  SyscallResult copied;
  if (random.chance(2)) {
    const uint64_t badge = (uint64_t{pair.index + 1} << 48) | serial;
    const uint32_t rights = kCapWrite | kCapGrant;
    copied = sys_cap_copy(pair.endpoint.slot(), kCapSlotAny, rights, kCapCopyBadge, badge, 0);
    m.words[0] = kSentEndpoint;
    m.words[1] = badge;
    m.words[2] = rights;
  } else {
    const uint64_t count = 1 + random.below(16);
    const uint64_t base = kPortsBase + random.below(kPortsSpan - count);
    const uint32_t rights = kCapGrant | (random.chance(2) ? kCapRead : kCapRead | kCapWrite);
    copied =
        sys_cap_copy(ctx.slots().io_ports_root, kCapSlotAny, rights, kCapCopyNarrow, base, count);
    m.words[0] = kSentPorts;
    m.words[1] = base;
    m.words[2] = count;
    m.words[3] = rights;
  }
  if (held_elsewhere(copied.status)) return;
  if (copied.status != Status::kOk) {
    ctx.violation("pair %u cap_copy: %s", pair.index, status_name(copied.status));
    return;
  }
  sys::Cap sent(static_cast<uint32_t>(copied.extra));
  m.cap_count = 1;
  m.caps[0] = sent.slot();
  const Status s = pair.endpoint.call(m);
  if (s != Status::kOk) {
    ctx.violation("pair %u call with a capability: %s", pair.index, status_name(s));
    return;
  }
  if (m.label != kAnswerLabel) {
    ctx.violation("pair %u capability answer label 0x%lx", pair.index, m.label);
  }
  // words[0] == 0: it did not arrive (no free slot) or did not match, which the server reported.
}

void client_main(void* arg) {
  auto& pair = *static_cast<PingPongPair*>(arg);
  Context& ctx = *pair.ctx;
  Random random(mix_seed(ctx.seed(), "client", pair.index));
  for (uint64_t serial = 1; !ctx.time_up(); ++serial) {
    const uint64_t pick = random.below(10);
    if (pick < 4) {
      call_long_echo(pair, random);
    } else if (pick < 8 || pair.short_server) {
      call_short_echo(pair, random);
    } else {
      call_with_capability(pair, random, serial);
    }
    ctx.counters().ops++;
  }
  IpcShortMessage stop;
  stop.label = kStopLabel;
  const Status s = pair.endpoint.call_short(stop);
  if (s != Status::kOk) ctx.violation("pair %u stop: %s", pair.index, status_name(s));
}

// ---- revoke trees ------------------------------------------------------------------------------

bool is_tree_copy(uint32_t slot, uint64_t badge) {
  CapIdentity id;
  if (sys_cap_identify(slot, &id).status != Status::kOk) return false;
  return id.type == static_cast<uint32_t>(CapabilityType::kEndpoint) && id.base == badge;
}

struct HeldCopies {
  uint64_t round = 0;
  uint64_t badge = 0;
  uint32_t count = 0;
  uint32_t slots[kIpcMessageCaps] = {};
};

// Uses the held copies (identify them) until the round's revoke has returned, then checks that
// none is left. Before that, either answer is right (the revoke may be running).
void hold_until_revoked(RevokePair& pair, const HeldCopies& held) {
  Context& ctx = *pair.ctx;
  for (;;) {
    const bool revoked = pair.revoked_round.load(std::memory_order_acquire) >= held.round;
    for (uint32_t i = 0; i < held.count; ++i) {
      const bool still_there = is_tree_copy(held.slots[i], held.badge);
      if (revoked && still_there) {
        ctx.violation("a revoked copy (badge 0x%lx, slot %u) still answers", held.badge,
                      held.slots[i]);
      } else if (revoked) {
        ctx.counters().checks++;
      }
    }
    if (revoked || pair.stop.load(std::memory_order_acquire) != 0) return;
    (void)sys_thread_yield();
  }
}

void holder_main(void* arg) {
  auto& pair = *static_cast<RevokePair*>(arg);
  Context& ctx = *pair.ctx;
  IpcMessage m;
  for (;;) {
    const Status s = pair.holder_endpoint.receive(m, kReceiveTimeoutNs);
    if (s == Status::kTimedOut) continue;
    if (s != Status::kOk) {
      ctx.violation("holder receive: %s", status_name(s));
      return;
    }
    if (m.label == kStopLabel) {
      m = IpcMessage{};
      m.label = kAnswerLabel;
      const Status last = pair.holder_endpoint.reply_receive(m, 0);
      if (last != Status::kTimedOut) ctx.violation("holder's last answer: %s", status_name(last));
      return;
    }
    HeldCopies held;
    held.round = m.words[0];
    held.badge = m.words[1];
    held.count = m.cap_count;
    for (uint32_t i = 0; i < held.count; ++i) held.slots[i] = m.caps[i];
    // Tells the revoker how many arrived (it counts them in the revoke), receives nothing yet.
    m = IpcMessage{};
    m.label = kAnswerLabel;
    m.word_count = 1;
    m.words[0] = held.count;
    const Status answered = pair.holder_endpoint.reply_receive(m, 0);
    if (answered != Status::kTimedOut) {
      ctx.violation("holder's answer: %s", status_name(answered));
      return;
    }
    hold_until_revoked(pair, held);
  }
}

// One round: a root badged for the round, kTreeCopies copies below it in a random shape, two
// handed to the holder, the root revoked after a random delay.
void revoke_round(RevokePair& pair, Random& random, uint64_t round) {
  Context& ctx = *pair.ctx;
  const uint64_t badge = kTreeBadgeBase | round;
  const SyscallResult root_copy =
      sys_cap_copy(pair.target.slot(), kCapSlotAny, kCapWrite | kCapGrant, kCapCopyBadge, badge, 0);
  if (held_elsewhere(root_copy.status)) return;
  if (root_copy.status != Status::kOk) {
    ctx.violation("tree root: %s", status_name(root_copy.status));
    return;
  }
  sys::Cap root(static_cast<uint32_t>(root_copy.extra));
  // copies[i] derives from the root or from an earlier copy.
  uint32_t copies[kTreeCopies] = {};
  uint32_t made = 0;
  for (; made < kTreeCopies; ++made) {
    const uint64_t parent_index = random.below(made + 1);  // made: the root
    const uint32_t parent = parent_index == made ? root.slot() : copies[parent_index];
    const SyscallResult r = sys_cap_copy(parent, kCapSlotAny, kCapWrite | kCapGrant, 0, 0, 0);
    if (held_elsewhere(r.status)) break;
    if (r.status != Status::kOk) {
      ctx.violation("tree copy: %s", status_name(r.status));
      break;
    }
    copies[made] = static_cast<uint32_t>(r.extra);
  }
  uint64_t delivered = 0;
  if (made >= 2) {
    IpcMessage m;
    m.label = kTreeLabel;
    m.word_count = 2;
    m.words[0] = round;
    m.words[1] = badge;
    m.cap_count = 2;
    m.caps[0] = copies[made - 1];
    m.caps[1] = copies[random.below(made - 1)];
    const Status s = pair.holder_endpoint.call(m);
    if (s != Status::kOk) {
      ctx.violation("handing copies to the holder: %s", status_name(s));
    } else {
      delivered = m.words[0];
    }
  }
  sleep_ns(random.below(2'000'000));
  const Result<uint64_t> removed = root.revoke();
  pair.revoked_round.store(round, std::memory_order_release);
  if (removed.is_error()) {
    ctx.violation("revoke of a tree root: %s", status_name(removed.status()));
  } else if (removed.value() != made + delivered) {
    ctx.violation("revoke removed %lu copies, %u made and %lu delivered", removed.value(), made,
                  delivered);
  } else {
    ctx.counters().checks++;
  }
  // Our own copies are gone with the revoke; their slots may be someone else's now: never
  // deleted, only checked.
  for (uint32_t i = 0; i < made; ++i) {
    if (is_tree_copy(copies[i], badge)) {
      ctx.violation("the revoker's copy in slot %u survived the revoke", copies[i]);
    } else {
      ctx.counters().checks++;
    }
  }
  ctx.counters().ops++;
}

void revoker_main(void* arg) {
  auto& pair = *static_cast<RevokePair*>(arg);
  Context& ctx = *pair.ctx;
  Random random(mix_seed(ctx.seed(), "revoker"));
  for (uint64_t round = 1; !ctx.time_up(); ++round) revoke_round(pair, random, round);
  pair.stop.store(1, std::memory_order_release);
  IpcMessage stop;
  stop.label = kStopLabel;
  const Status s = pair.holder_endpoint.call(stop);
  if (s != Status::kOk) ctx.violation("stopping the holder: %s", status_name(s));
}

Status start_pair_threads(const Context& ctx, sys::Thread& first, sys::Thread::Function first_main,
                          sys::Thread& second, sys::Thread::Function second_main, void* arg,
                          uint32_t first_cpu, uint32_t second_cpu) {
  sys::ThreadOptions options;
  options.priority = kWorkerPriority;
  options.cpu = first_cpu;
  TRY(retry_while_held(ctx, [&] { return first.start(first_main, arg, options); }));
  options.cpu = second_cpu;
  return retry_while_held(ctx, [&] { return second.start(second_main, arg, options); });
}

Status run_ipc(Context& ctx) {
  const uint32_t cpus = ctx.cpus() == 0 ? 1 : ctx.cpus();
  const uint32_t pair_count = cpus / 2 == 0 ? 1 : (cpus / 2 > kMaxPairs ? kMaxPairs : cpus / 2);
  PingPongPair pairs[kMaxPairs];
  RevokePair revoke;
  Status result = Status::kOk;
  for (uint32_t i = 0; i < pair_count && result == Status::kOk; ++i) {
    PingPongPair& pair = pairs[i];
    pair.ctx = &ctx;
    pair.index = i;
    pair.short_server = i % 2 == 1;
    Result<sys::Endpoint> endpoint = create_endpoint(ctx);
    if (endpoint.is_error()) {
      result = endpoint.status();
      break;
    }
    pair.endpoint = std::move(endpoint.value());
    // The server on one CPU, its client on the next: every round trip crosses CPUs.
    const Status started =
        start_pair_threads(ctx, pair.server, server_main, pair.client, client_main, &pair,
                           (2 * i) % cpus, (2 * i + 1) % cpus);
    if (started != Status::kOk) {
      result = started;
      // A server without a client is told to stop here, so that the join below ends.
      if (pair.server.joinable() && !pair.client.joinable()) {
        IpcShortMessage stop;
        stop.label = kStopLabel;
        (void)pair.endpoint.call_short(stop);
      }
    }
  }
  revoke.ctx = &ctx;
  if (result == Status::kOk) {
    Result<sys::Endpoint> holder_endpoint = create_endpoint(ctx);
    Result<sys::Endpoint> target = create_endpoint(ctx);
    if (holder_endpoint.is_error() || target.is_error()) {
      result = holder_endpoint.is_error() ? holder_endpoint.status() : target.status();
    } else {
      revoke.holder_endpoint = std::move(holder_endpoint.value());
      revoke.target = std::move(target.value());
      result = start_pair_threads(ctx, revoke.holder, holder_main, revoke.revoker, revoker_main,
                                  &revoke, (cpus - 1) % cpus, cpus > 1 ? (cpus - 2) % cpus : 0);
      if (revoke.holder.joinable() && !revoke.revoker.joinable()) {
        IpcMessage stop;
        stop.label = kStopLabel;
        (void)revoke.holder_endpoint.call(stop);
      }
    }
  }
  for (uint32_t i = 0; i < pair_count; ++i) {
    pairs[i].client.join();
    pairs[i].server.join();
  }
  revoke.revoker.join();
  revoke.holder.join();
  return result;
}

}  // namespace

extern const Workload kIpcWorkload{
    "ipc",
    "IPC storm: long and short calls between threads pinned to different CPUs, capabilities sent "
    "and identified, capability trees revoked while in use; every answer must be exact and no "
    "revoked copy may answer",
    run_ipc};

}  // namespace stress
