// The 'cow' workload: copy-on-write storms on shared I/O bitmaps. On every CPU a worker builds an
// IoBitmap from two one-port capabilities (0x80, 0x81) and keeps two stress_child sharers attached
// to it; step after step it changes something, at random:
//   - adds or removes one of the two capabilities (in place, for every sharer; a removal also
//     closes the port in a sharer's private copy, an addition does not reach one);
//   - lets a sharer enable a capability of its own (0x82): its first change gives it a private
//     copy, which keeps what the shared bitmap held at that moment;
//   - ends a sharer (it exits) and attaches a fresh one.
// One worker (the one on the runner's CPU) shares the controller's own ports instead: it enables
// and disables two capabilities in the controller (0x80, 0x81) and spawns its second sharer with
// task_share_ports. That sharer starts on the controller's object with what it held then; the
// controller's next enable gives the controller a copy (the sharer does not see it), a disable
// closes the port in the sharer too. No other workload enables ports in the controller
// (workload.h), so the controller's ports are this worker's to predict.
// After every step each sharer INs from every port it should have open (each must work), the
// Task capability's bitmap id says whether it is on the object it should be, and one sharer
// INs from a port it should not have (0x80-0x83): that must be a port fault on that port, after
// which it is killed and replaced. So each task sees exactly its own grants after every change.
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
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
#include "servers/stress/workload.h"

namespace stress {
namespace {

constexpr uint16_t kFirstPort = 0x80;
constexpr uint32_t kSharedPorts = 2;  // 0x80, 0x81: in the bitmap or not
constexpr uint32_t kOwnPort = 2;      // 0x82: a sharer's own capability
constexpr uint32_t kPorts = 4;        // 0x83: never open
constexpr uint32_t kSharers = 2;
constexpr uint32_t kPortRights = kCapRead | kCapWrite | kCapGrant;
constexpr uint64_t kBackOffNs = 2ull * 1000 * 1000;

bool out_of_resources(Status s) { return s == Status::kNoSpace || s == Status::kNoMemory; }

struct Sharer {
  ChildTask task;
  bool share_ports = false;   // spawned with the controller's ports, not attached to the bitmap
  bool private_copy = false;  // it enabled its own port: it runs on a copy
  bool open[kPorts] = {};     // the ports it should have open
  uint64_t spawned_on = 0;    // share_ports: the controller's bitmap id when it was spawned
  // Its enable must have made a copy: the object it was on had another holder then. Not so for
  // a sharer of the controller's ports once the controller moved to a copy of its own: the
  // sharer was then the object's only holder and changed it in place.
  bool copied = false;
};

// The id of the I/O bitmap object the controller's ports are in (0: none).
uint64_t controller_bitmap() {
  CapIdentity identity;
  if (sys_cap_identify(kSlotSelfTask, &identity).status != Status::kOk) return 0;
  return identity.count;
}

class CowWorker {
 public:
  CowWorker(Context& ctx, uint32_t cpu)
      : ctx_(ctx),
        rng_(mix_seed(ctx.seed(), "cpu", cpu)),
        bitmap_(sys::Cap()),
        controller_ports_(cpu == ctx.home_cpu()) {
    sharers_[1].share_ports = controller_ports_;
  }

  void run() {
    while (!ctx_.time_up() && !set_up()) nap_ns(kBackOffNs);
    while (!ctx_.time_up()) {
      step();
      check_all();
    }
    for (Sharer& s : sharers_) end_sharer(s);
  }

 private:
  // The bitmap and its two capabilities; false when out of slots or memory (or a violation).
  bool set_up() {
    Result<sys::IoBitmap> bitmap = sys::IoBitmap::create();
    if (!bitmap.is_ok()) return note(bitmap.status(), "io_bitmap_create");
    bitmap_ = bitmap.release_value();
    Result<uint64_t> id = bitmap_.id();
    if (!id.is_ok()) return note(id.status(), "cap_identify of the bitmap");
    bitmap_id_ = id.value();
    for (uint32_t p = 0; p < kSharedPorts; ++p) {
      Result<sys::Cap> cap = mint(p);
      if (!cap.is_ok()) return note(cap.status(), "mint");
      ports_[p] = cap.release_value();
      if (!controller_ports_) continue;
      Result<sys::Cap> own = mint(p);
      if (!own.is_ok()) return note(own.status(), "mint");
      own_ports_[p] = own.release_value();
    }
    return true;
  }

