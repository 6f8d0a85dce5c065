// The arguments of the shell's `stress WORKLOAD SECONDS [SEED]` (commands_stress.cc) and the line
// it asks init to start: the stress controller's on_request line in servers/init/boot.manifest
// with these as its arguments. Plain parsing and formatting, no syscalls, so the host tests check
// it (test/host/servers/portsh/stress_arguments_test.cc).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace portsh {

inline constexpr uint32_t kStressMinSeconds = 1;
inline constexpr uint32_t kStressMaxSeconds = 600;

struct StressRequest {
  uint32_t workload = 0;  // index in stress::kWorkloadNames
  uint32_t seconds = 0;
  uint64_t seed = 0;
  bool has_seed = false;  // SEED given; otherwise the command picks one
};

enum class StressArgumentError : uint8_t {
  kNone,
  kUsage,            // not 2 or 3 arguments
  kUnknownWorkload,  // WORKLOAD is no name of the controller's table
  kNotInThisBoot,    // the workload cannot run in the boot the shell runs in (memsrv)
  kBadSeconds,       // SECONDS is not a decimal number from 1 to 600
  kBadSeed,          // SEED is not 0x and 1 to 16 hex digits
};

// Parses argv[1..argc) (argv[0] is the command's name).
StressArgumentError parse_stress_arguments(int argc, const char* const* argv,
                                           StressRequest& request);

// Whether the workload runs in ./portcullis run's boot: memsrv needs the client programs that
// only the stress boot's manifest starts (servers/stress/stress.manifest).
bool stress_workload_runs_here(uint32_t workload);

// "stress workloads=NAME seconds=S seed=0xHEX console": the start line for init (NUL-terminated;
// its length, or 0 if it does not fit).
size_t format_stress_line(const StressRequest& request, char* out, size_t capacity);

}  // namespace portsh
