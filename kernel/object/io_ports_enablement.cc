#include "kernel/object/io_ports_enablement.h"

#include <new>

#include "abi/portcullis/rights.h"
#include "base/assert.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/object/io_port_revocation.h"
#include "kernel/object/task.h"

namespace {

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
  const uint64_t grant_id = IoBitmap::new_grant_id();
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
  // other CPUs must not happen under a spinlock they may be spinning on. A capability added to an
  // IoBitmap instead is not enabled (kBadState): io_bitmap_remove detaches that use.
  const auto enabled_here = [](void* task, CapUse* use) {
    return use->bound_to() == task ? Status::kOk : Status::kBadState;
  };
  Result<CapUse*> detached = task.cap_space().detach_use(
      slot, CapabilityType::kIoPorts, enabled_here, static_cast<KernelObject*>(&task));
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
  // In every bitmap the grant reached: the task's own and, when it shared that one (a child spawned
  // with its ports) or a copy was made from it, theirs too. A port is never open without the
  // capability that opened it (docs/io-ports.md, "Sharing").
  close_io_grant_everywhere(grant_id_);
  task_->io_ports().forget_own_grant();
}

const KernelObject* IoPortsEnablement::bound_to() const { return task_.get(); }
