// stress::Context (workload.h): what a workload's run is given.
#include "base/format.h"
#include "libsys/print.h"
#include "libsys/wait_wake.h"
#include "servers/stress/random.h"
#include "servers/stress/workload.h"

namespace stress {

Context::Context(const char* name, uint64_t run_seed, uint64_t deadline_ns, uint32_t cpus,
                 uint32_t home_cpu, const ControllerSlots& slots)
    : name_(name),
      seed_(mix_seed(run_seed, name)),
      deadline_ns_(deadline_ns),
      cpus_(cpus),
      home_cpu_(home_cpu),
      slots_(slots) {}

bool Context::time_up() const { return monotonic_ns() >= deadline_ns_; }

void Context::violation(const char* fmt, ...) {
  const uint64_t earlier = counters_.violations.fetch_add(1, std::memory_order_relaxed);
  // A broken invariant is often broken on every round: the first few lines say what; the rest
  // would only flood the serial log (the count still says how many).
  if (earlier > kMaxViolationLines) return;
  if (earlier == kMaxViolationLines) {
    (void)sys::printf("stress: violation %s: more than %lu; the rest are counted, not printed\n",
                      name_, kMaxViolationLines);
    return;
  }
  // One debug_write for the whole line, so another CPU's output never splits it.
  char line[sys::kPrintMaxBytes];
  size_t n = format(line, sizeof line, "stress: violation %s: ", name_);
  if (n < sizeof line) {
    va_list args;
    va_start(args, fmt);
    n += vformat(line + n, sizeof line - n, fmt, args);
    va_end(args);
  }
  if (n > sizeof line - 2) n = sizeof line - 2;
  line[n++] = '\n';
  (void)sys::write(line, n);
}

}  // namespace stress
