// `./portcullis bench io`: what I/O ports as capabilities cost a user program, timed from ring 3
// as docs/benchmarking.md says (t0 = rdtsc; operation; t1 = rdtsc; the loop included, nothing
// subtracted), medians, in guest instructions under QEMU -icount shift=0. Every row is a ratio
// against a baseline row of the same run, with the kernel's I/O counters (io_counters: bytes
// copied into TSS slots, slot loads, hits and misses, invalidation IPIs) per operation beside the
// ticks, the goal and Linux 6.1's figure from docs/benchmarking.md. The table is printed, then the
// same rows as `bench io: csv,...` lines, which the portcullis script collects into
// build/bench/io.csv.
//
// Boots as the root task (`init=io_bench test=init`, 4 CPUs) with a second copy of itself as a
// module: the switch rows spawn that copy as `io_bench serve MODE`, a server task pinned to CPU 0
// beside the client, with or without ports of its own. Module-line words: `quick` takes few
// samples (the test command's run: every row measured, nothing judged); row names or a group
// (`switch`, `port`, `revoke`) run only those rows.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/io_counters_snapshot.h"
#include "abi/portcullis/io_port_op.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "bench_timing.h"
#include "libsys/cap.h"
#include "libsys/endpoint.h"
#include "libsys/io_bitmap.h"  // sys::share_ports
#include "libsys/print.h"
#include "libsys/short_ipc.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"