  // Out of resources is no violation (other workloads hold them); anything else is.
  bool note(Status s, const char* what) {
    if (!out_of_resources(s)) ctx_.violation("%s answered %s", what, status_name(s));
    return false;
  }

  Result<sys::Cap> mint(uint32_t index) const {
    const SyscallResult r = sys_cap_copy(ctx_.slots().io_ports_root, kCapSlotAny, kPortRights,
                                         kCapCopyNarrow, kFirstPort + index, 1);
    if (r.status != Status::kOk) return r.status;
    return sys::Cap(static_cast<uint32_t>(r.extra));
  }

  void count_check() { ctx_.counters().checks.fetch_add(1, std::memory_order_relaxed); }

  // A child answered a command that must work; else a violation, and the child is ended.
  bool expect_ok(Sharer& s, Status received, const IpcMessage& reply, const char* what,
                 uint32_t port) {
    if (received == Status::kOk && reply.label == kChildResult &&
        static_cast<Status>(reply.words[0]) == Status::kOk) {
      count_check();
      return true;
    }
    if (received != Status::kOk) {
      ctx_.violation("%s (port 0x%x): no answer from the sharer (%s)", what, kFirstPort + port,
                     status_name(received));
    } else if (reply.label == kFaultMessageLabel) {
      ctx_.violation("%s: port 0x%x should be open in the sharer (%s copy) but faulted", what,
                     kFirstPort + port, s.private_copy ? "its private" : "the shared");
    } else {
      ctx_.violation("%s: answered %s (label 0x%lx)", what,
                     status_name(static_cast<Status>(reply.words[0])), reply.label);
    }
    kill(s);
    return false;
  }

  // A fresh sharer attached to the bitmap (it has what the bitmap has), or spawned with the
  // controller's ports (it has what they are now).
  void attach_sharer(Sharer& s) {
    Status st = s.task.spawn(ctx_, kChildModeCommands);
    if (st == Status::kOk) {
      st = s.share_ports ? s.task.share_ports()
                         : s.task.grant(bitmap_.slot(), kChildBitmapSlot, kCapRead);
    }
    if (st == Status::kOk) st = s.task.start();
    if (st != Status::kOk) {
      note(st, s.share_ports ? "spawning a sharer of the controller's ports" : "spawning a sharer");
      s.task.release();
      return;
    }
    ctx_.counters().ops.fetch_add(1, std::memory_order_relaxed);
    s.private_copy = false;
    if (s.share_ports) {
      s.spawned_on = controller_bitmap();
      for (uint32_t p = 0; p < kPorts; ++p) s.open[p] = p < kSharedPorts && own_enabled_[p];
      return;
    }
    IpcMessage reply;
    const Status received = s.task.command(kChildAttach, 0, 0, reply);
    if (!expect_ok(s, received, reply, "attach", 0)) return;
    s.private_copy = false;
    for (uint32_t p = 0; p < kPorts; ++p) s.open[p] = p < kSharedPorts && in_bitmap_[p];
  }

