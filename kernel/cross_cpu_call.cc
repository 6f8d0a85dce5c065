#include "kernel/cross_cpu_call.h"

#include <atomic>

#include "base/assert.h"
#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/format.h"
#include "kernel/lib/irq_state.h"
#include "kernel/lib/lockup_watch.h"
#include "kernel/panic.h"

namespace {

struct CallRequest {
  CrossCpuFunction fn;
  void* arg;
  AtomicCpuSet<std::memory_order_acq_rel> pending;  // targets that have not finished yet
};

// g_mailbox[target][caller]: at most one call in flight per caller (calls are synchronous).
std::atomic<CallRequest*> g_mailbox[kMaxCpus][kMaxCpus];
// g_pending[target]: callers that may have left a request there. A caller sets its bit after
// filling the slot, so the handler visits only those slots (this runs in every shootdown and
// revocation IPI).
AtomicCpuSet<std::memory_order_acq_rel> g_pending[kMaxCpus];

// Each CPU's own figures (cross_cpu_call_totals): written only by that CPU with interrupts off,
// so a load and a store each, no locked instruction; read by anyone.
struct CallCost {
  std::atomic<uint64_t> calls{0};
  std::atomic<uint64_t> wait_cycles{0};
};
CallCost g_cost[kMaxCpus];

void add_own(std::atomic<uint64_t>& counter, uint64_t amount) {
  counter.store(counter.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
}

// A call some target has not answered for the lockup limit: it has had interrupts off all along.
[[noreturn, gnu::noinline]] void report_unanswered(CpuSet pending, uint64_t seconds) {
  char cpus[kMaxCpus * 4] = {};
  size_t n = 0;
  for (uint32_t cpu : pending) {
    if (n >= sizeof cpus) break;
    n += format(cpus + n, sizeof cpus - n, " %u", cpu);
  }
  panic("lockup: cpu %u has waited %lu s for a cross-CPU call that cpus%s have not answered",
        arch::current_cpu(), seconds, cpus);
}

}  // namespace

void cross_cpu_call_handle() {
  const uint32_t self = arch::current_cpu();
  const CpuSet callers = g_pending[self].take();
  for (uint32_t caller : callers) {
    CallRequest* req = g_mailbox[self][caller].exchange(nullptr, std::memory_order_acq_rel);
    if (req == nullptr) continue;  // defensive: a bit is set only after its slot was filled
    req->fn(req->arg);
    req->pending.remove(self);
  }
}

void cross_cpu_call(CpuSet targets, CrossCpuFunction fn, void* arg) {
  const IrqFlags flags = irq_save_disable();
  const uint32_t self = arch::current_cpu();
  const CpuSet remote = (targets & arch::online_cpus()).without(CpuSet::single(self));
  const uint64_t start = remote.empty() ? 0 : arch::timestamp();
  CallRequest req{fn, arg, AtomicCpuSet<std::memory_order_acq_rel>(remote)};
  for (uint32_t cpu : remote) {
    CallRequest* previous = g_mailbox[cpu][self].exchange(&req, std::memory_order_acq_rel);
    ASSERT(previous == nullptr);
    g_pending[cpu].add(self);
  }
  arch::send_call_ipi(remote);
  if (targets.contains(self)) fn(arg);
  LockupWatch watch;  // debug kernels: a target that never answers panics, naming it
  while (!req.pending.load().empty()) {
    cross_cpu_call_handle();
    cpu_relax();
    if (watch.expired()) report_unanswered(req.pending.load(), watch.seconds());
  }
  if (!remote.empty()) {
    add_own(g_cost[self].calls, 1);
    add_own(g_cost[self].wait_cycles, arch::timestamp() - start);
  }
  irq_restore(flags);
}

CrossCpuCallTotals cross_cpu_call_totals() {
  uint64_t cycles = 0;
  CrossCpuCallTotals totals;
  for (const CallCost& cost : g_cost) {
    totals.calls += cost.calls.load(std::memory_order_relaxed);
    cycles += cost.wait_cycles.load(std::memory_order_relaxed);
  }
  totals.wait_ns = arch::timestamp_to_ns(cycles);
  return totals;
}
