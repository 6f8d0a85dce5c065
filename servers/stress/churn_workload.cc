// The 'churn' workload: kernel objects made and destroyed as fast as the CPUs go. On every CPU a
// worker, step after step, at random: spawns stress_child `exit` or `threads N` (N of 1-4 threads
// in the child), starts it and waits for it; spawns one and deletes it unstarted; starts one to
// four sys::Threads of its own (pinned to its CPU or anywhere) and joins them; makes an endpoint
// and a badged copy and deletes both; derives a chain of 2-8 capabilities from a one-port
// capability and revokes it. Invariants: every answer is kOk (or kNoSpace/kNoMemory while other
// workloads hold the slots and memory), every task started ends as exited (never faulted), every
// thread ran its function before join returned, a badged copy carries its badge, a revoke removes
// exactly the chain. Each task and thread that ended as it should counts as survived.
#include <stdint.h>

#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "libsys/cap.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "servers/stress/child_task.h"
#include "servers/stress/command_protocol.h"
#include "servers/stress/cpu_workers.h"
#include "servers/stress/random.h"
#include "servers/stress/workload.h"

namespace stress {
namespace {

constexpr uint64_t kBackOffNs = 2ull * 1000 * 1000;
constexpr uint32_t kMaxThreads = 4;
constexpr uint32_t kMaxChain = 8;
constexpr uint16_t kChainPort = 0x80;

bool out_of_resources(Status s) { return s == Status::kNoSpace || s == Status::kNoMemory; }

void bump(void* arg) { static_cast<std::atomic<uint32_t>*>(arg)->fetch_add(1); }

class ChurnWorker {
 public:
  ChurnWorker(Context& ctx, uint32_t cpu)
      : ctx_(ctx), c_(ctx.counters()), rng_(mix_seed(ctx.seed(), "cpu", cpu)), cpu_(cpu) {}

  void run() {
    while (!ctx_.time_up()) {
      const uint32_t choice = rng_.below(10);
      if (choice < 3) {
        task(kChildModeExit, 0);
      } else if (choice < 5) {
        task(kChildModeThreads, 1 + rng_.below(kChildMaxThreads));
      } else if (choice < 6) {
        unstarted_task();
      } else if (choice < 8) {
        threads(1 + rng_.below(kMaxThreads));
      } else if (choice < 9) {
        endpoints();
      } else {
        capability_chain(2 + rng_.below(kMaxChain - 1));
      }
    }
  }

 private:
  // Out of slots or memory (other workloads hold them) is no violation: back off.
  void refused(Status s, const char* what) {
    if (!out_of_resources(s)) ctx_.violation("%s answered %s", what, status_name(s));
    nap_ns(kBackOffNs);
  }

  void task(const char* mode, uint32_t threads) {
    char args[24];
    uint32_t n = 0;
    for (const char* c = mode; *c != '\0'; ++c) args[n++] = *c;
    if (threads != 0) {
      args[n++] = ' ';
      args[n++] = static_cast<char>('0' + threads);
    }
    args[n] = '\0';
    Result<sys::Cap> spawned = spawn_child_task(ctx_, args);
    if (!spawned.is_ok()) return refused(spawned.status(), "task_spawn");
    const sys::Cap task = spawned.release_value();
    const Status started = sys_task_start(task.slot()).status;
    if (started != Status::kOk) return refused(started, "task_start");
    c_.ops.fetch_add(1, std::memory_order_relaxed);
    const SyscallResult end = sys_task_wait(task.slot());
    if (end.status != Status::kOk) {
      ctx_.violation("task_wait answered %s", status_name(end.status));
    } else if (static_cast<TaskEnd>(end.extra) != TaskEnd::kExited) {
      ctx_.violation("stress_child %s faulted", args);
    } else {
      c_.checks.fetch_add(1, std::memory_order_relaxed);
      c_.survived.fetch_add(1 + threads, std::memory_order_relaxed);
    }
  }

  void unstarted_task() {
    Result<sys::Cap> spawned = spawn_child_task(ctx_, kChildModeExit);
    if (!spawned.is_ok()) return refused(spawned.status(), "task_spawn");
    c_.ops.fetch_add(1, std::memory_order_relaxed);
    // Deleting the only Task capability of an unstarted task frees it.
    const Status deleted = spawned.value().reset();
    if (deleted != Status::kOk)
      ctx_.violation("cap_delete of a Task answered %s", status_name(deleted));
  }