namespace {

using bench::rdtsc;

constexpr uint32_t kMaxSamples = 10001;  // odd: the median is one sample
constexpr uint64_t kStopLabel = 0x5709;  // the call that ends a server
constexpr uint32_t kClientCpu = 0;       // client, server and the revoking thread
constexpr uint32_t kBootCpus = 4;        // the portcullis script and the test boot 4 CPUs
constexpr uint32_t kRw = kCapRead | kCapWrite;
// The server task finds its Endpoint in kFirstFreeSlot and, when the row gives it one, an
// IoPorts capability to enable or an IoBitmap capability to attach in the slot after.
constexpr uint32_t kServerEndpointSlot = kFirstFreeSlot;
constexpr uint32_t kServerPortsSlot = kFirstFreeSlot + 1;

uint32_t g_samples = kMaxSamples;  // `quick`: a few
uint32_t g_revoke_samples = 1001;  // each revocation interrupts up to 3 CPUs: fewer
uint32_t g_warm_up = 100;          // untimed rounds first: every path, page and TSS slot touched
uint64_t g_ticks[kMaxSamples];
IoCountersSnapshot g_delta;  // the I/O counters (all CPUs) over the last timed samples

IoCountersSnapshot counters() {
  IoCountersSnapshot c;
  if (sys_io_counters(kIoCountersAllCpus, &c).status != Status::kOk) return IoCountersSnapshot{};
  return c;
}

IoCountersSnapshot difference(const IoCountersSnapshot& a, const IoCountersSnapshot& b) {
  IoCountersSnapshot d;
  d.loads = b.loads - a.loads;
  d.bytes_copied = b.bytes_copied - a.bytes_copied;
  d.slot_hits = b.slot_hits - a.slot_hits;
  d.slot_misses = b.slot_misses - a.slot_misses;
  d.invalidation_ipis = b.invalidation_ipis - a.invalidation_ipis;
  return d;
}

// Times `operation` `samples` times after g_warm_up untimed ones, `prepare` (untimed) before each;
// the median, 0 if any failed. g_delta gets the counters' change over the timed samples.
template <typename Prepare, typename Operation>
uint64_t time_median(uint32_t samples, Prepare prepare, Operation operation) {
  for (uint32_t i = 0; i < g_warm_up; ++i) {
    if (!prepare() || !operation()) return 0;
  }
  const IoCountersSnapshot before = counters();
  for (uint32_t i = 0; i < samples; ++i) {
    if (!prepare()) return 0;
    const uint64_t t0 = rdtsc();
    const bool ok = operation();
    const uint64_t t1 = rdtsc();
    if (!ok) return 0;
    g_ticks[i] = t1 - t0;
  }
  g_delta = difference(before, counters());
  return bench::median(g_ticks, samples);
}

template <typename Operation>
uint64_t time_median(Operation operation) {
  return time_median(
      g_samples, [] { return true; }, operation);
}

// Times on a thread pinned to kClientCpu; 0 if it could not start.
template <typename Operation>
uint64_t time_on_client_cpu(Operation operation) {
  uint64_t ticks = 0;
  auto body = [&] { ticks = time_median(operation); };
  sys::Thread timer;
  if (bench::start_pinned(timer, kClientCpu, body) != Status::kOk) return 0;
  timer.join();
  return ticks;
}

// --- the table ----------------------------------------------------------------------------------

enum class Goal : uint8_t {
  kNone,
  kMaxTicks,           // ticks <= limit
  kMaxAdded,           // ticks - baseline <= limit
  kMaxAddedZeroBytes,  // the same, and no byte copied
};

// One measurement: ticks per operation and the counters per operation, both x100 (a switch is
// half a round trip, an io_vector access 1/N of a call).
struct Figures {
  uint64_t centi_ticks = 0;  // 0: failed
  uint64_t centi_bytes = 0;
  uint64_t centi_loads = 0;
  uint64_t centi_hits = 0;
  uint64_t centi_misses = 0;
  uint64_t centi_ipis = 0;
};

// `median` ticks of one sample holding `per_sample` operations, over `samples` samples.
Figures figures(uint64_t median, uint32_t per_sample, uint32_t samples) {
  Figures f;
  if (median == 0) return f;
  const uint64_t ops = uint64_t{per_sample} * samples;
  f.centi_ticks = median * 100 / per_sample;
  f.centi_bytes = g_delta.bytes_copied * 100 / ops;
  f.centi_loads = g_delta.loads * 100 / ops;
  f.centi_hits = g_delta.slot_hits * 100 / ops;
  f.centi_misses = g_delta.slot_misses * 100 / ops;
  f.centi_ipis = g_delta.invalidation_ipis * 100 / ops;
  return f;
}

struct RowSpec {
  const char* key;       // the CSV name
  const char* what;      // the table's words
  const char* baseline;  // the key of the row it is compared with; nullptr: none
  Goal goal;
  int64_t goal_limit;
  const char* linux_figure;  // Linux 6.1 (docs/benchmarking.md); "-": none
  Figures (*measure)();
};

struct Row {
  const RowSpec* spec;
  Figures f;
};
constexpr uint32_t kMaxRows = 24;
Row g_rows[kMaxRows];
uint32_t g_row_count = 0;

const Row* find_row(const char* key) {
  if (key == nullptr) return nullptr;
  for (uint32_t i = 0; i < g_row_count; ++i) {
    if (bench::same_text(g_rows[i].spec->key, key)) return &g_rows[i];
  }
  return nullptr;
}

// x100 fixed point: "12", "12.5", "12.25"; `sign` prints a leading + for a positive value.
void print_centi(int64_t centi, bool sign = false) {
  const char* prefix = centi < 0 ? "-" : (sign && centi > 0 ? "+" : "");
  const uint64_t v = static_cast<uint64_t>(centi < 0 ? -centi : centi);
  if (v % 100 == 0) {
    sys::printf("%s%lu", prefix, v / 100);
  } else if (v % 10 == 0) {
    sys::printf("%s%lu.%lu", prefix, v / 100, (v % 100) / 10);
  } else {
    sys::printf("%s%lu.%02lu", prefix, v / 100, v % 100);
  }
}

// The comparison with the baseline: ratio x100 and ticks added x100; false without a baseline.
bool compare(const Row& r, int64_t& centi_ratio, int64_t& centi_added) {
  const Row* base = find_row(r.spec->baseline);
  if (base == nullptr || base->f.centi_ticks == 0 || r.f.centi_ticks == 0) return false;
  centi_ratio = static_cast<int64_t>(r.f.centi_ticks * 100 / base->f.centi_ticks);
  centi_added = static_cast<int64_t>(r.f.centi_ticks) - static_cast<int64_t>(base->f.centi_ticks);
  return true;
}

// "met", "missed" or "" (no goal).
const char* goal_verdict(const Row& r) {
  int64_t ratio = 0;
  int64_t added = 0;
  const bool compared = compare(r, ratio, added);
  const int64_t limit = r.spec->goal_limit * 100;
  switch (r.spec->goal) {
    case Goal::kNone:
      return "";
    case Goal::kMaxTicks:
      return static_cast<int64_t>(r.f.centi_ticks) <= limit ? "met" : "missed";
    case Goal::kMaxAdded:
      return compared && added <= limit ? "met" : "missed";
    case Goal::kMaxAddedZeroBytes:
      return compared && added <= limit && r.f.centi_bytes == 0 ? "met" : "missed";
  }
  return "";
}

void print_goal(const RowSpec& spec) {
  switch (spec.goal) {
    case Goal::kNone:
      sys::printf("-");
      break;
    case Goal::kMaxTicks:
      sys::printf("<= %ld", spec.goal_limit);
      break;
    case Goal::kMaxAdded:
      sys::printf("<= +%ld", spec.goal_limit);
      break;
    case Goal::kMaxAddedZeroBytes:
      sys::printf("<= +%ld and 0 bytes", spec.goal_limit);
      break;
  }
}

void print_table() {
  sys::printf(
      "| operation | ticks | vs baseline | added | bytes/op | loads/op | slot hits/op | slot "
      "misses/op | IPIs/op | goal | Linux 6.1 |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
  for (uint32_t i = 0; i < g_row_count; ++i) {
    const Row& r = g_rows[i];
    sys::printf("| %s | ", r.spec->what);
    if (r.f.centi_ticks == 0) {
      sys::printf("failed");
    } else {
      print_centi(static_cast<int64_t>(r.f.centi_ticks));
    }
    int64_t ratio = 0;
    int64_t added = 0;
    if (compare(r, ratio, added)) {
      sys::printf(" | ");
      print_centi(ratio);
      sys::printf("x %s | ", r.spec->baseline);
      print_centi(added, true);
    } else {
      sys::printf(" | (baseline) | -");
    }
    const int64_t counts[] = {
        static_cast<int64_t>(r.f.centi_bytes), static_cast<int64_t>(r.f.centi_loads),
        static_cast<int64_t>(r.f.centi_hits), static_cast<int64_t>(r.f.centi_misses),
        static_cast<int64_t>(r.f.centi_ipis)};
    for (const int64_t c : counts) {
      sys::printf(" | ");
      print_centi(c);
    }
    sys::printf(" | ");
    print_goal(*r.spec);
    const char* verdict = goal_verdict(r);
    if (verdict[0] != '\0') sys::printf(": %s", verdict);
    sys::printf(" | %s |\n", r.spec->linux_figure);
  }
  // The same rows for tooling (the portcullis script's build/bench/io.csv): no commas in fields.
  sys::printf(
      "bench io: csv,row,ticks,baseline,ratio,added,bytes_per_op,loads_per_op,slot_hits_per_op,"
      "slot_misses_per_op,ipis_per_op,goal,goal_met,linux\n");
  for (uint32_t i = 0; i < g_row_count; ++i) {
    const Row& r = g_rows[i];
    sys::printf("bench io: csv,%s,", r.spec->key);
    if (r.f.centi_ticks != 0) print_centi(static_cast<int64_t>(r.f.centi_ticks));
    int64_t ratio = 0;
    int64_t added = 0;
    if (compare(r, ratio, added)) {
      sys::printf(",%s,", r.spec->baseline);
      print_centi(ratio);
      sys::printf(",");
      print_centi(added, true);
    } else {
      sys::printf(",,,");
    }
    const uint64_t counts[] = {r.f.centi_bytes, r.f.centi_loads, r.f.centi_hits, r.f.centi_misses,
                               r.f.centi_ipis};
    for (const uint64_t c : counts) {
      sys::printf(",");
      print_centi(static_cast<int64_t>(c));
    }
    sys::printf(",");
    if (r.spec->goal != Goal::kNone) print_goal(*r.spec);
    sys::printf(",%s,%s\n", goal_verdict(r),
                bench::same_text(r.spec->linux_figure, "-") ? "" : r.spec->linux_figure);
  }
}

// --- ports --------------------------------------------------------------------------------------

inline uint8_t inb(uint16_t port) {
  uint8_t value = 0;
  asm volatile("inb %w1, %b0" : "=a"(value) : "Nd"(port) : "memory");
  return value;
}

// An IoPorts capability for `count` ports from `first`, narrowed from the root one (which the
// root task holds in kSlotIoPortsRoot), with read, write and grant; invalid on failure.
sys::Cap narrow_ports(uint16_t first, uint32_t count = 1) {
  const SyscallResult r =
      sys_cap_copy(kSlotIoPortsRoot, kCapSlotAny, kRw | kCapGrant, kCapCopyNarrow, first, count);
  if (r.status != Status::kOk) {
    sys::printf("bench io: cap_copy of port 0x%x: %s\n", first, status_name(r.status));
    return sys::Cap();
  }
  return sys::Cap(static_cast<uint32_t>(r.extra));
}

// The same, enabled in this task (its threads IN/OUT on it directly); invalid on failure.
sys::Cap enabled_port(uint16_t port) {
  sys::Cap cap = narrow_ports(port);
  if (!cap.valid()) return cap;
  if (const Status s = sys_io_ports_enable(cap.slot()).status; s != Status::kOk) {
    sys::printf("bench io: io_ports_enable of port 0x%x: %s\n", port, status_name(s));
    return sys::Cap();
  }
  return cap;
}

// --- switches between two tasks -----------------------------------------------------------------

// The server: answers short calls until kStopLabel, which it answers too. kOk or the first error.
Status serve_until_stopped() {
  IpcShortMessage m;  // no call held yet: the first one only receives
  Status s = Status::kOk;
  do {
    s = sys_ipc_reply_receive_short_message(kServerEndpointSlot, m);
  } while (s == Status::kOk && m.label != kStopLabel);
  if (s != Status::kOk) return s;
  // Answers the stop; the receive that follows finds nothing queued and times out at once.
  IpcMessage message;
  message.label = kStopLabel;
  s = sys_ipc_reply_receive(kServerEndpointSlot, &message, 0).status;
  return s == Status::kTimedOut ? Status::kOk : s;
}

// `io_bench serve MODE`: MODE `none`, `enable` (its IoPorts capability in kServerPortsSlot) or
// `attach` (the IoBitmap capability there); then it serves on a thread pinned to kClientCpu.
int serve_main(int argc, char** argv) {
  Status s = Status::kOk;
  if (argc == 3 && bench::same_text(argv[2], "enable")) {
    s = sys_io_ports_enable(kServerPortsSlot).status;
  } else if (argc == 3 && bench::same_text(argv[2], "attach")) {
    s = sys_io_bitmap_attach(kServerPortsSlot).status;
  } else if (argc != 3 || !bench::same_text(argv[2], "none")) {
    sys::printf("io_bench serve: wants none, enable or attach\n");
    return 1;
  }
  if (s != Status::kOk) {
    sys::printf("io_bench serve %s: %s\n", argv[2], status_name(s));
    return 1;
  }
  Status served = Status::kOk;
  auto server = [&] { served = serve_until_stopped(); };
  sys::Thread thread;
  if (s = bench::start_pinned(thread, kClientCpu, server); s != Status::kOk) {
    sys::printf("io_bench serve: thread not started: %s\n", status_name(s));
    return 1;
  }
  thread.join();
  if (served != Status::kOk) {
    sys::printf("io_bench serve: %s\n", status_name(served));
    return 1;
  }
  return 0;
}

// How the two tasks of a switch row hold ports.
enum class Sharing : uint8_t {
  kNone,        // neither holds any
  kTaskShare,   // the client enables its port and spawns the server with task_share_ports
  kIoBitmap,    // one IoBitmap capability holds the client's port; both tasks attach it
  kOwnBitmaps,  // each task enables a port of its own: two different bitmaps
};

struct SwitchSetup {
  Sharing sharing;
  uint16_t client_port;
  uint16_t server_port;  // kOwnBitmaps only
};

// Times short-call round trips from a client thread pinned to kClientCpu to a server task
// spawned from this program's other copy (its Module in kSlotFirstModule) and pinned there too;
// a figure per switch (half a round trip).
Figures switch_row(const SwitchSetup& setup) {
  if (sys_cap_type(kSlotFirstModule).extra != static_cast<uint64_t>(CapabilityType::kModule)) {
    sys::printf("bench io: slot %u holds no Module (boot with init=io_bench and a second copy)\n",
                kSlotFirstModule);
    return Figures{};
  }
  Result<sys::Endpoint> endpoint = sys::Endpoint::create();
  if (!endpoint.is_ok()) return Figures{};
  sys::Cap client_port;  // deleted last: its delete closes the port in every bitmap holding it
  sys::Cap server_port;
  sys::Cap bitmap;  // the IoBitmap capability (kIoBitmap)
  const char* mode = "none";
  switch (setup.sharing) {
    case Sharing::kNone:
      break;
    case Sharing::kTaskShare:
      client_port = enabled_port(setup.client_port);
      if (!client_port.valid()) return Figures{};
      break;
    case Sharing::kIoBitmap:
      client_port = narrow_ports(setup.client_port);
      if (const SyscallResult r = sys_io_bitmap_create(kCapSlotAny); r.status == Status::kOk) {
        bitmap = sys::Cap(static_cast<uint32_t>(r.extra));
      }
      if (!client_port.valid() || !bitmap.valid() ||
          sys_io_bitmap_add(bitmap.slot(), client_port.slot()).status != Status::kOk ||
          sys_io_bitmap_attach(bitmap.slot()).status != Status::kOk) {
        sys::printf("bench io: the IoBitmap capability could not be made and attached\n");
        return Figures{};
      }
      mode = "attach";
      break;
    case Sharing::kOwnBitmaps:
      client_port = enabled_port(setup.client_port);
      server_port = narrow_ports(setup.server_port);
      if (!client_port.valid() || !server_port.valid()) return Figures{};
      mode = "enable";
      break;
  }
  char line[32] = "io_bench serve ";
  uint32_t length = 15;
  for (const char* c = mode; *c != '\0'; ++c) line[length++] = *c;
  const uint32_t task_slot = bench::free_slot();
  Status s = sys_task_spawn(kSlotFirstModule, line, length, task_slot).status;
  if (s != Status::kOk) {
    sys::printf("bench io: task_spawn: %s\n", status_name(s));
    return Figures{};
  }
  const sys::Cap task(task_slot);  // deleted on return: the task is freed once it has ended
  if (setup.sharing == Sharing::kTaskShare) s = sys::share_ports(task.slot());
  if (s == Status::kOk) {
    s = sys_task_grant(task.slot(), endpoint.value().slot(), kServerEndpointSlot, kRw).status;
  }
  if (s == Status::kOk && setup.sharing == Sharing::kOwnBitmaps) {
    s = sys_task_grant(task.slot(), server_port.slot(), kServerPortsSlot, kRw).status;
  }
  if (s == Status::kOk && setup.sharing == Sharing::kIoBitmap) {
    s = sys_task_grant(task.slot(), bitmap.slot(), kServerPortsSlot, kCapRead).status;
  }
  if (s == Status::kOk) s = sys_task_start(task.slot()).status;
  if (s != Status::kOk) {
    sys::printf("bench io: the server task did not start: %s\n", status_name(s));
    return Figures{};
  }
  const uint32_t endpoint_slot = endpoint.value().slot();
  IpcShortMessage m;
  m.label = 1;
  const uint64_t round_trip = time_on_client_cpu(
      [&] { return sys_ipc_call_short_message(endpoint_slot, m) == Status::kOk; });
  const Figures f = figures(round_trip, 2, g_samples);
  IpcMessage stop;
  stop.label = kStopLabel;
  if (sys_ipc_call(endpoint_slot, &stop).status != Status::kOk) return Figures{};
  const SyscallResult end = sys_task_wait(task.slot());
  if (end.status != Status::kOk || end.extra != static_cast<uint64_t>(TaskEnd::kExited)) {
    return Figures{};
  }
  if (setup.sharing == Sharing::kIoBitmap &&
      sys_io_bitmap_remove(bitmap.slot(), client_port.slot()).status != Status::kOk) {
    return Figures{};
  }
  return f;
}

// --- one port read ------------------------------------------------------------------------------

constexpr uint16_t kPostPort = 0x80;  // POST diagnostics: reading it has no effect
IoPortOp g_ops[kIoVectorMaxOps];

// `operation` timed with port 0x80 enabled in this task (in its own bitmap or the one it shares).
template <typename Operation>
Figures with_post_port(uint32_t per_sample, Operation operation) {
  const sys::Cap port = enabled_port(kPostPort);
  if (!port.valid()) return Figures{};
  const uint32_t slot = port.slot();
  return figures(time_on_client_cpu([&] { return operation(slot); }), per_sample, g_samples);
}

Figures io_vector_row(uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) g_ops[i] = io_in_op(kPostPort, 1);
  return with_post_port(count, [count](uint32_t slot) {
    return sys_io_vector(slot, g_ops, count).status == Status::kOk;
  });
}

// --- revocation -------------------------------------------------------------------------------

std::atomic<uint32_t> g_spin_stop{0};
std::atomic<uint32_t> g_spinners_running{0};

// Revocation with the task's bitmap live on `live_cpus` CPUs: driver threads on CPUs 1 ..
// live_cpus - 1 spin on port 0x80 (its capability stays enabled), while the timed thread on CPU 0
// disables a second port's capability (enabled again, untimed, before each sample). Each disable
// closes a grant in a bitmap loaded on those CPUs: an invalidation IPI to each, acknowledged
// before the call returns.
Figures revoke_row(uint32_t live_cpus) {
  IoCountersSnapshot c;
  const SyscallResult online = sys_io_counters(kIoCountersAllCpus, &c);
  if (online.status != Status::kOk || online.extra < live_cpus) {
    sys::printf("bench io: %u CPUs wanted, %lu online\n", live_cpus, online.extra);
    return Figures{};
  }
  const sys::Cap spun = enabled_port(kPostPort);
  const sys::Cap revoked = narrow_ports(kPostPort + 4);
  if (!spun.valid() || !revoked.valid()) return Figures{};
  g_spin_stop.store(0);
  g_spinners_running.store(0);
  auto spin = [] {
    (void)inb(kPostPort);
    g_spinners_running.fetch_add(1);
    while (g_spin_stop.load(std::memory_order_relaxed) == 0) {
      (void)inb(kPostPort);
      __builtin_ia32_pause();  // under -icount, lets the other vCPUs run (docs/benchmarking.md)
    }
  };
  sys::Thread spinners[kBootCpus];
  uint32_t started = 0;
  for (uint32_t cpu = 1; cpu < live_cpus; ++cpu) {
    if (bench::start_pinned(spinners[cpu], cpu, spin) != Status::kOk) break;
    ++started;
  }
  uint64_t ticks = 0;
  if (started == live_cpus - 1) {
    while (g_spinners_running.load() != started) __builtin_ia32_pause();
    const uint32_t slot = revoked.slot();
    auto body = [&] {
      ticks = time_median(
          g_revoke_samples, [slot] { return sys_io_ports_enable(slot).status == Status::kOk; },
          [slot] { return sys_io_ports_disable(slot).status == Status::kOk; });
    };
    sys::Thread timer;
    if (bench::start_pinned(timer, kClientCpu, body) == Status::kOk) timer.join();
  }
  g_spin_stop.store(1);
  for (uint32_t cpu = 1; cpu <= started; ++cpu) spinners[cpu].join();
  return figures(ticks, 1, g_revoke_samples);
}

// --- the rows -----------------------------------------------------------------------------------

// In table order, which is the order they run in: the rows without ports first (a task keeps its
// I/O bitmap object once it has one), the IoBitmap capability's row after the other switch rows.
const RowSpec kRowSpecs[] = {
    {"null_syscall", "null syscall, no I/O bitmap", nullptr, Goal::kNone, 0, "344",
     [] {
       return figures(time_median([] { return sys_null().status == Status::kOk; }), 1, g_samples);
     }},
    {"switch_none", "switch between two tasks (short IPC round trip / 2), neither holds ports",
     nullptr, Goal::kNone, 0, "-",
     [] {
       return switch_row({Sharing::kNone, 0, 0});
     }},
    {"switch_shared", "the same, one shared bitmap (task_share_ports, port 0x80)", "switch_none",
     Goal::kMaxAdded, 40, "+165",
     [] {
       return switch_row({Sharing::kTaskShare, kPostPort, 0});
     }},
    {"switch_low_low", "the same, two bitmaps, low ports (0x80 / 0x84)", "switch_none",
     Goal::kMaxAddedZeroBytes, 60, "+194",
     [] {
       return switch_row({Sharing::kOwnBitmaps, kPostPort, kPostPort + 4});
     }},
    {"switch_high_high", "the same, two bitmaps, high ports (0xF000 / 0xF100)", "switch_none",
     Goal::kMaxAddedZeroBytes, 60, "+1215",
     [] {
       return switch_row({Sharing::kOwnBitmaps, 0xF000, 0xF100});
     }},
    {"switch_low_high", "the same, two bitmaps, one low one high (0x80 / 0xF000)", "switch_none",
     Goal::kMaxAddedZeroBytes, 60, "-",
     [] {
       return switch_row({Sharing::kOwnBitmaps, kPostPort, 0xF000});
     }},
    {"switch_iobitmap", "the same, one shared bitmap (both attach one IoBitmap capability)",
     "switch_none", Goal::kMaxAdded, 40, "+165",
     [] {
       return switch_row({Sharing::kIoBitmap, kPostPort, 0});
     }},
    {"null_syscall_bitmap", "null syscall, the task holds an I/O bitmap", "null_syscall",
     Goal::kMaxAdded, 0, "400 (+56)",
     [] { return with_post_port(1, [](uint32_t) { return sys_null().status == Status::kOk; }); }},
    {"port_inb", "one port read: inb 0x80, port enabled", nullptr, Goal::kNone, 0, "1.04",
     [] { return with_post_port(1, [](uint32_t) { return (inb(kPostPort), true); }); }},
    {"port_io_in", "one port read: io_in", "port_inb", Goal::kMaxTicks, 150,
     "632 (pread /dev/port)",
     [] {
       return with_post_port(
           1, [](uint32_t slot) { return sys_io_in(slot, kPostPort, 1).status == Status::kOk; });
     }},
    {"port_io_vector_1", "one port read: io_vector of 1 (per access)", "port_inb", Goal::kNone, 0,
     "-", [] { return io_vector_row(1); }},
    {"port_io_vector_8", "one port read: io_vector of 8 (per access)", "port_inb", Goal::kNone, 0,
     "-", [] { return io_vector_row(8); }},
    {"port_io_vector_64", "one port read: io_vector of 64 (per access)", "port_inb", Goal::kNone, 0,
     "-", [] { return io_vector_row(kIoVectorMaxOps); }},
    {"port_enable_disable", "io_ports_enable then io_ports_disable, one port", "null_syscall",
     Goal::kMaxTicks, 2000, "11257-15426 (ioperm)",
     [] {
       const sys::Cap port = narrow_ports(kPostPort);
       if (!port.valid()) return Figures{};
       const uint32_t slot = port.slot();
       return figures(time_on_client_cpu([slot] {
                        return sys_io_ports_enable(slot).status == Status::kOk &&
                               sys_io_ports_disable(slot).status == Status::kOk;
                      }),
                      1, g_samples);
     }},
    {"revoke_1cpu", "revocation (io_ports_disable), bitmap live on 1 CPU", nullptr, Goal::kNone, 0,
     "-", [] { return revoke_row(1); }},
    {"revoke_2cpu", "the same, live on 2 CPUs (a driver spinning on CPU 1)", "revoke_1cpu",
     Goal::kNone, 0, "-", [] { return revoke_row(2); }},
    {"revoke_4cpu", "the same, live on 4 CPUs (drivers spinning on CPUs 1-3)", "revoke_1cpu",
     Goal::kNone, 0, "-", [] { return revoke_row(4); }},
};

// No words: every row. Otherwise the rows named, or of a named group (`switch` runs switch_*).
bool wanted(const char* key, int argc, char** argv) {
  bool filtered = false;
  for (int i = 1; i < argc; ++i) {
    if (bench::same_text(argv[i], "quick")) continue;
    filtered = true;
    const char* a = argv[i];
    const char* k = key;
    while (*a != '\0' && *a == *k) {
      ++a;
      ++k;
    }
    if (*a == '\0' && (*k == '\0' || *k == '_')) return true;
  }
  return !filtered;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && bench::same_text(argv[1], "serve")) return serve_main(argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (bench::same_text(argv[i], "quick")) {
      g_samples = 101;
      g_revoke_samples = 21;
      g_warm_up = 10;
    }
  }
  sys::printf(
      "bench io: ticks = guest instructions (QEMU -icount shift=0), median of %u (revocation: "
      "%u); counters per operation (a switch is half a round trip)\n",
      g_samples, g_revoke_samples);
  for (const RowSpec& spec : kRowSpecs) {
    if (!wanted(spec.key, argc, argv)) continue;
    const Figures f = spec.measure();
    if (g_row_count < kMaxRows) g_rows[g_row_count++] = {&spec, f};
    sys::printf("bench io: %s: ", spec.key);  // progress: a row that hangs is the next one
    print_centi(static_cast<int64_t>(f.centi_ticks));
    sys::printf("\n");
  }
  print_table();
  uint32_t failed = 0;
  for (uint32_t i = 0; i < g_row_count; ++i) failed += g_rows[i].f.centi_ticks == 0 ? 1 : 0;
  if (failed != 0) {
    sys::printf("bench io: %u rows failed\n", failed);
    return 1;
  }
  sys::printf("bench io: done, every row measured\n");
  return 0;
}
