// stress, the stress controller (the stress contract; `./portcullis stress` boots it under init
// with servers/stress/stress.manifest): runs the selected workloads (workloads.cc) at once, each
// on a runner thread of its own, until `seconds=` have passed, prints their progress about once a
// second and a summary, checks that the kernel and the memory server got back everything
// (leak_accounting.h), and exits 0 on pass. Every line it prints starts with `stress: `.
//   stress seed=0x<hex> seconds=<decimal> workloads=<name,...|all> [console]
// With `console` it also prints a report for people on the serial endpoint in kStressConsoleSlot
// (console_table.h): how the shell's `stress` command shows a run in place (docs/shell.md).
#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <new>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/status.h"
#include "base/format.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/kernel_stats.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/serial_client.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "servers/stress/console_table.h"
#include "servers/stress/controller_slots.h"
#include "servers/stress/cpu_workers.h"
#include "servers/stress/leak_accounting.h"
#include "servers/stress/options.h"
#include "servers/stress/waiting_programs.h"
#include "servers/stress/workload.h"

namespace {

using stress::Context;
using stress::Workload;

constexpr uint64_t kMs = 1000ull * 1000;
constexpr uint64_t kSecond = 1000 * kMs;
constexpr uint64_t kProgressNs = kSecond;
// How long the leak check waits for the counts to settle while the reaper's backlog stays put.
constexpr uint64_t kSettleNs = 2 * kSecond;
// A workload still running this long after the deadline is reported (the driver's hang check
// sees progress lines, so it would never fire on its own). Generous: on a loaded host the guest's
// clock runs on while its CPUs hardly do (a CI run saw one workload op take 30 s), and a workload
// only stops between ops; the driver's own bound (120 s past the deadline) is the outer one.
constexpr uint64_t kOverrunNs = 90 * kSecond;

struct Runner {
  const Workload* workload = nullptr;
  Context* ctx = nullptr;
  Status result = Status::kOk;
  std::atomic<uint32_t>* finished = nullptr;
  std::atomic<uint32_t> done{0};
};

void run_workload(void* raw) {
  Runner* runner = static_cast<Runner*>(raw);
  runner->result = runner->workload->run(*runner->ctx);
  runner->done.store(1, std::memory_order_release);
  runner->finished->fetch_add(1, std::memory_order_acq_rel);
  wake_waiters(*runner->finished, 1);
}

// Appends `text` formatted to line[n..]; the new length, kept inside the line.
size_t append(char* line, size_t n, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
size_t append(char* line, size_t n, const char* fmt, ...) {
  if (n >= sys::kPrintMaxBytes - 1) return n;
  va_list args;
  va_start(args, fmt);
  n += vformat(line + n, sys::kPrintMaxBytes - n, fmt, args);
  va_end(args);
  return n < sys::kPrintMaxBytes - 1 ? n : sys::kPrintMaxBytes - 1;
}

void write_line(char* line, size_t n) {
  if (n > sys::kPrintMaxBytes - 2) n = sys::kPrintMaxBytes - 2;
  line[n++] = '\n';
  (void)sys::write(line, n);
}

struct Totals {
  uint64_t ops = 0, checks = 0, violations = 0, faults = 0, survived = 0;
};

Totals totals_of(const Runner* runners, uint32_t count) {
  Totals t;
  for (uint32_t i = 0; i < count; ++i) {
    const stress::Counters& c = runners[i].ctx->counters();
    t.ops += c.ops.load(std::memory_order_relaxed);
    t.checks += c.checks.load(std::memory_order_relaxed);
    t.violations += c.violations.load(std::memory_order_relaxed);
    t.faults += c.faults.load(std::memory_order_relaxed);
    t.survived += c.survived.load(std::memory_order_relaxed);
  }
  return t;
}

void print_progress(const Runner* runners, uint32_t count, uint64_t elapsed_ns) {
  char line[sys::kPrintMaxBytes];
  size_t n = append(line, 0, "stress: progress ms=%lu ops=", elapsed_ns / kMs);
  for (uint32_t i = 0; i < count; ++i) {
    n = append(line, n, "%s%s:%lu", i == 0 ? "" : ",", runners[i].workload->name,
               runners[i].ctx->counters().ops.load(std::memory_order_relaxed));
  }
  const Totals t = totals_of(runners, count);
  n = append(line, n, " checks=%lu violations=%lu faults=%lu", t.checks, t.violations, t.faults);
  // The kernel's cross-CPU waits so far (the driver shows their share of the CPUs' time).
  KernelStats stats;
  if (sys::kernel_stats(&stats) == Status::kOk) {
    n = append(line, n, " xcalls=%lu xwait_ms=%lu", stats.cross_cpu_calls,
               stats.cross_cpu_wait_ns / kMs);
  }
  write_line(line, n);
}

// The report for people (`console`): a session with the serial driver, or nowhere.
class ConsoleReport final : public stress::LineSink {
 public:
  ConsoleReport() = default;
  ConsoleReport(const ConsoleReport&) = delete;
  ConsoleReport& operator=(const ConsoleReport&) = delete;
  ~ConsoleReport() {
    if (serial_ != nullptr) serial_->~SerialClient();  // closes the session
  }

  // A line on the kernel log says why not (not a `stress: ` line: the driver knows those).
  void open() {
    Result<sys::SerialClient> opened =
        sys::SerialClient::open(sys::Endpoint(sys::Cap(stress::kStressConsoleSlot)));
    if (!opened.is_ok()) {
      (void)sys::printf("stress controller: no console in slot %u (%s)\n",
                        stress::kStressConsoleSlot, status_name(opened.status()));
      return;
    }
    serial_ = new (storage_) sys::SerialClient(opened.release_value());
  }
  bool is_open() const { return serial_ != nullptr; }

  void line(const char* text, size_t length) override {
    if (serial_ != nullptr) (void)serial_->write(text, length);
  }

 private:
  alignas(sys::SerialClient) unsigned char storage_[sizeof(sys::SerialClient)];
  sys::SerialClient* serial_ = nullptr;
};

void rows_of(const Runner* runners, uint32_t count, stress::WorkloadRow* rows) {
  for (uint32_t i = 0; i < count; ++i) {
    const stress::Counters& c = runners[i].ctx->counters();
    rows[i] = stress::WorkloadRow{runners[i].workload->name,
                                  c.ops.load(std::memory_order_relaxed),
                                  c.checks.load(std::memory_order_relaxed),
                                  c.violations.load(std::memory_order_relaxed),
                                  c.faults.load(std::memory_order_relaxed),
                                  c.survived.load(std::memory_order_relaxed)};
  }
}

// The memory server's slot when this program is its client (init's `memory`), else none.
uint32_t memory_endpoint() {
  const SyscallResult type = sys_cap_type(kSlotMemoryServer);
  if (type.status != Status::kOk ||
      type.extra != static_cast<uint64_t>(CapabilityType::kEndpoint)) {
    return stress::LeakSnapshot::kNoMemoryServer;
  }
  return kSlotMemoryServer;
}

const char* rmap_of(uint32_t memory) {
  if (memory == stress::LeakSnapshot::kNoMemoryServer) return "none";
  Result<sys::mem::ServerInfo> info = sys::mem::server_info(memory);
  if (!info.is_ok()) return "none";
  return info.value().notifiers ? "sem" : "spin";
}

// Parses the command line; prints why not and answers false on a bad one.
bool parse(int argc, char** argv, stress::Options& options) {
  const char* names[stress::kMaxWorkloads] = {};
  const uint32_t count = stress::workload_count();
  for (uint32_t i = 0; i < count && i < stress::kMaxWorkloads; ++i) {
    names[i] = stress::workload_at(i).name;
  }
  stress::OptionsError error;
  if (stress::parse_options(argc, argv, names, count, options, error) == Status::kOk) return true;
  char word[64] = {};  // the offending word, cut to fit
  for (uint32_t i = 0; i < error.length && i + 1 < sizeof word; ++i) word[i] = error.word[i];
  char line[sys::kPrintMaxBytes];
  size_t n = append(line, 0, "stress: bad command line: %s '%s' (workloads:", error.why, word);
  for (uint32_t i = 0; i < count; ++i) n = append(line, n, " %s", names[i]);
  n = append(line, n, ", or all)");
  write_line(line, n);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  stress::Options options;
  if (!parse(argc, argv, options)) {
    // The programs init started for the workloads wait for the controller: let them go.
    (void)stress::dismiss_waiting_programs(stress::kStressEndpointSlot);
    return 2;
  }
  const uint32_t cpus = sys::online_cpus();
  const uint32_t memory = memory_endpoint();
  // Opened before the leak accounting's first snapshot, closed after its last.
  ConsoleReport console;
  if (options.console) console.open();

  Runner runners[stress::kMaxWorkloads];
  uint32_t selected = 0;
  {
    char line[sys::kPrintMaxBytes];
    size_t n =
        append(line, 0, "stress: begin seed=0x%lx seconds=%u cpus=%u workloads=", options.seed,
               options.seconds, cpus);
    for (uint32_t i = 0; i < stress::workload_count(); ++i) {
      if ((options.workloads & (1u << i)) == 0) continue;
      runners[selected++].workload = &stress::workload_at(i);
      n = append(line, n, "%s%s", selected == 1 ? "" : ",", stress::workload_at(i).name);
    }
    n = append(line, n, " rmap=%s", rmap_of(memory));
    write_line(line, n);
  }
  stress::WorkloadRow rows[stress::kMaxWorkloads] = {};
  if (console.is_open()) {
    for (uint32_t i = 0; i < selected; ++i) rows[i].name = runners[i].workload->name;
    stress::print_console_begin(console, rows, selected, options.seed, options.seconds, cpus);
  }

  // Before any runner thread exists (leak_accounting.h says why).
  stress::warm_stack_window();
  stress::warm_controller_ports(stress::kStressIoPortsSlot);
  stress::LeakSnapshot before;
  const Status before_status = stress::settled_snapshot(memory, nullptr, kSettleNs, before);
  if (before_status == Status::kOk) {
    before.print("before");
  } else {
    (void)sys::printf("stress: leaks unavailable (%s)\n", status_name(before_status));
  }

  const stress::ControllerSlots slots{stress::kStressIoPortsSlot, stress::kStressChildModuleSlot,
                                      stress::kStressFuzzModuleSlot, stress::kStressEndpointSlot,
                                      memory};
  const uint64_t start_ns = monotonic_ns();
  const uint64_t deadline_ns = start_ns + options.seconds * kSecond;
  alignas(Context) unsigned char context_storage[stress::kMaxWorkloads][sizeof(Context)];
  std::atomic<uint32_t> finished{0};
  sys::Thread threads[stress::kMaxWorkloads];
  for (uint32_t i = 0; i < selected; ++i) {
    const uint32_t home_cpu = i % cpus;
    runners[i].ctx = new (context_storage[i])
        Context(runners[i].workload->name, options.seed, deadline_ns, cpus, home_cpu, slots);
    runners[i].finished = &finished;
    sys::ThreadOptions pinned;
    pinned.cpu = home_cpu;
    pinned.stack_pages = 8;
    pinned.priority = stress::kWorkerPriority;
    const Status started = threads[i].start(run_workload, &runners[i], pinned);
    if (started != Status::kOk) {
      runners[i].ctx->violation("runner thread not started (%s)", status_name(started));
      runners[i].done.store(1, std::memory_order_release);
      finished.fetch_add(1, std::memory_order_acq_rel);
    }
  }

  bool overrun_reported = false;
  uint64_t next_progress = start_ns + kProgressNs;
  const uint64_t console_interval_ns = stress::console_progress_interval_ms(options.seconds) * kMs;
  uint64_t next_console = start_ns + console_interval_ns;
  for (;;) {
    const uint32_t seen = finished.load(std::memory_order_acquire);
    if (seen == selected) break;
    const uint64_t now = monotonic_ns();
    if (now >= next_progress) {
      if (!overrun_reported) print_progress(runners, selected, now - start_ns);
      next_progress = now + kProgressNs;
      if (console.is_open() && now >= next_console) {
        rows_of(runners, selected, rows);
        stress::print_console_progress(console, rows, selected, (now - start_ns) / kMs,
                                       options.seconds);
        next_console += console_interval_ns;
      }
      if (now >= deadline_ns + kOverrunNs && !overrun_reported) {
        for (uint32_t i = 0; i < selected; ++i) {
          if (runners[i].done.load(std::memory_order_acquire) == 0) {
            runners[i].ctx->violation("still running %lu s after the deadline",
                                      kOverrunNs / kSecond);
          }
        }
        overrun_reported = true;
      }
      continue;
    }
    (void)wait_while_equal(finished, seen, next_progress - now);
  }
  for (uint32_t i = 0; i < selected; ++i) threads[i].join();
  const uint64_t run_ns = monotonic_ns() - start_ns;
  print_progress(runners, selected, run_ns);

  for (uint32_t i = 0; i < selected; ++i) {
    if (runners[i].result != Status::kOk) {
      runners[i].ctx->violation("run returned %s", status_name(runners[i].result));
    }
    const stress::Counters& c = runners[i].ctx->counters();
    (void)sys::printf(
        "stress: workload %s ops=%lu checks=%lu violations=%lu faults=%lu "
        "survived=%lu\n",
        runners[i].workload->name, c.ops.load(), c.checks.load(), c.violations.load(),
        c.faults.load(), c.survived.load());
  }

  uint32_t leaks = 0;
  stress::LeakRow leak_rows[stress::LeakSnapshot::kMaxKeys];
  stress::LeakReport leak_report;
  leak_report.rows = leak_rows;
  if (before_status == Status::kOk) {
    stress::LeakSnapshot after;
    const Status after_status = stress::settled_snapshot(memory, &before, kSettleNs, after);
    if (after_status == Status::kOk) {
      after.print("after");
      leaks = stress::LeakSnapshot::print_differences(before, after);
      for (uint32_t i = 0; i < before.count() && i < after.count(); ++i) {
        leak_rows[leak_report.count++] =
            stress::LeakRow{before.key(i), before.value(i), after.value(i)};
      }
    } else {
      (void)sys::printf("stress: leaks after unavailable (%s)\n", status_name(after_status));
      leaks = 1;
      leak_report.unavailable = status_name(after_status);
    }
  } else {
    leak_report.unavailable = status_name(before_status);
  }
  leak_report.leaks = leaks;

  const Totals t = totals_of(runners, selected);
  const bool pass = t.violations == 0 && leaks == 0;
  (void)sys::printf(
      "stress: end ops=%lu checks=%lu violations=%lu faults=%lu survived=%lu leaks=%u result=%s\n",
      t.ops, t.checks, t.violations, t.faults, t.survived, leaks, pass ? "pass" : "fail");
  if (console.is_open()) {
    rows_of(runners, selected, rows);
    stress::print_console_table(console, rows, selected, run_ns / kMs, leak_report);
  }
  for (uint32_t i = 0; i < selected; ++i) runners[i].ctx->~Context();
  // After the end line, so that the programs still wait at both leak snapshots.
  (void)stress::dismiss_waiting_programs(stress::kStressEndpointSlot);
  return pass ? 0 : 1;
}
