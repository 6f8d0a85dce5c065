// The stress controller's report for people (console_table.h).
#include "servers/stress/console_table.h"

#include <stdarg.h>

#include "base/format.h"

namespace stress {
namespace {

constexpr size_t kLineBytes = 160;

// Formats one line (a "\n" is added) and hands it to the sink.
void put(LineSink& sink, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void put(LineSink& sink, const char* fmt, ...) {
  char text[kLineBytes];
  va_list args;
  va_start(args, fmt);
  size_t n = vformat(text, sizeof text - 1, fmt, args);
  va_end(args);
  if (n > sizeof text - 2) n = sizeof text - 2;
  text[n++] = '\n';
  sink.line(text, n);
}

WorkloadRow total_of(const WorkloadRow* rows, uint32_t count) {
  WorkloadRow t{"total", 0, 0, 0, 0, 0};
  for (uint32_t i = 0; i < count; ++i) {
    t.ops += rows[i].ops;
    t.checks += rows[i].checks;
    t.violations += rows[i].violations;
    t.faults += rows[i].faults;
    t.survived += rows[i].survived;
  }
  return t;
}

// The workloads' names joined by commas.
void join_names(char* out, size_t capacity, const WorkloadRow* rows, uint32_t count,
                const char* separator) {
  size_t n = 0;
  out[0] = '\0';
  for (uint32_t i = 0; i < count && n < capacity; ++i) {
    n += format(out + n, capacity - n, "%s%s", i == 0 ? "" : separator, rows[i].name);
  }
}

const char* plural(uint64_t n) { return n == 1 ? "" : "s"; }

}  // namespace

size_t format_amount(char* out, size_t capacity, uint64_t value) {
  if (value < 10000) return format(out, capacity, "%lu", value);
  static constexpr char kUnits[] = {'k', 'M', 'G', 'T', 'P'};
  uint64_t scale = 1000;
  uint32_t unit = 0;
  // At most three digits before the point: 999999 is 999.9k, 1000000 is 1.0M.
  while (value / scale >= 1000 && unit + 1 < sizeof kUnits) {
    scale *= 1000;
    ++unit;
  }
  const uint64_t tenths = value / (scale / 10);
  return format(out, capacity, "%lu.%lu%c", tenths / 10, tenths % 10, kUnits[unit]);
}

void print_console_begin(LineSink& sink, const WorkloadRow* rows, uint32_t count, uint64_t seed,
                         uint32_t seconds, uint32_t cpus) {
  char names[64];
  join_names(names, sizeof names, rows, count, ",");
  char replay[96];
  join_names(replay, sizeof replay, rows, count, " --workload ");
  put(sink, "stress: %s for %u s on %u CPUs, seed 0x%lx", names, seconds, cpus, seed);
  put(sink,
      "  (the same run alone: ./portcullis stress --seed 0x%lx --seconds %u --cpus %u "
      "--workload %s)",
      seed, seconds, cpus, replay);
}

uint64_t console_progress_interval_ms(uint32_t seconds) {
  const uint64_t tenth = uint64_t{seconds} * 100;
  return tenth < 1000 ? 1000 : tenth / 1000 * 1000;
}

void print_console_progress(LineSink& sink, const WorkloadRow* rows, uint32_t count,
                            uint64_t elapsed_ms, uint32_t seconds) {
  const WorkloadRow t = total_of(rows, count);
  char ops[16];
  char checks[16];
  (void)format_amount(ops, sizeof ops, t.ops);
  (void)format_amount(checks, sizeof checks, t.checks);
  const uint64_t elapsed_s = elapsed_ms / 1000;
  // Past the deadline each workload stops at its next op and waits for its children to end.
  const char* when = elapsed_s <= seconds ? "of" : "past the deadline of";
  put(sink, "  %lu s %s %u: ops %s, checks %s, violations %lu, faults %lu", elapsed_s, when,
      seconds, ops, checks, t.violations, t.faults);
}

void print_console_table(LineSink& sink, const WorkloadRow* rows, uint32_t count,
                         uint64_t elapsed_ms, const LeakReport& leaks) {
  const uint64_t ms = elapsed_ms == 0 ? 1 : elapsed_ms;
  put(sink, "%-10s %12s %8s %12s %11s %8s %9s", "workload", "ops", "ops/s", "checks", "violations",
      "faults", "survived");
  const WorkloadRow total = total_of(rows, count);
  for (uint32_t i = 0; i <= count; ++i) {
    const WorkloadRow& r = i < count ? rows[i] : total;
    char rate[16];
    (void)format_amount(rate, sizeof rate, r.ops * 1000 / ms);
    put(sink, "%-10s %12lu %8s %12lu %11lu %8lu %9lu", r.name, r.ops, rate, r.checks, r.violations,
        r.faults, r.survived);
  }
  // The counts are the whole system's (kernel_stats, memsrv's pool), not the workloads' alone.
  put(sink, "leak accounting: the whole system's counts before and after the workloads ran");
  if (leaks.unavailable != nullptr) {
    put(sink, "  unavailable (%s)", leaks.unavailable);
  } else {
    put(sink, "%-20s %12s %12s", "key", "before", "after");
    for (uint32_t i = 0; i < leaks.count; ++i) {
      const LeakRow& k = leaks.rows[i];
      put(sink, "%-20s %12lu %12lu%s", k.key, k.before, k.after,
          k.before == k.after ? "" : "  LEAK");
    }
  }
  const bool pass = total.violations == 0 && leaks.leaks == 0 && leaks.unavailable == nullptr;
  char differing[64] = "";
  size_t n = 0;
  for (uint32_t i = 0; i < leaks.count && n < sizeof differing; ++i) {
    if (leaks.rows[i].before == leaks.rows[i].after) continue;
    n += format(differing + n, sizeof differing - n, "%s%s", n == 0 ? " (" : ", ",
                leaks.rows[i].key);
  }
  if (n > 0 && n + 1 < sizeof differing) {
    differing[n] = ')';
    differing[n + 1] = '\0';
  }
  if (leaks.unavailable != nullptr) {
    put(sink, "verdict: FAIL: %lu violation%s, leaks not known (%s)", total.violations,
        plural(total.violations), leaks.unavailable);
  } else {
    put(sink, "verdict: %s: %lu violation%s, %u leak%s%s", pass ? "PASS" : "FAIL", total.violations,
        plural(total.violations), leaks.leaks, plural(leaks.leaks), differing);
  }
}

}  // namespace stress
