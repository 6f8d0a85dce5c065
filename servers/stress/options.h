// The stress controller's command line (its manifest line, stress.manifest):
//   stress seed=0x<hex> seconds=<decimal> workloads=<name,name,...|all> [console]
// `console`: also print progress and the final table for people, on the serial endpoint in
// kStressConsoleSlot (controller_slots.h; the shell's `stress` command, docs/shell.md).
// Plain parsing, no syscalls, so the host tests check it (test/host/servers/stress/).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"

namespace stress {

inline constexpr uint32_t kMaxWorkloads = 16;  // the table's size limit, bits of a mask
inline constexpr uint64_t kDefaultSeed = 1;
inline constexpr uint32_t kDefaultSeconds = 10;
inline constexpr uint32_t kMaxSeconds = 24 * 3600;

struct Options {
  uint64_t seed = kDefaultSeed;
  uint32_t seconds = kDefaultSeconds;
  uint32_t workloads = 0;  // bit i: the table's workload i (workload.h)
  bool console = false;    // `console`: the human-readable report on the serial endpoint too
};

// What went wrong, for the error line: the offending word (not NUL-terminated) and why.
struct OptionsError {
  const char* word = nullptr;
  uint32_t length = 0;
  const char* why = nullptr;
};

// A seed as seed= takes it: 0x and 1 to 16 hex digits, either case (the shell's `stress` reads
// its SEED with it too). False, and `value` untouched, otherwise.
bool parse_seed(const char* text, uint64_t& value);

// Parses argv[1..argc) against the workload names `names[0..count)`. kInvalidArgument with
// `error` filled for an unknown word, a bad number, an unknown workload name, or no workloads.
Status parse_options(int argc, const char* const* argv, const char* const* names, uint32_t count,
                     Options& options, OptionsError& error);

}  // namespace stress