  // The sharer takes a capability of its own and enables it: a private copy from then on.
  void go_private(Sharer& s) {
    Result<sys::Cap> own = mint(kOwnPort);
    if (!own.is_ok()) {
      note(own.status(), "mint");
      return;
    }
    // The child's copy stays when the worker's goes (a delete leaves a capability's children).
    const Status granted = s.task.grant(own.value().slot(), kChildPortsSlot, kCapRead | kCapWrite);
    (void)own.value().reset();
    if (granted != Status::kOk) {
      note(granted, "task_grant of the sharer's own port");
      return;
    }
    ctx_.counters().ops.fetch_add(1, std::memory_order_relaxed);
    IpcMessage reply;
    const Status received = s.task.command(kChildEnable, 0, 0, reply);
    if (!expect_ok(s, received, reply, "enable", kOwnPort)) return;
    s.private_copy = true;
    s.open[kOwnPort] = true;
    s.copied = !s.share_ports || (s.spawned_on != 0 && controller_bitmap() == s.spawned_on);
  }

  // Enables or disables one of the controller's own capabilities.
  void toggle_controller(uint32_t p) {
    ctx_.counters().ops.fetch_add(1, std::memory_order_relaxed);
    if (own_enabled_[p]) {
      const Status s = sys_io_ports_disable(own_ports_[p].slot()).status;
      if (s != Status::kOk) {
        ctx_.violation("the controller's disable of port 0x%x answered %s", kFirstPort + p,
                       status_name(s));
        return;
      }
      own_enabled_[p] = false;
      // Closed in every bitmap the grant went into: the one a sharer got at its spawn, too.
      for (Sharer& sharer : sharers_) {
        if (sharer.share_ports) sharer.open[p] = false;
      }
    } else {
      const Status s = sys_io_ports_enable(own_ports_[p].slot()).status;
      if (s != Status::kOk) {
        ctx_.violation("the controller's enable of port 0x%x answered %s", kFirstPort + p,
                       status_name(s));
        return;
      }
      own_enabled_[p] = true;  // the controller's (copy's) change: no sharer sees it
    }
  }

  void toggle(uint32_t p) {
    ctx_.counters().ops.fetch_add(1, std::memory_order_relaxed);
    if (in_bitmap_[p]) {
      const Status s = bitmap_.remove(ports_[p]);
      if (s != Status::kOk) {
        ctx_.violation("io_bitmap_remove of port 0x%x answered %s", kFirstPort + p, status_name(s));
        return;
      }
      in_bitmap_[p] = false;
      // The grant closes everywhere it went: the shared object and every copy made from it.
      for (Sharer& sharer : sharers_) {
        if (!sharer.share_ports) sharer.open[p] = false;
      }
    } else {
      const Status s = bitmap_.add(ports_[p]);
      if (s != Status::kOk) {
        ctx_.violation("io_bitmap_add of port 0x%x answered %s", kFirstPort + p, status_name(s));
        return;
      }
      in_bitmap_[p] = true;
      // In place: every task still on the object has it; a private copy does not.
      for (Sharer& sharer : sharers_) {
        if (!sharer.share_ports && !sharer.private_copy) sharer.open[p] = true;
      }
    }
  }

  void end_sharer(Sharer& s) {
    if (!s.task.spawned()) return;
    const Status received = s.task.finish(kChildExit);
    if (received != Status::kOk) {
      ctx_.violation("exit: no call from the sharer (%s)", status_name(received));
      kill(s);
      return;
    }
    expect_end(s, TaskEnd::kExited);
  }

  void kill(Sharer& s) {
    s.task.answer_all(kFaultReplyKill);
    s.task.release();  // a child still calling then ends; the reaper frees it
  }

  void expect_end(Sharer& s, TaskEnd expected) {
    const Result<TaskEnd> end = s.task.wait();
    if (!end.is_ok() || end.value() != expected) {
      ctx_.violation("the sharer ended %s (%s), not %s",
                     end.is_ok() && end.value() == TaskEnd::kFaulted ? "faulted" : "exited",
                     status_name(end.status()),
                     expected == TaskEnd::kFaulted ? "faulted" : "exited");
    } else {
      ctx_.counters().survived.fetch_add(1, std::memory_order_relaxed);
    }
    s.task.release();
  }

