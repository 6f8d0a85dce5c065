// Running a workload's share on every CPU (cpu_workers.h).
#include "servers/stress/cpu_workers.h"

#include <atomic>

#include "abi/portcullis/thread_params.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"

namespace stress {
namespace {

struct ShareCall {
  Context* ctx;
  CpuShare share;
  void* arg;
  uint32_t cpu;
};

void run_share(void* raw) {
  const ShareCall* call = static_cast<const ShareCall*>(raw);
  call->share(*call->ctx, call->cpu, call->arg);
}

}  // namespace

void nap_ns(uint64_t ns) {
  const std::atomic<uint32_t> never{0};
  (void)wait_while_equal(never, 0, ns);
}

void run_on_every_cpu(Context& ctx, CpuShare share, void* arg) {
  constexpr uint64_t kRetryNs = 5ull * 1000 * 1000;
  const uint32_t cpus = ctx.cpus() < kMaxCpus ? ctx.cpus() : kMaxCpus;
  ShareCall calls[kMaxCpus];
  sys::Thread threads[kMaxCpus];
  for (uint32_t cpu = 0; cpu < cpus; ++cpu) {
    calls[cpu] = ShareCall{&ctx, share, arg, cpu};
    if (cpu == ctx.home_cpu()) continue;
    sys::ThreadOptions options;
    options.cpu = cpu;
    options.priority = kWorkerPriority;
    while (threads[cpu].start(run_share, &calls[cpu], options) != Status::kOk && !ctx.time_up()) {
      nap_ns(kRetryNs);
    }
  }
  if (ctx.home_cpu() < cpus) share(ctx, ctx.home_cpu(), arg);
  for (uint32_t cpu = 0; cpu < cpus; ++cpu) threads[cpu].join();
}

}  // namespace stress
