#include "kernel/object/io_port_revocation.h"

#include "kernel/arch/arch.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/lib/irq_state.h"

namespace {
void invalidate_here(void* bitmap) {
  arch::io_ports_invalidate(static_cast<const IoBitmap*>(bitmap));
}
}  // namespace

void apply_io_invalidation(const IoInvalidation& invalidation) {
  if (invalidation.cpus.empty()) return;
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