  void step() {
    const uint32_t choice = rng_.below(8);
    Sharer& s = sharers_[rng_.below(kSharers)];
    if (!s.task.spawned()) {
      attach_sharer(s);
    } else if (choice < 4) {
      if (controller_ports_ && choice >= 2) {
        toggle_controller(choice % kSharedPorts);
      } else {
        toggle(choice % kSharedPorts);
      }
    } else if (choice < 6 && !s.private_copy) {
      go_private(s);
    } else {
      end_sharer(s);
      attach_sharer(s);
    }
  }

  // Every sharer's open ports work and its bitmap is the one it should be on; one closed port
  // of one sharer faults.
  void check_all() {
    for (Sharer& s : sharers_) {
      if (!s.task.spawned()) continue;
      Result<uint64_t> id = s.task.bitmap_id();
      const uint64_t shared = s.share_ports ? s.spawned_on : bitmap_id_;
      // On the object it shares, or on a copy of its own (never none: it enabled a port).
      const bool right = !id.is_ok() || (s.private_copy ? id.value() != shared && id.value() != 0
                                                        : id.value() == shared);
      if (!right) {
        ctx_.violation("a sharer %s with %s copy runs on bitmap %lu (the shared one is %lu)",
                       s.share_ports ? "of the controller's ports" : "of the bitmap",
                       s.private_copy ? "a private" : "the shared", id.value(), shared);
      } else if (id.is_ok()) {
        count_check();
      }
      for (uint32_t p = 0; p < kPorts && s.task.spawned(); ++p) {
        if (!s.open[p]) continue;
        IpcMessage reply;
        const Status received = s.task.command(kChildIn8, kFirstPort + p, 0, reply);
        expect_ok(s, received, reply, "IN", p);
      }
    }
    Sharer& s = sharers_[rng_.below(kSharers)];
    if (!s.task.spawned()) return;
    uint32_t closed[kPorts];
    uint32_t count = 0;
    for (uint32_t p = 0; p < kPorts; ++p) {
      if (!s.open[p]) closed[count++] = p;
    }
    const uint32_t p = closed[rng_.below(count)];  // 0x83 is never open: count >= 1
    IpcMessage reply;
    const Status received = s.task.command(kChildIn8, kFirstPort + p, 0, reply);
    if (received == Status::kOk && is_in8_port_fault(reply, kFirstPort + p)) {
      count_check();
      ctx_.counters().faults.fetch_add(1, std::memory_order_relaxed);
      s.task.answer_all(kFaultReplyKill);
      expect_end(s, TaskEnd::kFaulted);
      return;
    }
    if (received != Status::kOk) {
      ctx_.violation("IN from closed port 0x%x: no answer from the sharer (%s)", kFirstPort + p,
                     status_name(received));
    } else if (reply.label == kChildResult) {
      ctx_.violation("IN from port 0x%x worked in a sharer (%s copy) that should not have it",
                     kFirstPort + p, s.private_copy ? "its private" : "the shared");
    } else {
      ctx_.violation("IN from closed port 0x%x: unexpected message 0x%lx", kFirstPort + p,
                     reply.label);
    }
    kill(s);
  }

  Context& ctx_;
  Random rng_;
  sys::IoBitmap bitmap_;
  uint64_t bitmap_id_ = 0;
  sys::Cap ports_[kSharedPorts];
  bool in_bitmap_[kSharedPorts] = {};
  const bool controller_ports_;       // this worker owns the controller's own ports
  sys::Cap own_ports_[kSharedPorts];  // enabled in the controller, or not
  bool own_enabled_[kSharedPorts] = {};
  Sharer sharers_[kSharers];
};

void cow_on_cpu(Context& ctx, uint32_t cpu, void*) {
  CowWorker worker(ctx, cpu);
  worker.run();
}

Status run(Context& ctx) {
  run_on_every_cpu(ctx, cow_on_cpu, nullptr);
  return Status::kOk;
}

}  // namespace

extern const Workload kCowWorkload{"cow",
                                   "copy-on-write storm: many tasks share I/O bitmaps and change "
                                   "them at once; each must see its own change and nobody else's",
                                   run};

}  // namespace stress
