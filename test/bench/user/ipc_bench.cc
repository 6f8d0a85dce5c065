// `./portcullis bench ipc`: the costs a user program pays for the kernel's basic services, timed
// from ring 3 the way docs/benchmarking.md's seL4 rows were (t0 = rdtsc; operation; t1 = rdtsc;
// the loop included, nothing subtracted), medians of kSamples, in guest instructions under QEMU
// -icount shift=0. One table, each row beside the peer figure measured in the same QEMU, then the
// same rows as CSV (`bench ipc: csv,...` lines) for tooling.
//
// The program boots as the root task (`init=ipc_bench test=init`, 2 CPUs) so that it holds the
// Module capability of a second copy of itself: for the row with the server in another address
// space it spawns that copy as `ipc_bench serve CPU`, grants it an Endpoint and starts it. Every
// thread that takes part in a row is pinned (sys::Thread, ThreadOptions::cpu); the timed path is
// the raw syscall stub, nothing of libsys's wrappers.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "bench_timing.h"
#include "libsys/endpoint.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"

namespace {

using bench::free_slot;
using bench::median;
using bench::rdtsc;
using bench::same_text;
using bench::start_pinned;

constexpr uint32_t kSamples = 10001;  // odd: the median is one sample
constexpr uint32_t kWarmUp = 100;     // untimed rounds first: every path and page touched
constexpr uint64_t kNoTimeout = ~uint64_t{0};
constexpr uint64_t kStopLabel = 0x5709;  // the call that ends a server
constexpr uint32_t kCpuA = 0;
constexpr uint32_t kCpuB = 1;  // the boot has 2 CPUs (the portcullis script, SConscript)
uint64_t g_samples[kSamples];

// Times `operation` kSamples times after kWarmUp untimed ones; 0 if any failed (the row then
// says so).
template <typename Operation>
uint64_t time_median(Operation operation) {
  for (uint32_t i = 0; i < kWarmUp; ++i) {
    if (!operation()) return 0;
  }
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = rdtsc();
    const bool ok = operation();
    const uint64_t t1 = rdtsc();
    if (!ok) return 0;
    g_samples[i] = t1 - t0;
  }
  return median(g_samples, kSamples);
}

// --- the table ----------------------------------------------------------------------------------

struct Row {
  const char* key;        // the CSV name
  const char* what;       // the table's words, peers' notes included
  uint64_t ticks;         // 0: failed
  uint32_t sel4;          // seL4 16.0's figure in the same QEMU (docs/benchmarking.md); 0: none
  uint32_t linux_figure;  // Linux 6.1's; 0: none
};
constexpr uint32_t kMaxRows = 16;
Row g_rows[kMaxRows];
uint32_t g_row_count = 0;

void add_row(const char* key, const char* what, uint64_t ticks, uint32_t sel4,
             uint32_t linux_figure) {
  if (g_row_count < kMaxRows) g_rows[g_row_count++] = {key, what, ticks, sel4, linux_figure};
  sys::printf("bench ipc: %s: %lu\n", key, ticks);  // progress: a row that hangs is the next one
}

// A figure, or `none` where there is none.
void print_figure(const char* separator, uint64_t ticks, const char* none) {
  if (ticks == 0) {
    sys::printf("%s%s", separator, none);
  } else {
    sys::printf("%s%lu", separator, ticks);
  }
}

void print_table() {
  sys::printf("| operation | Portcullis | seL4 16.0 | Linux 6.1 |\n|---|---:|---:|---:|\n");
  for (uint32_t i = 0; i < g_row_count; ++i) {
    const Row& r = g_rows[i];
    sys::printf("| %s", r.what);
    print_figure(" | ", r.ticks, "failed");
    print_figure(" | ", r.sel4, "-");
    print_figure(" | ", r.linux_figure, "-");
    sys::printf(" |\n");
  }
  // The same rows for tooling: empty fields where there is no figure.
  sys::printf("bench ipc: csv,row,portcullis_ticks,sel4_ticks,linux_ticks\n");
  for (uint32_t i = 0; i < g_row_count; ++i) {
    const Row& r = g_rows[i];
    sys::printf("bench ipc: csv,%s", r.key);
    print_figure(",", r.ticks, "");
    print_figure(",", r.sel4, "");
    print_figure(",", r.linux_figure, "");
    sys::printf("\n");
  }
}

