// ./portcullis bench io-model: the I/O-bitmap engine on the host, counting (not timing) what each
// context switch costs under four policies, over the workloads of docs/io-bitmap.md. Deterministic:
// the same build prints the same table every run.
//
// Policies: naive (copy all 8 KiB on every switch to a task with ports), Linux 5.5 (sequence check,
// copy [0, max) with max rounded to 8 bytes, one slot), and Portcullis's window rule with K = 1 and
// K = 4 slots. All run the same engine (BasicTssIoState) over a fake TSS that counts the bytes
// written.
//
// Columns: bytes copied per switch (all switches, including those to tasks without ports); slot hit
// rate (switches to a task with ports that copied nothing); revocation targets: at every 10th
// switch, for each task's bitmap, the CPUs a revocation of its grant would interrupt (the CPUs that
// have it active), averaged; beside it, the CPUs holding that bitmap in some slot (what a "wherever
// it is loaded" rule would interrupt) and the CPU count (what a broadcast would interrupt).
#include <stdio.h>

#include <memory>
#include <string>
#include <vector>

#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/object/task_io_ports.h"
#include "test/bench/io_copy_policies.h"
#include "test/host/kernel/object/fake_tss.h"

namespace {

constexpr uint32_t kSwitches = 1200;

struct Workload {
  const char* name;
  uint32_t cpus;
  // Returns (cpu, task index or -1 for a task without ports) for switch i.
  uint32_t task_count;
  bool shared;        // all tasks share one bitmap
  uint32_t low_port;  // each task's range base (0 = no ports); odd tasks use high_port if set
  bool migrating;     // one driver moving round-robin over the CPUs, idle elsewhere
  uint32_t high_port = 0;
};

struct Row {
  std::string workload;
  std::string policy;
  double bytes_per_switch;
  double hit_rate;
  double targets;
  double held_on;
  uint32_t cpus;
};

template <uint32_t K, IoCopyPolicy Copy>
Row run(const Workload& w, const char* policy_name) {
  std::vector<std::unique_ptr<FakeTss>> tss;
  std::vector<std::unique_ptr<BasicTssIoState<K, Copy>>> states;
  for (uint32_t c = 0; c < w.cpus; ++c) {
    tss.push_back(std::make_unique<FakeTss>(K));
    states.push_back(std::make_unique<BasicTssIoState<K, Copy>>(c, *tss.back()));
  }
  IoCounters changes;
  std::vector<std::unique_ptr<TaskIoPorts>> tasks;
  for (uint32_t t = 0; t < w.task_count; ++t) {
    tasks.push_back(std::make_unique<TaskIoPorts>());
    if (w.low_port == 0) continue;
    if (w.shared && t > 0) {
      if (tasks[t]->share_from(*tasks[0]) != Status::kOk) return {};
    } else {
      // Different bitmaps: the same kind of range per task, so the copy size is the policy's doing.
      const uint32_t base = (w.high_port != 0 && t % 2 == 1) ? w.high_port : w.low_port;
      if (tasks[t]->enable(1, PortRange{base, 5}, changes).is_error()) return {};
    }
  }
  uint64_t probes = 0, targets = 0, held = 0;
  for (uint32_t i = 0; i < kSwitches; ++i) {
    if (w.migrating) {
      // The driver (task 0) moves to CPU i % cpus; the CPU it left runs a task without ports.
      const uint32_t cpu = i % w.cpus;
      const uint32_t left = (i + w.cpus - 1) % w.cpus;
      if (w.cpus > 1) states[left]->switch_to(nullptr);
      states[cpu]->switch_to(tasks[0].get());
    } else {
      states[0]->switch_to(tasks[i % w.task_count].get());
    }
    if (i % 10 == 9) {
      for (uint32_t t = 0; t < w.task_count; ++t) {
        if (w.shared && t > 0) break;  // one bitmap
        RefPtr<IoBitmap> b = tasks[t]->bitmap();
        ++probes;
        if (b) {
          targets += b->active_cpus().count();
          for (uint32_t c = 0; c < w.cpus; ++c) {
            for (uint32_t s = 0; s < K; ++s) {
              if (states[c]->slot_sequence(s) == b->sequence()) {
                ++held;
                break;
              }
            }
          }
        }
      }
    }
  }
  IoCounters total;
  uint64_t bytes = 0;
  for (uint32_t c = 0; c < w.cpus; ++c) {
    total += states[c]->counters();
    bytes += tss[c]->bytes_written();
  }
  // The engine's counter and the fake hardware must agree on the bytes.
  if (bytes != total.bytes_copied) fprintf(stderr, "byte counts disagree\n");
  // Switches counted: the ones that load a task (migrating: also the idle switches on the CPU
  // left).
  Row row;
  row.workload = w.name;
  row.policy = policy_name;
  row.bytes_per_switch = static_cast<double>(bytes) / total.switches;
  const uint64_t port_switches = total.slot_hits + total.slot_misses;
  row.hit_rate = port_switches == 0 ? -1 : 100.0 * total.slot_hits / port_switches;
  row.targets = static_cast<double>(targets) / probes;
  row.held_on = static_cast<double>(held) / probes;
  row.cpus = w.cpus;
  // A real revocation at the end must target what the probe says.
  if (w.low_port != 0) {
    RefPtr<IoBitmap> b = tasks[0]->bitmap();
    const uint32_t expected = b->active_cpus().count();
    Result<IoInvalidation> inv = b->revoke_grant(1, changes);
    if (inv.is_ok() && inv.value().cpus.count() != expected)
      fprintf(stderr, "revocation targets disagree\n");
    if (inv.is_ok()) {
      for (uint32_t c : inv.value().cpus) states[c]->invalidate(inv.value().bitmap.get());
    }
  }
  for (auto& s : states) s->switch_to(nullptr);
  return row;
}

}  // namespace