  void threads(uint32_t count) {
    std::atomic<uint32_t> ran{0};
    sys::Thread threads[kMaxThreads];
    uint32_t started = 0;
    for (uint32_t i = 0; i < count; ++i) {
      sys::ThreadOptions options;
      options.stack_pages = 1;
      options.priority = kWorkerPriority;  // no more urgent than this worker may ask
      if (rng_.chance(2)) options.cpu = cpu_;
      const Status s = threads[i].start(bump, &ran, options);
      if (s != Status::kOk) {
        refused(s, "sys::Thread start");
        break;
      }
      ++started;
    }
    for (uint32_t i = 0; i < started; ++i) threads[i].join();
    c_.ops.fetch_add(started, std::memory_order_relaxed);
    if (ran.load() != started) {
      ctx_.violation("%u threads joined, %u ran", started, ran.load());
    } else if (started != 0) {
      c_.checks.fetch_add(1, std::memory_order_relaxed);
      c_.survived.fetch_add(started, std::memory_order_relaxed);
    }
  }

  void endpoints() {
    const SyscallResult made = sys_endpoint_create(kCapSlotAny);
    if (made.status != Status::kOk) return refused(made.status, "endpoint_create");
    const sys::Cap endpoint(static_cast<uint32_t>(made.extra));
    const uint64_t badge = 1 + rng_.below(1u << 30);
    const SyscallResult copied =
        sys_cap_copy(endpoint.slot(), kCapSlotAny, kCapWrite, kCapCopyBadge, badge, 0);
    if (copied.status != Status::kOk) return refused(copied.status, "cap_copy with a badge");
    const sys::Cap badged(static_cast<uint32_t>(copied.extra));
    c_.ops.fetch_add(2, std::memory_order_relaxed);
    Result<CapIdentity> identity = badged.identify();
    if (!identity.is_ok() || identity.value().base != badge) {
      ctx_.violation("a badged endpoint copy answers %s, badge %lu (made with %lu)",
                     status_name(identity.status()), identity.is_ok() ? identity.value().base : 0,
                     badge);
    } else {
      c_.checks.fetch_add(1, std::memory_order_relaxed);
    }
  }

  // A chain of `length` capabilities, each derived from the one before, the first minted from
  // the root; the first's revoke removes the rest.
  void capability_chain(uint32_t length) {
    sys::Cap chain[kMaxChain];
    const SyscallResult minted =
        sys_cap_copy(ctx_.slots().io_ports_root, kCapSlotAny, kCapRead | kCapWrite | kCapGrant,
                     kCapCopyNarrow, kChainPort, 1);
    if (minted.status != Status::kOk) return refused(minted.status, "cap_copy (mint)");
    chain[0] = sys::Cap(static_cast<uint32_t>(minted.extra));
    uint32_t made = 1;
    for (; made < length; ++made) {
      Result<sys::Cap> copy = chain[made - 1].copy(kCapRead | kCapWrite | kCapGrant);
      if (!copy.is_ok()) {
        refused(copy.status(), "cap_copy");
        break;
      }
      chain[made] = copy.release_value();
    }
    c_.ops.fetch_add(made, std::memory_order_relaxed);
    Result<uint64_t> removed = chain[0].revoke();
    // Their slots are empty now, and another thread's lowest-free pick may take them: not ours.
    if (removed.is_ok()) {
      for (uint32_t i = 1; i < made; ++i) (void)chain[i].release();
    }
    if (!removed.is_ok() || removed.value() != made - 1) {
      ctx_.violation("the revoke of a chain of %u answered %s, %lu removed", made,
                     status_name(removed.status()), removed.is_ok() ? removed.value() : 0);
    } else {
      c_.checks.fetch_add(1, std::memory_order_relaxed);
    }
  }

  Context& ctx_;
  Counters& c_;
  Random rng_;
  uint32_t cpu_;
};

void churn_on_cpu(Context& ctx, uint32_t cpu, void*) {
  ChurnWorker worker(ctx, cpu);
  worker.run();
}

Status run(Context& ctx) {
  run_on_every_cpu(ctx, churn_on_cpu, nullptr);
  return Status::kOk;
}

}  // namespace

extern const Workload kChurnWorkload{
    "churn",
    "object churn: tasks, threads, endpoints and capabilities made and destroyed as fast as "
    "possible; every answer must be a documented one",
    run};

}  // namespace stress