// --- threads ------------------------------------------------------------------------------------

// Times `operation` on a thread pinned to `cpu`; 0 if the thread could not start.
template <typename Operation>
uint64_t time_on_cpu(uint32_t cpu, Operation operation) {
  uint64_t ticks = 0;
  auto body = [&] { ticks = time_median(operation); };
  sys::Thread timer;
  if (start_pinned(timer, cpu, body) != Status::kOk) return 0;
  timer.join();
  return ticks;
}

// --- yield --------------------------------------------------------------------------------------

std::atomic<uint32_t> g_stop{0};
std::atomic<uint32_t> g_go{0};

// One sample is this thread's yield, the partner's yield back and the two switches: two yields.
// The partner waits with `pause` until the timed thread runs, and the timed thread stops it
// itself: under -icount QEMU runs one vCPU at a time, and a CPU busy with syscalls and no
// `pause` would keep the other (where the main thread starts and joins) from running for long.
uint64_t yield_to_partner() {
  g_stop.store(0);
  g_go.store(0);
  auto partner = [] {
    while (g_go.load(std::memory_order_relaxed) == 0) __builtin_ia32_pause();
    while (g_stop.load(std::memory_order_relaxed) == 0) (void)sys_thread_yield();
  };
  sys::Thread other;
  if (start_pinned(other, kCpuA, partner) != Status::kOk) return 0;
  uint64_t ticks = 0;
  auto timed = [&] {
    g_go.store(1);
    ticks = time_median([] { return sys_thread_yield().status == Status::kOk; });
    g_stop.store(1);
  };
  sys::Thread timer;
  if (start_pinned(timer, kCpuA, timed) != Status::kOk) {
    g_go.store(1);
    g_stop.store(1);
    return 0;
  }
  timer.join();
  other.join();
  return ticks;
}

// --- wait/wake ping-pong -------------------------------------------------------------------------

// Whose turn: 0 the timed thread's, 1 the partner's. A sample: hand the turn over, wake the
// partner, sleep until it hands it back: two wake_waiters, two wait_while_equal, two switches.
std::atomic<uint32_t> g_turn{0};

bool ping() {
  g_turn.store(1, std::memory_order_release);
  if (sys_wake_waiters(&g_turn, 1).status != Status::kOk) return false;
  while (g_turn.load(std::memory_order_acquire) == 1) {
    // kBadState: the word changed before the kernel looked; the loop re-reads it.
    const Status s = sys_wait_while_equal(&g_turn, 1, kNoTimeout).status;
    if (s != Status::kOk && s != Status::kBadState) return false;
  }
  return true;
}

void pong() {
  for (;;) {
    while (g_turn.load(std::memory_order_acquire) == 0) {
      (void)sys_wait_while_equal(&g_turn, 0, kNoTimeout);
    }
    if (g_stop.load() != 0) return;
    g_turn.store(0, std::memory_order_release);
    (void)sys_wake_waiters(&g_turn, 1);
  }
}

uint64_t wait_wake_round_trip(uint32_t partner_cpu) {
  g_stop.store(0);
  g_turn.store(0);
  auto partner = [] { pong(); };
  sys::Thread other;
  if (start_pinned(other, partner_cpu, partner) != Status::kOk) return 0;
  const uint64_t ticks = time_on_cpu(kCpuA, ping);
  g_stop.store(1);
  g_turn.store(1);
  (void)sys_wake_waiters(&g_turn, 1);
  other.join();
  return ticks;
}

// --- IPC ----------------------------------------------------------------------------------------

// Answers every call with the message it brought (N words in, N words back) until a call
// labelled kStopLabel, which it answers too. kOk, or the first failure. `short_form`: the loop
// uses ipc_reply_receive_short (registers only) instead of ipc_reply_receive.
Status serve_until_stopped(uint32_t endpoint_slot, bool short_form) {
  IpcMessage message;
  Status s = Status::kOk;
  if (short_form) {
    IpcShortMessage m;  // no call held yet: the first one only receives
    do {
      s = sys_ipc_reply_receive_short_message(endpoint_slot, m);
    } while (s == Status::kOk && m.label != kStopLabel);
  } else {
    s = sys_ipc_receive(endpoint_slot, &message, kNoTimeout).status;
    while (s == Status::kOk && message.label != kStopLabel) {
      s = sys_ipc_reply_receive(endpoint_slot, &message, kNoTimeout).status;
    }
  }
  if (s != Status::kOk) return s;
  // Answers the stop; the receive that follows finds nothing queued and times out at once.
  message.label = kStopLabel;
  message.word_count = 0;
  s = sys_ipc_reply_receive(endpoint_slot, &message, 0).status;
  return s == Status::kTimedOut ? Status::kOk : s;
}

