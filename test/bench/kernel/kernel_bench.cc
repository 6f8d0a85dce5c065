// bench=NAME: the table of in-kernel benchmarks.
#include "test/bench/kernel/kernel_bench.h"

#include <stddef.h>

namespace {

struct KernelBench {
  const char* name;
  Status (*run)();
};

constexpr KernelBench kBenches[] = {
    {"io-switch", run_io_switch_bench},
    {"vm-batch", run_vm_batch_bench},
    {"thread-switch", run_thread_switch_bench},
    {"ipc-round-trip", run_ipc_round_trip_bench},
};

bool same(const char* a, const char* b) {
  size_t i = 0;
  while (a[i] != '\0' && a[i] == b[i]) ++i;
  return a[i] == b[i];
}

}  // namespace

Status run_kernel_bench(const char* name) {
  for (const KernelBench& b : kBenches) {
    if (same(name, b.name)) return b.run();
  }
  return Status::kNotFound;
}