int main() {
  const Workload workloads[] = {
      {"2 tasks, no ports", 1, 2, false, 0, false},
      {"2 tasks, one shared bitmap (0x60-0x64)", 1, 2, true, 0x60, false},
      {"2 tasks, different bitmaps, low (0x60-0x64)", 1, 2, false, 0x60, false},
      {"3 tasks, different bitmaps, low (0x60-0x64)", 1, 3, false, 0x60, false},
      {"6 tasks, different bitmaps, low (0x60-0x64)", 1, 6, false, 0x60, false},
      {"2 tasks, different bitmaps, high (0xFFF0-0xFFF4)", 1, 2, false, 0xFFF0, false},
      {"3 tasks, different bitmaps, high (0xFFF0-0xFFF4)", 1, 3, false, 0xFFF0, false},
      {"6 tasks, different bitmaps, high (0xFFF0-0xFFF4)", 1, 6, false, 0xFFF0, false},
      {"2 tasks, one low (0x60-0x64), one high (0xFFF0-0xFFF4)", 1, 2, false, 0x60, false, 0xFFF0},
      {"1 driver (0x60-0x64) migrating over 4 CPUs", 4, 1, false, 0x60, true},
  };
  // Slot count and copy policy are compile-time parameters of the engine: one instance per column.
  struct PolicySpec {
    const char* name;
    Row (*run)(const Workload& w, const char* policy_name);
  };
  const PolicySpec policies[] = {
      {"naive: copy 8 KiB", run<1, AlwaysCopy>},
      {"Linux 5.5: seq, [0,max), K=1", run<1, LinuxPrefixCopy>},
      {"window, K=1", run<1, WindowCopy>},
      {"window, K=4", run<4, WindowCopy>},
  };
  printf("io-model: %u switches per workload; counts, not times (deterministic)\n\n", kSwitches);
  printf(
      "| workload | policy | bytes copied / switch | slot hit rate | revocation targets | held in "
      "a slot on | CPUs |\n");
  printf("|---|---|---:|---:|---:|---:|---:|\n");
  for (const Workload& w : workloads) {
    for (const PolicySpec& p : policies) {
      const Row r = p.run(w, p.name);
      char hit[16];
      if (r.hit_rate < 0) {
        snprintf(hit, sizeof hit, "-");
      } else {
        snprintf(hit, sizeof hit, "%.1f%%", r.hit_rate);
      }
      printf("| %s | %s | %.1f | %s | %.2f | %.2f | %u |\n", r.workload.c_str(), r.policy.c_str(),
             r.bytes_per_switch, hit, r.targets, r.held_on, r.cpus);
    }
  }
  return 0;
}
