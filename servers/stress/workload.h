// The stress program's workload interface (docs of the feature: the stress contract, the serial
// lines below). A workload is a named run function: the controller (main.cc) gives each selected
// workload a Context and calls its run on a thread of its own, all of them at once, then reads the
// Counters for the progress and summary lines. The table of workloads is workloads.cc.
#pragma once

#include <stdarg.h>
#include <stdint.h>

#include <atomic>

#include "abi/portcullis/status.h"

namespace stress {

// Cumulative counts of one workload, read by the controller while the workload runs.
struct Counters {
  std::atomic<uint64_t> ops{0};         // operations made (what an op is, each workload says)
  std::atomic<uint64_t> checks{0};      // invariants checked and found holding
  std::atomic<uint64_t> violations{0};  // invariants found broken (each also printed)
  std::atomic<uint64_t> faults{0};      // faults seen as expected (a child killed on purpose)
  std::atomic<uint64_t> survived{0};    // tasks or threads that ended as they should
};

// The capability slots the manifest (stress.manifest) gives the controller, and the memory
// server's, for the workloads to use.
struct ControllerSlots {
  uint32_t io_ports_root;   // IoPorts, ports 0-65535, every right
  uint32_t child_module;    // Module: stress_child
  uint32_t fuzz_module;     // Module: syscall_fuzz
  uint32_t serve_endpoint;  // Endpoint "stress", receive and call: init's programs ask here
  uint32_t
      memory_server;  // Endpoint: memsrv, when the controller is its client (kSlotMemoryServer)
};

inline constexpr uint64_t kMaxViolationLines = 20;

// One per workload run.
class Context {
 public:
  Context(const char* name, uint64_t run_seed, uint64_t deadline_ns, uint32_t cpus,
          uint32_t home_cpu, const ControllerSlots& slots);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const char* name() const { return name_; }
  uint64_t seed() const { return seed_; }  // the run's seed mixed with the workload's name
  uint64_t deadline_ns() const { return deadline_ns_; }  // monotonic_ns at which to stop
  bool time_up() const;                                  // monotonic_ns() >= deadline
  uint32_t cpus() const { return cpus_; }
  // The CPU the thread calling run is pinned to (run_on_every_cpu gives it that CPU's share).
  uint32_t home_cpu() const { return home_cpu_; }
  const ControllerSlots& slots() const { return slots_; }
  Counters& counters() { return counters_; }
  const Counters& counters() const { return counters_; }

  // Counts a violation and prints `stress: violation <name>: <text>` as one line (the first
  // kMaxViolationLines of the workload; then one line saying the rest are only counted).
  void violation(const char* fmt, ...) __attribute__((format(printf, 2, 3)));

 private:
  const char* name_;
  uint64_t seed_;
  uint64_t deadline_ns_;
  uint32_t cpus_;
  uint32_t home_cpu_;
  ControllerSlots slots_;
  Counters counters_;
};

// Rules every workload keeps, so that they can run together in one program:
//   - no sys::heap (leak_accounting.h says why);
//   - capability slots come from the lowest free ones (kCapSlotAny; task_spawn through
//     child_task.h's landing slot), never fixed numbers, and kNoSpace or kNoMemory means "another
//     workload holds them now": back off and retry, it is no violation. A slot whose capability a
//     revoke removed is not the workload's any more (another thread may get it next);
//   - the controller's own I/O bitmap is the cow workload's (cow_workload.cc): nobody else
//     enables ports in the controller;
//   - threads at most at kWorkerPriority (cpu_workers.h).
struct Workload {
  const char* name;  // as on the command line: ports, cow, churn, ipc, kill, memsrv, fuzz, crash
  const char* what;  // one line for --list and docs
  // Runs until the deadline on threads/tasks of its own; returns once every thread and task it
  // made has ended and everything it took is given back (so leak accounting can follow).
  Status (*run)(Context& ctx);
};

// The workload table (workloads.cc), in the order `all` runs them.
uint32_t workload_count();
const Workload& workload_at(uint32_t index);
// The workload called `name` (its first `length` bytes), or nullptr.
const Workload* find_workload(const char* name, uint32_t length);

}  // namespace stress
