#include "kernel/object/io_port_revocation.h"

#include "kernel/arch/arch.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/lib/irq_state.h"
#include "kernel/object/io_counters.h"

namespace {
void invalidate_here(void* bitmap) {
  arch::io_ports_invalidate(static_cast<const IoBitmap*>(bitmap));
}

// The CPUs the call below interrupts (it runs the function on this CPU directly), counted into
// this CPU's counters with interrupts off so the count cannot move to another CPU half-way.
void count_invalidation_ipis(CpuSet targets) {
  const IrqFlags flags = irq_save_disable();
  const CpuSet remote =
      (targets & arch::online_cpus()).without(CpuSet::single(arch::current_cpu()));
  arch::io_counters_here().invalidation_ipis += remote.count();
  irq_restore(flags);
}
}  // namespace

void apply_io_invalidation(const IoInvalidation& invalidation) {
  if (invalidation.cpus.empty()) return;
  count_invalidation_ipis(invalidation.cpus);
  // The IoInvalidation's reference keeps the bitmap alive until every CPU has answered.
  cross_cpu_call(invalidation.cpus, invalidate_here, invalidation.bitmap.get());
}

void close_io_grant_everywhere(uint64_t grant_id) {
  for (;;) {
    // This CPU's counters: stay on it while they count.
    const IrqFlags flags = irq_save_disable();
    Result<IoInvalidation> closed =
        IoBitmap::revoke_grant_somewhere(grant_id, arch::io_counters_here());
    irq_restore(flags);
    if (closed.is_error()) return;  // kNotFound: no bitmap holds it any more
    apply_io_invalidation(closed.value());
  }
}
