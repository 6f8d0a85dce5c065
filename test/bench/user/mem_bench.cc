// `./portcullis bench mem`: what memory from the memory server costs a client, through IPC and
// memsrv, timed from ring 3 as docs/benchmarking.md says (t0 = rdtsc; request; t1 = rdtsc; nothing
// subtracted), in guest instructions under QEMU -icount shift=0. For 1, 16, 256 and 4096 pages:
//   alloc_touch  allocate (kAllocate) and write one word in every page (the first touch)
//   protect      protect the range read-only (kProtect)
//   free         free it (kFree: unmapped, the frames back in the pool)
// ticks per page (median over the runs), and per request the address space's own vm_batch
// counters (vm_counters on kSlotSelfAddressSpace, read before and after each request): vm_batch
// calls, PTE writes, invlpg and full flushes on the applying CPU, shootdown rounds and shootdown
// IPIs. Three more threads of this program spin (with pause) pinned to CPUs 1-3, so the address
// space is live there and every unmap and protect needs a shootdown to three CPUs; the requests
// come from a thread pinned to CPU 0, where memsrv then runs too (IPC hands the CPU over).
//
// Batched or page at a time is memsrv's start argument (`batch=1` is page at a time,
// docs/memory-server.md); this program asks memsrv which (kBatchLimits) and labels its rows so.
// The portcullis script boots once per mode (test/bench/user/mem_bench*.manifest) and
// test/harness/bench_mem_report.py puts the two together: build/bench/mem.csv and mem.svg.
//
// Booted by init (`test=init mem_pool=32`) after memsrv, with `memory=3:4096` (a quota for the
// largest row). Arguments: `quick` (1 and 16 pages, 3 runs: the test command's smoke boot);
// `pages=N` (one size only). The table is printed, then every row as a `bench mem: csv,...` line.
// The program is built in parts: `latency` (this file) and `throughput` (mem_throughput.cc:
// several client programs at once, booted with test/bench/user/mem_throughput.manifest, the first
// argument `throughput` or `throughput-lead` selects it).
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_counters_snapshot.h"
#include "abi/portcullis/vm_op.h"
#include "bench_timing.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "mem_throughput.h"