// Times call round trips of `words` words from a client pinned to kCpuA, to whatever serves
// `endpoint_slot`, then stops the server. `short_form`: ipc_call_short (label and four words in
// registers) instead of ipc_call.
uint64_t time_calls(uint32_t endpoint_slot, uint8_t words, bool short_form) {
  IpcMessage message;
  message.label = 1;
  message.word_count = words;
  IpcShortMessage m;
  m.label = 1;
  const uint64_t ticks =
      short_form
          ? time_on_cpu(kCpuA,
                        [&] { return sys_ipc_call_short_message(endpoint_slot, m) == Status::kOk; })
          : time_on_cpu(
                kCpuA, [&] { return sys_ipc_call(endpoint_slot, &message).status == Status::kOk; });
  IpcMessage stop;
  stop.label = kStopLabel;
  if (sys_ipc_call(endpoint_slot, &stop).status != Status::kOk) return 0;
  return ticks;
}

// Client and server threads of this task: the server pinned to `server_cpu`.
uint64_t call_round_trip(uint32_t server_cpu, uint8_t words, bool short_form = false) {
  Result<sys::Endpoint> endpoint = sys::Endpoint::create();
  if (!endpoint.is_ok()) return 0;
  const uint32_t slot = endpoint.value().slot();
  Status served = Status::kOk;
  auto server = [&] { served = serve_until_stopped(slot, short_form); };
  sys::Thread thread;
  if (start_pinned(thread, server_cpu, server) != Status::kOk) return 0;
  const uint64_t ticks = time_calls(slot, words, short_form);
  thread.join();
  return served == Status::kOk ? ticks : 0;
}

// The server is a second task: this program's other copy (its Module in kSlotFirstModule, the
// boot's only other module), spawned as `ipc_bench serve CPU` with an Endpoint in its
// kFirstFreeSlot.
uint64_t call_round_trip_other_task(uint32_t server_cpu, uint8_t words, bool short_form = false) {
  if (sys_cap_type(kSlotFirstModule).extra != static_cast<uint64_t>(CapabilityType::kModule)) {
    sys::printf("bench ipc: slot %u holds no Module (boot with init=ipc_bench and a second copy)\n",
                kSlotFirstModule);
    return 0;
  }
  Result<sys::Endpoint> endpoint = sys::Endpoint::create();
  if (!endpoint.is_ok()) return 0;
  char line[] = "ipc_bench serve 0 long";
  line[sizeof line - 7] = static_cast<char>('0' + server_cpu);
  if (short_form) __builtin_memcpy(line + sizeof line - 5, "shrt", 4);
  const uint32_t task_slot = free_slot();
  Status s = sys_task_spawn(kSlotFirstModule, line, sizeof line - 1, task_slot).status;
  if (s != Status::kOk) {
    sys::printf("bench ipc: task_spawn: %s\n", status_name(s));
    return 0;
  }
  const sys::Cap task(task_slot);  // deleted on return: the task is freed once it has ended
  s = sys_task_grant(task.slot(), endpoint.value().slot(), kFirstFreeSlot, kCapRead | kCapWrite)
          .status;
  if (s == Status::kOk) s = sys_task_start(task.slot()).status;
  if (s != Status::kOk) {
    sys::printf("bench ipc: the server task did not start: %s\n", status_name(s));
    return 0;
  }
  const uint64_t ticks = time_calls(endpoint.value().slot(), words, short_form);
  const SyscallResult end = sys_task_wait(task.slot());
  if (end.status != Status::kOk || end.extra != static_cast<uint64_t>(TaskEnd::kExited)) return 0;
  return ticks;
}

