// The 'ports' workload: port storms. On every CPU a worker, round after round, mints an IoPorts
// capability for one harmless port (0x80-0x83: the POST port and DMA page registers nothing
// uses), hands it to a fresh stress_child either privately (granted, the child enables it) or
// through an IoBitmap the worker builds (the capability's copy added, the child attaches), has the
// child's spinner IN from it on another CPU, and closes it one of five ways while the spinner
// runs: the worker's revoke of the capability the child's copy derives from, the child's own
// disable on its main thread, io_bitmap_remove, the delete of the added copy, or the revoke of the
// capability it derives from. Invariants, each counted as a check:
//   - every permitted access works: the child's enable/attach, the spinner's first INs, the
//     worker's io_in through the capability it still holds;
//   - no IN that started after the closing call returned completes, on whichever CPU it runs
//     (the child compares TSC readings, command_protocol.h), and the spinner's next IN faults: a
//     port fault on exactly that port, reported to the worker as supervisor;
//   - a revoke removes exactly the one capability derived.
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/cap.h"
#include "libsys/io_bitmap.h"
#include "libsys/syscall_stubs.h"
#include "servers/stress/child_task.h"
#include "servers/stress/command_protocol.h"
#include "servers/stress/cpu_workers.h"
#include "servers/stress/random.h"
#include "servers/stress/tsc.h"
#include "servers/stress/workload.h"

namespace stress {
namespace {

constexpr uint16_t kFirstPort = 0x80;
constexpr uint32_t kPortCount = 4;
constexpr uint32_t kPortRights = kCapRead | kCapWrite | kCapGrant;
constexpr uint64_t kBackOffNs = 2ull * 1000 * 1000;
// Bounds the resume loop after a close: the child reports within a few milliseconds.
constexpr uint32_t kMaxMessagesAfterClose = 100000;
constexpr uint32_t kMaxSpinners = 2;

enum class Close : uint32_t {
  kRevokePrivate,   // the worker revokes the capability the child's enabled copy derives from
  kDisableInChild,  // the child's main thread disables its capability
  kRemoveShared,    // io_bitmap_remove of the added copy
  kDeleteShared,    // cap_delete of the added copy
  kRevokeShared,    // the revoke of the capability the added copy derives from
  kCount,
};

const char* name_of(Close how) {
  switch (how) {
    case Close::kRevokePrivate:
      return "revoke of a private grant";
    case Close::kDisableInChild:
      return "child's disable";
    case Close::kRemoveShared:
      return "io_bitmap_remove";
    case Close::kDeleteShared:
      return "delete of an added capability";
    case Close::kRevokeShared:
      return "revoke of an added capability";
    default:
      return "?";
  }
}

bool out_of_resources(Status s) { return s == Status::kNoSpace || s == Status::kNoMemory; }

Result<sys::Cap> mint_port(const Context& ctx, uint16_t port) {
  const SyscallResult r =
      sys_cap_copy(ctx.slots().io_ports_root, kCapSlotAny, kPortRights, kCapCopyNarrow, port, 1);
  if (r.status != Status::kOk) return r.status;
  return sys::Cap(static_cast<uint32_t>(r.extra));
}

// One round's state: whatever it holds is given back when it goes.
struct Round {
  uint16_t port = 0;
  Close how = Close::kRevokePrivate;
  sys::Cap origin;                   // minted from the root
  sys::Cap added;                    // shared: origin's copy, added to the bitmap
  sys::IoBitmap bitmap{sys::Cap()};  // shared: the IoBitmap the children attach
  // One child with a private grant; with a shared bitmap two where there are CPUs for them, so
  // the close must reach two other CPUs at once.
  ChildTask children[kMaxSpinners];
  uint32_t spin_cpus[kMaxSpinners] = {};
  uint32_t count = 1;

