// The shell's `stress` arguments (stress_arguments.h).
#include "servers/portsh/stress_arguments.h"

#include "base/c_string.h"
#include "base/format.h"
#include "libsys/port_range_text.h"
#include "servers/stress/options.h"
#include "servers/stress/workload_names.h"

namespace portsh {

bool stress_workload_runs_here(uint32_t workload) {
  return workload < stress::kWorkloadNameCount && !stress::kWorkloadNeedsStressBoot[workload];
}

StressArgumentError parse_stress_arguments(int argc, const char* const* argv,
                                           StressRequest& request) {
  if (argc != 3 && argc != 4) return StressArgumentError::kUsage;
  StressRequest parsed;
  parsed.workload = stress::kWorkloadNameCount;
  for (uint32_t i = 0; i < stress::kWorkloadNameCount; ++i) {
    if (base::same_text(argv[1], stress::kWorkloadNames[i])) parsed.workload = i;
  }
  if (parsed.workload == stress::kWorkloadNameCount) return StressArgumentError::kUnknownWorkload;
  if (!stress_workload_runs_here(parsed.workload)) return StressArgumentError::kNotInThisBoot;
  if (!sys::parse_decimal(argv[2], __builtin_strlen(argv[2]), kStressMaxSeconds, &parsed.seconds) ||
      parsed.seconds < kStressMinSeconds) {
    return StressArgumentError::kBadSeconds;
  }
  if (argc == 4) {
    if (!stress::parse_seed(argv[3], parsed.seed)) return StressArgumentError::kBadSeed;
    parsed.has_seed = true;
  }
  request = parsed;
  return StressArgumentError::kNone;
}

size_t format_stress_line(const StressRequest& request, char* out, size_t capacity) {
  if (request.workload >= stress::kWorkloadNameCount) return 0;
  const size_t n = format(out, capacity, "stress workloads=%s seconds=%u seed=0x%lx console",
                          stress::kWorkloadNames[request.workload], request.seconds, request.seed);
  return n < capacity ? n : 0;
}

}  // namespace portsh
