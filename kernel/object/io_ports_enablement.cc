#include "kernel/object/io_ports_enablement.h"

#include <atomic>
#include <new>

#include "abi/portcullis/rights.h"
#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/object/io_port_revocation.h"
#include "kernel/object/task.h"

namespace {

// Grant ids name one enablement in a TaskIoPorts; never reused.
std::atomic<uint64_t> g_next_grant_id{1};

struct EnableContext {
  Task* task;
  uint64_t grant_id;
  IoInvalidation invalidation;
};

// Under the capability-tree lock (interrupts off, so this CPU's counters are safe to use): open
// the capability's ports in the task. Only a copy-on-write split has CPUs to tell.
Status open_ports(void* context, const CapInfo& info) {
  auto* c = static_cast<EnableContext*>(context);
  const PortRange ports{static_cast<uint32_t>(info.range.base),
                        static_cast<uint32_t>(info.range.size)};
  Result<IoInvalidation> opened =
      c->task->io_ports().enable(c->grant_id, ports, arch::io_counters_here());
  if (opened.is_error()) return opened.status();
  c->invalidation = opened.value();
  return Status::kOk;
}

}  // namespace

IoPortsEnablement::IoPortsEnablement(RefPtr<Task> task, uint64_t grant_id)
    : task_(static_cast<RefPtr<Task>&&>(task)), grant_id_(grant_id) {}

Status IoPortsEnablement::enable(Task& task, uint32_t slot) {
  const uint64_t grant_id = g_next_grant_id.fetch_add(1, std::memory_order_relaxed);
  auto* use = new (std::nothrow) IoPortsEnablement(RefPtr<Task>::wrap(&task), grant_id);
  if (use == nullptr) return Status::kNoMemory;
  EnableContext context{&task, grant_id, {}};
  const Status s = task.cap_space().attach_use(slot, CapabilityType::kIoPorts, kCapRead | kCapWrite,
                                               use, open_ports, &context);
  if (s != Status::kOk) {
    delete use;
    return s;
  }
  apply_io_invalidation(context.invalidation);
  return Status::kOk;
}

Status IoPortsEnablement::disable(Task& task, uint32_t slot) {
  // The grant is closed after the capability is detached, outside the tree lock: the wait for
  // other CPUs must not happen under a spinlock they may be spinning on.
  const auto keep = [](void*, CapUse*) { return Status::kOk; };
  Result<CapUse*> detached =
      task.cap_space().detach_use(slot, CapabilityType::kIoPorts, keep, nullptr);
  if (detached.is_error()) return detached.status();
  auto* use = static_cast<IoPortsEnablement*>(detached.value());
  use->close_ports();
  delete use;
  return Status::kOk;
}

void IoPortsEnablement::capability_gone() {
  close_ports();
  delete this;
}

void IoPortsEnablement::close_ports() {
  IoInvalidation invalidation;
  {
    // This CPU's counters: stay on it while they count.
    const IrqFlags flags = irq_save_disable();
    Result<IoInvalidation> closed = task_->io_ports().disable(grant_id_, arch::io_counters_here());
    irq_restore(flags);
    // kNotFound: the task already holds no bitmap (its ports were all dropped), nothing is open.
    // Otherwise the grant exists while the capability is enabled, so only no memory for the copy
    // of a shared bitmap can fail; the ports would then stay open, which must never pass silently.
    if (closed.is_error()) {
      ASSERT(closed.status() == Status::kNotFound);
      return;
    }
    invalidation = closed.value();
  }
  apply_io_invalidation(invalidation);
}
