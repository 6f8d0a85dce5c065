#include "kernel/object/io_port_revocation.h"

#include "kernel/arch/arch.h"
#include "kernel/cross_cpu_call.h"

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