namespace {

using bench::rdtsc;

constexpr uint32_t kMemory = 3;  // memory=3:4096 in the manifest
constexpr uint32_t kClientCpu = 0;
constexpr uint32_t kBootCpus = 4;  // the portcullis script and the test boot 4 CPUs
constexpr uint32_t kMaxRuns = 9;   // odd: the median is one run
constexpr uint32_t kSizes[] = {1, 16, 256, 4096};
constexpr uint32_t kSizeCount = sizeof(kSizes) / sizeof(kSizes[0]);

enum Operation : uint32_t { kAllocTouch, kProtect, kFree, kOperations };
const char* const kOperationKeys[kOperations] = {"alloc_touch", "protect", "free"};
const char* const kOperationWords[kOperations] = {"allocate + first touch", "protect read-only",
                                                  "free (unmap)"};

uint32_t g_runs = 5;
uint32_t g_spinners =
    kBootCpus - 1;               // `spinners=N`: fewer (0 for test/harness/trace_instructions.py)
uint32_t g_sizes = kSizeCount;   // `quick`: the first two
uint32_t g_only_pages = 0;       // `pages=N`: that size only
const char* g_mode = "batched";  // from memsrv's batch limit
uint64_t g_batch_max_pages = 0;

// --- the counters --------------------------------------------------------------------------------

VmCountersSnapshot vm_counters() {
  VmCountersSnapshot c;
  if (sys_vm_counters(kSlotSelfAddressSpace, &c).status != Status::kOk) return VmCountersSnapshot{};
  return c;
}

VmCountersSnapshot difference(const VmCountersSnapshot& a, const VmCountersSnapshot& b) {
  VmCountersSnapshot d;
  d.batches = b.batches - a.batches;
  d.rejected = b.rejected - a.rejected;
  d.ops_before_merge = b.ops_before_merge - a.ops_before_merge;
  d.ops_after_merge = b.ops_after_merge - a.ops_after_merge;
  d.pte_writes = b.pte_writes - a.pte_writes;
  d.tables_created = b.tables_created - a.tables_created;
  d.invlpg = b.invlpg - a.invlpg;
  d.full_flushes = b.full_flushes - a.full_flushes;
  d.shootdowns = b.shootdowns - a.shootdowns;
  d.shootdown_ipis = b.shootdown_ipis - a.shootdown_ipis;
  return d;
}

// The syscall's refusals, checked once before anything is timed: a wrong slot, a wrong type, a
// pointer the kernel must not write. False (and a line saying which) if one is answered wrongly.
bool vm_counters_refusals_hold() {
  VmCountersSnapshot c;
  struct Case {
    const char* what;
    SyscallResult got;
    Status want;
  } cases[] = {
      {"slot word above 32 bits", sys_vm_counters(uint64_t{1} << 32, &c), Status::kBadHandle},
      {"empty slot", sys_vm_counters(kTaskCapSlots - 1, &c), Status::kBadHandle},
      {"a Task capability", sys_vm_counters(kSlotSelfTask, &c), Status::kWrongType},
      {"the null page", sys_vm_counters(kSlotSelfAddressSpace, uint64_t{8}),
       Status::kInvalidArgument},
      {"the kernel half", sys_vm_counters(kSlotSelfAddressSpace, ~uint64_t{0} - 4095),
       Status::kAccessDenied},
  };
  for (const Case& k : cases) {
    if (k.got.status != k.want) {
      sys::printf("bench mem: vm_counters with %s answered %s, not %s\n", k.what,
                  status_name(k.got.status), status_name(k.want));
      return false;
    }
  }
  return true;
}

// --- the latency part ----------------------------------------------------------------------------

struct Row {
  uint32_t pages = 0;
  Operation operation = kAllocTouch;
  uint64_t ticks[kMaxRuns] = {};  // per request, each run
  VmCountersSnapshot counters;    // per request (the last run's: the counts repeat run to run)
  bool failed = false;
};
Row g_rows[kSizeCount * kOperations];

Row& row(uint32_t size_index, Operation operation) {
  return g_rows[size_index * kOperations + operation];
}

// One request, timed, with the counters around it (outside the timed part).
template <typename Request>
void measure(Row& r, uint32_t run, Request request) {
  const VmCountersSnapshot before = vm_counters();
  const uint64_t t0 = rdtsc();
  const bool ok = request();
  const uint64_t t1 = rdtsc();
  r.counters = difference(before, vm_counters());
  r.ticks[run] = t1 - t0;
  if (!ok) r.failed = true;
}

// One run of every operation at `pages`, on the client CPU.
bool run_size(uint32_t size_index, uint32_t run) {
  const uint32_t pages = kSizes[size_index];
  const uint64_t bytes = uint64_t{pages} * kPageSize;
  uint64_t address = 0;
  measure(row(size_index, kAllocTouch), run, [&] {
    const Result<uint64_t> a = sys::mem::allocate(kMemory, bytes);
    if (a.is_error()) return false;
    address = a.value();
    for (uint64_t p = 0; p < pages; ++p) {
      *reinterpret_cast<volatile uint64_t*>(address + p * kPageSize) = p + 1;
    }
    return true;
  });
  if (address == 0) return false;
  measure(row(size_index, kProtect), run,
          [&] { return sys::mem::protect(kMemory, address, bytes, kVmRead) == Status::kOk; });
  measure(row(size_index, kFree), run,
          [&] { return sys::mem::free(kMemory, address, bytes) == Status::kOk; });
  return !row(size_index, kProtect).failed && !row(size_index, kFree).failed;
}

bool latency_part() {
  bool ok = true;
  for (uint32_t s = 0; s < g_sizes; ++s) {
    if (g_only_pages != 0 && kSizes[s] != g_only_pages) continue;
    for (uint32_t o = 0; o < kOperations; ++o) {
      Row& r = row(s, static_cast<Operation>(o));
      r.pages = kSizes[s];
      r.operation = static_cast<Operation>(o);
    }
    // One untimed run first: memsrv's and the kernel's paths warm, the page tables made.
    ok = run_size(s, 0) && ok;
    for (uint32_t run = 0; run < g_runs && ok; ++run) ok = run_size(s, run);
    sys::printf("bench mem: %u pages measured\n", kSizes[s]);  // progress
  }
  return ok;
}

// --- the spinners --------------------------------------------------------------------------------

std::atomic<uint32_t> g_stop{0};
std::atomic<uint32_t> g_spinning{0};  // spinners running on their CPUs

// Keeps this address space loaded on its CPU until g_stop: every unmap and protect must then
// interrupt it. pause: under -icount a spin without it starves the other vCPUs
// (docs/benchmarking.md).
void spin() {
  g_spinning.fetch_add(1);
  while (g_stop.load(std::memory_order_relaxed) == 0) asm volatile("pause" ::: "memory");
}

// --- the table -----------------------------------------------------------------------------------

// x100 fixed point, as "12", "12.5" or "12.25".
void print_centi(uint64_t centi) {
  if (centi % 100 == 0) {
    sys::printf("%lu", centi / 100);
  } else if (centi % 10 == 0) {
    sys::printf("%lu.%lu", centi / 100, (centi % 100) / 10);
  } else {
    sys::printf("%lu.%02lu", centi / 100, centi % 100);
  }
}

// Median ticks per page x100.
uint64_t centi_ticks_per_page(Row& r) {
  uint64_t sorted[kMaxRuns];
  for (uint32_t i = 0; i < g_runs; ++i) sorted[i] = r.ticks[i];
  return bench::median(sorted, g_runs) * 100 / r.pages;
}

void print_rows() {
  sys::printf(
      "bench mem: memsrv %s (at most %lu pages per vm_batch); ticks = guest instructions "
      "(QEMU -icount shift=0), median of %u runs; counters per request, this address "
      "space's own (vm_counters)\n",
      g_mode, g_batch_max_pages, g_runs);
  sys::printf(
      "| pages | operation | ticks per page | vm_batch | PTE writes | invlpg | full "
      "flushes | shootdowns | shootdown IPIs |\n|---:|---|---:|---:|---:|---:|---:|---:|"
      "---:|\n");
  for (uint32_t i = 0; i < kSizeCount * kOperations; ++i) {
    Row& r = g_rows[i];
    if (r.pages == 0) continue;
    const VmCountersSnapshot& c = r.counters;
    sys::printf("| %u | %s | ", r.pages, kOperationWords[r.operation]);
    print_centi(centi_ticks_per_page(r));
    sys::printf(" | %lu | %lu | %lu | %lu | %lu | %lu |\n", c.batches, c.pte_writes, c.invlpg,
                c.full_flushes, c.shootdowns, c.shootdown_ipis);
  }
  // For tooling (build/bench/mem.csv, test/harness/bench_mem_report.py): a header, then the rows.
  sys::printf(
      "bench mem: csv,mode,pages,operation,ticks_per_page,runs,vm_batch,ops_after_merge,"
      "pte_writes,invlpg,full_flushes,shootdowns,shootdown_ipis\n");
  for (uint32_t i = 0; i < kSizeCount * kOperations; ++i) {
    Row& r = g_rows[i];
    if (r.pages == 0) continue;
    const VmCountersSnapshot& c = r.counters;
    sys::printf("bench mem: csv,%s,%u,%s,", g_mode, r.pages, kOperationKeys[r.operation]);
    print_centi(centi_ticks_per_page(r));
    sys::printf(",%u,%lu,%lu,%lu,%lu,%lu,%lu,%lu\n", g_runs, c.batches, c.ops_after_merge,
                c.pte_writes, c.invlpg, c.full_flushes, c.shootdowns, c.shootdown_ipis);
  }
}

uint32_t parse_number(const char* text) {
  uint32_t n = 0;
  for (; *text >= '0' && *text <= '9' && n < 1'000'000; ++text) n = n * 10 + uint32_t(*text - '0');
  return *text == '\0' ? n : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && bench::same_text(argv[1], "throughput")) return mem_throughput::client_main();
  if (argc > 1 && bench::same_text(argv[1], "throughput-lead")) {
    return mem_throughput::lead_main(argc, argv);
  }
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (bench::same_text(a, "quick")) {
      g_runs = 3;
      g_sizes = 2;
    } else if (a[0] == 'p' && a[1] == 'a' && a[2] == 'g' && a[3] == 'e' && a[4] == 's' &&
               a[5] == '=') {
      g_only_pages = parse_number(a + 6);
    } else if (a[0] == 's' && a[1] == 'p' && a[2] == 'i' && a[3] == 'n' && a[4] == 'n' &&
               a[5] == 'e' && a[6] == 'r' && a[7] == 's' && a[8] == '=') {
      const uint32_t n = parse_number(a + 9);
      g_spinners = n < kBootCpus - 1 ? n : kBootCpus - 1;
    }
  }
  const Result<uint64_t> limit = sys::mem::batch_max_pages(kMemory);
  if (limit.is_error()) {
    sys::printf("bench mem: memsrv's batch limit: %s\n", status_name(limit.status()));
    return 1;
  }
  g_batch_max_pages = limit.value();
  if (g_batch_max_pages == 1) g_mode = "page_at_a_time";
  if (g_batch_max_pages > 1 && g_batch_max_pages < kVmBatchMaxPages) g_mode = "batch_limited";
  if (!vm_counters_refusals_hold()) return 1;

  sys::Thread spinners[kBootCpus - 1];
  auto spin_body = [] { spin(); };
  for (uint32_t cpu = 1; cpu <= g_spinners; ++cpu) {
    if (bench::start_pinned(spinners[cpu - 1], cpu, spin_body) != Status::kOk) {
      sys::printf("bench mem: no spinner on CPU %u\n", cpu);
      g_stop.store(1);
      return 1;
    }
  }
  // Not before all three run: until then their CPUs do not hold this address space.
  while (g_spinning.load() != g_spinners) asm volatile("pause" ::: "memory");
  bool ok = false;
  auto body = [&] { ok = latency_part(); };
  sys::Thread client;
  if (bench::start_pinned(client, kClientCpu, body) == Status::kOk) client.join();
  g_stop.store(1);
  for (sys::Thread& s : spinners) s.join();  // at once for those never started

  print_rows();
  if (!ok) {
    sys::printf("bench mem: a request failed\n");
    return 1;
  }
  sys::printf("bench mem: done, every row measured\n");
  return 0;
}