  bool shared() const { return how >= Close::kRemoveShared; }
};

// Builds the round up to started children; kNoSpace/kNoMemory when the controller is out of
// slots or memory (another workload holds them: try again later), another error is a violation.
Status set_up(Context& ctx, Round& r, const char*& step) {
  step = "mint";
  Result<sys::Cap> origin = mint_port(ctx, r.port);
  if (!origin.is_ok()) return origin.status();
  r.origin = origin.release_value();
  if (r.shared()) {
    step = "io_bitmap_create";
    Result<sys::IoBitmap> bitmap = sys::IoBitmap::create();
    if (!bitmap.is_ok()) return bitmap.status();
    r.bitmap = bitmap.release_value();
    step = "copy";
    Result<sys::Cap> added = r.origin.copy(kCapRead | kCapWrite);
    if (!added.is_ok()) return added.status();
    r.added = added.release_value();
    step = "io_bitmap_add";
    TRY(r.bitmap.add(r.added));
  }
  for (uint32_t i = 0; i < r.count; ++i) {
    ChildTask& child = r.children[i];
    step = "spawn";
    TRY(child.spawn(ctx, kChildModeCommands));
    if (r.shared()) {
      step = "grant of the bitmap";
      TRY(child.grant(r.bitmap.slot(), kChildBitmapSlot, kCapRead));
    } else {
      step = "grant of the port";
      TRY(child.grant(r.origin.slot(), kChildPortsSlot, kCapRead | kCapWrite));
    }
    step = "task_start";
    TRY(child.start());
  }
  return Status::kOk;
}

// A child's answer to a command that must work: its result with kOk.
bool expect_result(Context& ctx, const Round& r, Status received, const IpcMessage& reply,
                   const char* what) {
  if (received == Status::kOk && reply.label == kChildResult &&
      static_cast<Status>(reply.words[0]) == Status::kOk) {
    ctx.counters().checks.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  if (received != Status::kOk) {
    ctx.violation("port 0x%x, %s: no answer from the child (%s)", r.port, what,
                  status_name(received));
  } else if (reply.label == kFaultMessageLabel) {
    ctx.violation("port 0x%x, %s: the child faulted (kind %u, detail 0x%lx) on a permitted access",
                  r.port, what, static_cast<uint32_t>(reply.words[1] & 0xFF), reply.words[3]);
  } else {
    ctx.violation("port 0x%x, %s: answered %s (label 0x%lx)", r.port, what,
                  status_name(static_cast<Status>(reply.words[0])), reply.label);
  }
  return false;
}

// The close itself; the TSC once it has returned goes in `closed_at` (0 for the child's own
// disable, which reads it there).
Status close(Context& ctx, Round& r, uint64_t& closed_at) {
  Status s = Status::kOk;
  uint64_t removed = 1;
  switch (r.how) {
    case Close::kRevokePrivate:
    case Close::kRevokeShared: {
      Result<uint64_t> revoked = r.origin.revoke();
      s = revoked.status();
      if (revoked.is_ok()) removed = revoked.value();
      // The added copy's slot is empty now, and another thread may get it next: not ours.
      if (r.how == Close::kRevokeShared && s == Status::kOk) (void)r.added.release();
      break;
    }
    case Close::kDisableInChild:
      break;
    case Close::kRemoveShared:
      s = r.bitmap.remove(r.added);
      break;
    case Close::kDeleteShared:
      s = r.added.reset();
      break;
    default:
      break;
  }
  closed_at = r.how == Close::kDisableInChild ? 0 : read_tsc();
  // A private grant's revoke removes the child's copy; a shared one's the added copy.
  if (s == Status::kOk && removed != 1) {
    ctx.violation("port 0x%x: the revoke removed %lu capabilities, not the one derived", r.port,
                  removed);
  }
  return s;
}

// After the close, for one child: the time of the close passed on (if the child's spin result
// is still waiting: another child's command dropped it, and it called again), the spinner's
// fault (resumed until the child's report is in, so its last successful IN can be compared with
// the close), the report, and the end. Counts the checks.
void collect_close(Context& ctx, Round& r, uint32_t index, const IpcMessage& tell) {
  Counters& c = ctx.counters();
  ChildTask& child = r.children[index];
  const uint32_t spin_cpu = r.spin_cpus[index];
  bool told = index == 0, reported = false, faulted = false, late = false;
  IpcMessage reply;
  Status received = told ? child.answer_and_receive(tell, reply) : child.receive(reply);
  for (uint32_t i = 0; i < kMaxMessagesAfterClose; ++i) {
    if (received != Status::kOk) {
      ctx.violation("port 0x%x, after the %s: no message from the child (%s)", r.port,
                    name_of(r.how), status_name(received));
      return;
    }
    IpcMessage answer;
    if (reply.label == kFaultMessageLabel) {
      if (!is_in8_port_fault(reply, r.port)) {
        ctx.violation(
            "port 0x%x: the spinner's fault is not an 8-bit IN of the port "
            "(kind %u, detail 0x%lx)",
            r.port, static_cast<uint32_t>(reply.words[1] & 0xFF), reply.words[3]);
        child.answer_all(kFaultReplyKill);
        return;
      }
      if (!faulted) c.checks.fetch_add(1, std::memory_order_relaxed);
      faulted = true;
      if (reported) {
        child.answer_all(kFaultReplyKill);
        c.faults.fetch_add(1, std::memory_order_relaxed);
        return;
      }
      answer.label = kFaultReplyResume;  // faults again at once: the port stays closed
    } else if (reply.label == kChildResult && !told) {
      told = true;  // the spin result again: now the close's time
      answer = tell;
    } else if (reply.label == kChildResult) {
      reported = true;
      const auto status = static_cast<Status>(reply.words[0]);
      const uint64_t last_start = reply.words[1];
      const uint64_t closed_at = reply.words[2];
      if (status != Status::kOk) {
        ctx.violation("port 0x%x: the child's disable answered %s", r.port, status_name(status));
      }
      if (last_start > closed_at) {
        ctx.violation(
            "port 0x%x: an IN that started %lu TSC ticks after the %s returned "
            "completed (spinner on CPU %u)",
            r.port, last_start - closed_at, name_of(r.how), spin_cpu);
      } else {
        c.checks.fetch_add(1, std::memory_order_relaxed);
      }
      if (late) {
        child.answer_all(kChildExit);
        return;
      }
      answer.label = kChildExit;  // the main thread returns; the spinner's fault comes next
    } else if (reply.label == kChildLateAccess) {
      late = true;
      ctx.violation(
          "port 0x%x: an IN that started %lu TSC ticks after the %s returned "
          "completed (spinner on CPU %u, its IN number %lu)",
          r.port, reply.words[0] - reply.words[1], name_of(r.how), spin_cpu, reply.words[2]);
      if (reported) {
        child.answer_all(kChildExit);
        return;
      }
    } else {
      ctx.violation("port 0x%x: unexpected message 0x%lx from the child", r.port, reply.label);
      child.answer_all(kFaultReplyKill);
      return;
    }
    received = child.answer_and_receive(answer, reply);
  }
  ctx.violation("port 0x%x: the child never reported after the %s", r.port, name_of(r.how));
}

void end_children(Round& r) {
  for (uint32_t i = 0; i < r.count; ++i) {
    r.children[i].answer_all(kFaultReplyKill);
    r.children[i].release();
  }
}

void run_round(Context& ctx, Random& rng, uint32_t cpu) {
  Counters& c = ctx.counters();
  const uint32_t cpus = ctx.cpus();
  Round r;
  r.port = static_cast<uint16_t>(kFirstPort + rng.below(kPortCount));
  r.how = static_cast<Close>(rng.below(static_cast<uint32_t>(Close::kCount)));
  // Spinners on CPUs other than the worker's where there are any, two for a shared bitmap when
  // two others exist.
  r.count = r.shared() && cpus >= 3 ? 2 : 1;
  const uint32_t first = cpus > 1 ? rng.below(cpus - 1) : 0;
  for (uint32_t i = 0; i < r.count; ++i) {
    r.spin_cpus[i] = cpus > 1 ? (cpu + 1 + (first + i) % (cpus - 1)) % cpus : cpu;
  }

  const char* step = "";
  const Status set = set_up(ctx, r, step);
  if (set != Status::kOk) {
    if (!out_of_resources(set)) {
      ctx.violation("port 0x%x: %s answered %s", r.port, step, status_name(set));
    }
    end_children(r);  // unstarted, or started and now without their endpoint: they end
    nap_ns(kBackOffNs);
    return;
  }
  c.ops.fetch_add(1, std::memory_order_relaxed);

  // The syscall path on the capability the worker holds: a permitted access.
  const Status in = sys_io_in(r.origin.slot(), r.port, 1).status;
  if (in == Status::kOk) {
    c.checks.fetch_add(1, std::memory_order_relaxed);
  } else {
    ctx.violation("port 0x%x: io_in through the worker's capability answered %s", r.port,
                  status_name(in));
  }
  // Each child enables or attaches, then spins; the last one's spin result stays held.
  bool ok = true;
  for (uint32_t i = 0; i < r.count && ok; ++i) {
    IpcMessage reply;
    Status received = r.children[i].command(r.shared() ? kChildAttach : kChildEnable, 0, 0, reply);
    ok = expect_result(ctx, r, received, reply, r.shared() ? "attach" : "enable");
    if (!ok) break;
    received = r.children[i].command(kChildSpin, r.port, r.spin_cpus[i], reply);
    ok = expect_result(ctx, r, received, reply, "spin");
  }
  if (!ok) return end_children(r);
  // Hold the first child's call last, so the close's time goes to it at once.
  if (r.count > 1) {
    IpcMessage reply;
    const Status received = r.children[0].receive(reply);
    if (!expect_result(ctx, r, received, reply, "spin (again)")) return end_children(r);
  }

  uint64_t closed_at = 0;
  const Status closed = close(ctx, r, closed_at);
  if (closed != Status::kOk) {
    ctx.violation("port 0x%x: the %s answered %s", r.port, name_of(r.how), status_name(closed));
  }
  IpcMessage tell;
  tell.label = r.how == Close::kDisableInChild ? kChildDisable : kChildRevoked;
  tell.word_count = 1;
  tell.words[0] = closed_at;
  for (uint32_t i = 0; i < r.count; ++i) {
    collect_close(ctx, r, i, tell);
    Result<TaskEnd> end = r.children[i].wait();
    if (!end.is_ok()) {
      ctx.violation("port 0x%x: task_wait answered %s", r.port, status_name(end.status()));
    } else if (end.value() == TaskEnd::kFaulted) {
      c.survived.fetch_add(1, std::memory_order_relaxed);  // ended as it should: by its fault
    }
    r.children[i].release();
  }
}

void ports_on_cpu(Context& ctx, uint32_t cpu, void*) {
  Random rng(mix_seed(ctx.seed(), "cpu", cpu));
  while (!ctx.time_up()) run_round(ctx, rng, cpu);
}

Status run(Context& ctx) {
  run_on_every_cpu(ctx, ports_on_cpu, nullptr);
  return Status::kOk;
}

}  // namespace

extern const Workload kPortsWorkload{
    "ports",
    "port storm: grant, share, change and revoke I/O-port capabilities and bitmaps on every "
    "CPU while children use the ports; each access must succeed or fault as the grants say",
    run};

}  // namespace stress
