// The stress controller's report for people (its `console` option, options.h): a line when the
// run begins, progress about ten times a run, and at the end the table of workloads, the leak
// accounting and the verdict. The `stress: ` lines on the kernel log (main.cc) stay the machine's
// record; these go to the serial endpoint the shell's `stress` command prints through
// (docs/stress.md, "From the shell"). Plain formatting with integers only (the program uses no
// floating point), written a line at a time to a LineSink, so the host tests check every line.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace stress {

// Where the lines go: each one whole, ending in "\n".
class LineSink {
 public:
  virtual void line(const char* text, size_t length) = 0;

 protected:
  ~LineSink() = default;
};

struct WorkloadRow {
  const char* name;
  uint64_t ops, checks, violations, faults, survived;
};

// One key of the leak accounting (leak_accounting.h): its count before and after the run.
struct LeakRow {
  const char* key;
  uint64_t before, after;
};

// `value` in at most five characters: as is below 10000, else with one decimal and k, M or G
// ("12.3k", "4.5M"), rounded down. The length written (out is NUL-terminated).
size_t format_amount(char* out, size_t capacity, uint64_t value);

// "stress: ports,cow for 3 s on 4 CPUs, seed 0x1f (replay: ./portcullis stress ...)".
void print_console_begin(LineSink& sink, const WorkloadRow* rows, uint32_t count, uint64_t seed,
                         uint32_t seconds, uint32_t cpus);

// "  2 s of 3: ops 12.3k, checks 12.3k, violations 0, faults 4" (after the deadline, while the
// workloads end: "  5 s past the deadline of 3: ...").
void print_console_progress(LineSink& sink, const WorkloadRow* rows, uint32_t count,
                            uint64_t elapsed_ms, uint32_t seconds);

// The milliseconds between two progress lines for a run of `seconds`: about ten a run, at least
// one a second.
uint64_t console_progress_interval_ms(uint32_t seconds);

// What the accounting found: the rows (leak_count of them), or why there are none.
struct LeakReport {
  const LeakRow* rows = nullptr;
  uint32_t count = 0;
  const char* unavailable = nullptr;  // non-null: the accounting could not be made (why)
  uint32_t leaks = 0;                 // keys that differ (main.cc's count, as on `stress: end`)
};

// The table (a row per workload and the total, with ops/s over `elapsed_ms`), the leak
// accounting (every key, `LEAK` beside one that differs) and the verdict line:
// "verdict: PASS: 0 violations, 0 leaks" or "verdict: FAIL: 2 violations, 1 leak (frames)".
void print_console_table(LineSink& sink, const WorkloadRow* rows, uint32_t count,
                         uint64_t elapsed_ms, const LeakReport& leaks);

}  // namespace stress