int serve_main(int argc, char** argv) {
  if (argc != 4 || argv[2][0] < '0' || argv[2][0] > '9' || argv[2][1] != '\0') {
    sys::printf("ipc_bench serve: wants a CPU index 0-9 and long or shrt\n");
    return 1;
  }
  const bool short_form = same_text(argv[3], "shrt");
  Status served = Status::kOk;
  auto server = [&] { served = serve_until_stopped(kFirstFreeSlot, short_form); };
  sys::Thread thread;
  if (const Status s = start_pinned(thread, static_cast<uint32_t>(argv[2][0] - '0'), server);
      s != Status::kOk) {
    sys::printf("ipc_bench serve: thread not started: %s\n", status_name(s));
    return 1;
  }
  thread.join();
  if (served != Status::kOk) {
    sys::printf("ipc_bench serve: %s\n", status_name(served));
    return 1;
  }
  return 0;
}

// The rows, in table order. A module line with row names (`ipc_bench call_0w_same_cpu`) runs only
// those: for tracing one operation (docs/benchmarking.md).
struct RowSpec {
  const char* key;
  const char* what;
  uint32_t sel4;
  uint32_t linux_figure;
  uint64_t (*measure)();
};
const RowSpec kRowSpecs[] = {
    {"rdtsc_pair", "rdtsc pair (the timing's own cost)", 0, 0,
     [] { return time_median([] { return true; }); }},
    {"null_syscall", "null syscall (seL4: sel4bench's, overhead subtracted; Linux: getppid)", 100,
     344, [] { return time_median([] { return sys_null().status == Status::kOk; }); }},
    {"yield_alone", "thread_yield, nobody else on the CPU (seL4_Yield)", 300, 0,
     [] { return time_on_cpu(kCpuB, [] { return sys_thread_yield().status == Status::kOk; }); }},
    {"yield_to_other",
     "thread_yield to another thread on the CPU and back (2 yields, 2 switches; seL4: 2 x "
     "seL4_Yield)",
     600, 0, yield_to_partner},
    {"wait_wake_same_cpu", "wait/wake round trip, same CPU", 0, 0,
     [] { return wait_wake_round_trip(kCpuA); }},
    {"wait_wake_cross_cpu", "wait/wake round trip, across CPUs (total on both)", 0, 0,
     [] { return wait_wake_round_trip(kCpuB); }},
    {"call_0w_same_cpu", "ipc_call + ipc_reply_receive round trip, 0 words, same CPU", 496, 0,
     [] { return call_round_trip(kCpuA, 0); }},
    {"call_1w_same_cpu", "the same, 1 word each way", 510, 0,
     [] { return call_round_trip(kCpuA, 1); }},
    {"call_0w_other_task", "the same, 0 words, server in another address space", 498, 0,
     [] { return call_round_trip_other_task(kCpuA, 0); }},
    {"call_0w_cross_cpu", "the same, 0 words, across CPUs (total on both)", 2978, 0,
     [] { return call_round_trip(kCpuB, 0); }},
    {"call_short_same_cpu",
     "ipc_call_short + ipc_reply_receive_short round trip (label + 4 words in registers), same CPU",
     496, 0, [] { return call_round_trip(kCpuA, 4, true); }},
    {"call_short_other_task", "the same, server in another address space", 498, 0,
     [] { return call_round_trip_other_task(kCpuA, 4, true); }},
    {"call_short_cross_cpu", "the same, across CPUs (total on both)", 2978, 0,
     [] { return call_round_trip(kCpuB, 4, true); }},
};

bool wanted(const char* key, int argc, char** argv) {
  if (argc < 2) return true;
  for (int i = 1; i < argc; ++i) {
    if (same_text(key, argv[i])) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && same_text(argv[1], "serve")) return serve_main(argc, argv);
  sys::printf("bench ipc: ticks = guest instructions (QEMU -icount shift=0), median of %u\n",
              kSamples);
  for (const RowSpec& spec : kRowSpecs) {
    if (wanted(spec.key, argc, argv)) {
      add_row(spec.key, spec.what, spec.measure(), spec.sel4, spec.linux_figure);
    }
  }
  print_table();
  uint32_t failed = 0;
  for (uint32_t i = 0; i < g_row_count; ++i) failed += g_rows[i].ticks == 0 ? 1 : 0;
  if (failed != 0) {
    sys::printf("bench ipc: %u rows failed\n", failed);
    return 1;
  }
  sys::printf("bench ipc: done, every row measured\n");
  return 0;
}
