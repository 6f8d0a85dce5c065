// mem-model: the memory path on the host (./portcullis bench mem-model [runs]).
// (a) map then unmap N pages through the memory server's batch builder and the kernel's batch
// apply,
//     batched vs page at a time, on an address space active on 4 CPUs (this one + 3: every change
//     that needs invalidating needs a shootdown, as in docs/benchmarking.md's Linux measurement).
//     Counts are exact; times are host medians (the fake shootdown costs nothing, so time is the
//     software path only: Linux's rounds cost ~2-4k ticks each, see docs/benchmarking.md).
// (b) reverse-map throughput with the spinlock and the semaphore lock policy, 1/2/4/8 threads, on
//     a mixed workload (each client its own frames: map, share to a neighbour, reclaim or unmap)
//     and a contended one (every client shares and unmaps the same range).
// Benchmarks print figures; they never pass or fail on a time.
#include <stdio.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "libsys/rmap_lock.h"
#include "servers/memsrv/reverse_map.h"
#include "servers/memsrv/vm_batch_builder.h"
#include "test/host/kernel/vm/fake_machine.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t P = kPageSize;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// ---------------------------------------------------------------------------------------------
// (a) batched vs page at a time

class ApplySink final : public VmBatchSink {
 public:
  explicit ApplySink(fake::AddressSpace& as) : as_(as) {}
  Status submit_batch(const VmOp* ops, uint32_t count) override {
    return as_.apply(ops, count).status;
  }

 private:
  fake::AddressSpace& as_;
};

struct BatchRow {
  VmBatchCounters counters;  // of one map+unmap round
  uint64_t builder_ops = 0;
  double median_us = 0;
};

BatchRow run_map_unmap(uint32_t pages, VmBatchLimits limits, int runs) {
  fake::PhysicalMemory mem(1u << 12);
  fake::AddressSpace as(mem, CpuSet::first_n(4), 0);
  as.record = false;
  ApplySink sink(as);
  const uint64_t va = 0x4000'0000, frame = fake::kRamBase;
  auto round = [&]() {
    VmBatchBuilder b(sink, limits);
    // A request maps page by page (as a fault-in or an allocation loop would), then another unmaps.
    for (uint32_t i = 0; i < pages; i++) {
      if (b.map(va + i * P, frame + i * P, 1, kVmRead | kVmWrite) != Status::kOk) abort();
    }
    if (b.finish() != Status::kOk) abort();
    for (uint32_t i = 0; i < pages; i++) {
      if (b.unmap(va + i * P, 1) != Status::kOk) abort();
    }
    if (b.finish() != Status::kOk) abort();
    return b.counters().ops_emitted;
  };
  round();  // warm-up: creates the page tables, which then stay
  BatchRow row;
  std::vector<double> us;
  for (int r = 0; r < runs; r++) {
    as.counters = VmBatchCounters{};
    const auto t0 = Clock::now();
    row.builder_ops = round();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    row.counters = as.counters;
  }
  row.median_us = median(us);
  return row;
}

void table_a(int runs) {
  printf("## (a) map then unmap N pages: batched vs page at a time\n\n");
  printf(
      "Address space active on CPUs 0-3, the batch applied on CPU 0; invlpg threshold %u pages;\n",
      TlbInvalidation::kPages);
  printf("host time = median of %d runs (after one warm-up run), whole map+unmap request pair.\n\n",
         runs);
  printf(
      "| pages | mode | vm_batch calls | ops after merge | PTE writes | invlpg | full flushes | "
      "shootdown rounds | time (us) |\n");
  printf("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
  std::vector<std::pair<uint32_t, std::pair<BatchRow, BatchRow>>> rows;
  for (uint32_t pages : {1u, 16u, 256u, 4096u}) {
    const BatchRow batched = run_map_unmap(pages, VmBatchLimits{}, runs);
    const BatchRow single = run_map_unmap(pages, VmBatchLimits::page_at_a_time(), runs);
    for (const auto& [name, row] :
         {std::pair<const char*, const BatchRow&>{"batched", batched},
          std::pair<const char*, const BatchRow&>{"page at a time", single}}) {
      const VmBatchCounters& c = row.counters;
      printf("| %u | %s | %llu | %llu | %llu | %llu | %llu | %llu | %.1f |\n", pages, name,
             (unsigned long long)c.batches, (unsigned long long)c.ops_after_merge,
             (unsigned long long)c.pte_writes, (unsigned long long)c.invlpg,
             (unsigned long long)c.full_flushes, (unsigned long long)c.shootdowns, row.median_us);
    }
    rows.push_back({pages, {batched, single}});
  }
  printf("\nPage at a time / batched:\n\n");
  printf("| pages | vm_batch calls | ops | PTE writes | invlpg | shootdown rounds | time |\n");
  printf("|---:|---:|---:|---:|---:|---:|---:|\n");
  auto ratio = [](uint64_t a, uint64_t b) {
    return b == 0 ? (a == 0 ? 1.0 : 0.0) : double(a) / double(b);
  };
  for (const auto& [pages, pair] : rows) {
    const VmBatchCounters& b = pair.first.counters;
    const VmBatchCounters& s = pair.second.counters;
    printf("| %u | %.0fx | %.0fx | %.2fx | %llu vs %llu (+%llu full) | %.0fx | %.1fx |\n", pages,
           ratio(s.batches, b.batches), ratio(s.ops_after_merge, b.ops_after_merge),
           ratio(s.pte_writes, b.pte_writes), (unsigned long long)s.invlpg,
           (unsigned long long)b.invlpg, (unsigned long long)b.full_flushes,
           ratio(s.shootdowns, b.shootdowns),
           pair.first.median_us > 0 ? pair.second.median_us / pair.first.median_us : 0.0);
  }
  printf("\n");
}

// ---------------------------------------------------------------------------------------------
// (b) reverse-map throughput

enum class Workload { kMixed, kContended };

template <typename Lock>
double rmap_ops_per_second(Workload w, uint32_t threads, double seconds) {
  fake::PhysicalMemory mem(1u << 14);
  fake::Clients clients(mem, threads + 1);  // client `threads` owns the contended range
  RmapConfig config;
  config.max_clients = threads + 1;
  config.max_entries = 1u << 16;
  ReverseMap<Lock> rmap(clients, config);
  if (rmap.init() != Status::kOk) abort();
  constexpr uint32_t kRun = 4;
  const ClientId owner = threads;
  const uint64_t shared_frame = fake::kRamBase + 0x4000'0000, shared_va = 0x7000'0000;
  if (rmap.map(owner, shared_va, shared_frame, kRun, kVmRead | kVmWrite) != Status::kOk) abort();

  std::atomic<bool> go{false}, stop{false};
  std::atomic<uint32_t> ready{0};
  std::vector<uint64_t> done(threads * 8, 0);  // padded per-thread counters
  auto worker = [&](ClientId self) {
    uint64_t n = 0;
    // Own frames 2 MiB apart per thread: different stripes, as unrelated clients mostly are.
    const uint64_t frame = fake::kRamBase + uint64_t{self} * 0x20'0000;
    const uint64_t va = 0x100'0000, share_va = 0x200'0000 + uint64_t{self} * 0x1'0000;
    const ClientId peer = (self + 1) % threads;
    ready.fetch_add(1);
    while (!go.load(std::memory_order_acquire)) cpu_relax();
    for (uint64_t i = 0; !stop.load(std::memory_order_relaxed); i++) {
      if (w == Workload::kMixed) {
        if (rmap.map(self, va, frame, kRun, kVmRead | kVmWrite) != Status::kOk) abort();
        n++;
        if (peer != self) {
          if (rmap.share(self, va, frame, kRun, peer, share_va, kVmRead) != Status::kOk) abort();
          n++;
        }
        if (i % 2 == 0) {
          uint64_t frames[kRun];
          for (uint32_t k = 0; k < kRun; k++) frames[k] = frame + k * P;
          if (!rmap.reclaim(frames, kRun).is_ok()) abort();
          n++;
        } else {
          if (peer != self && rmap.unmap(peer, share_va, frame, kRun) != Status::kOk) abort();
          if (rmap.unmap(self, va, frame, kRun) != Status::kOk) abort();
          n += peer != self ? 2 : 1;
        }
      } else {
        if (rmap.share(owner, shared_va, shared_frame, kRun, self, va, kVmRead) != Status::kOk)
          abort();
        if (rmap.unmap(self, va, shared_frame, kRun) != Status::kOk) abort();
        n += 2;
      }
    }
    done[self * 8] = n;
  };
  std::vector<std::thread> pool;
  for (ClientId t = 0; t < threads; t++) pool.emplace_back(worker, t);
  while (ready.load() < threads) std::this_thread::yield();
  const auto t0 = Clock::now();
  go.store(true, std::memory_order_release);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop.store(true);
  for (auto& t : pool) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  uint64_t total = 0;
  for (ClientId t = 0; t < threads; t++) total += done[t * 8];
  return double(total) / elapsed;
}

void table_b(int runs, double seconds) {
  printf("## (b) reverse-map throughput, spinlock vs semaphore (rmap operations per second)\n\n");
  printf(
      "Host has %u hardware threads; each cell is the median of %d runs of %.2f s (spin and sem "
      "runs\n"
      "interleaved). Host throughput on a shared 2-core machine moves by 2x between runs: read "
      "ranges.\n",
      std::thread::hardware_concurrency(), runs, seconds);
  printf(
      "mixed: each client maps its own 4 frames, shares them to a neighbour, then reclaims them or "
      "unmaps both.\n");
  printf(
      "contended: every client shares the same 4 frames (one stripe, one lock) and unmaps "
      "them.\n\n");
  printf(
      "| workload | threads | spin kops/s median (min-max) | sem kops/s median (min-max) | spin / "
      "sem |\n");
  printf("|---|---:|---:|---:|---:|\n");
  for (Workload w : {Workload::kMixed, Workload::kContended}) {
    for (uint32_t threads : {1u, 2u, 4u, 8u}) {
      std::vector<double> spin, sem;
      for (int r = 0; r < runs; r++) {  // interleaved, so drift on the machine hits both alike
        spin.push_back(rmap_ops_per_second<SpinRmapLock>(w, threads, seconds));
        sem.push_back(rmap_ops_per_second<SemRmapLock>(w, threads, seconds));
      }
      const double a = median(spin) / 1000, b = median(sem) / 1000;
      const auto [spin_lo, spin_hi] = std::minmax_element(spin.begin(), spin.end());
      const auto [sem_lo, sem_hi] = std::minmax_element(sem.begin(), sem.end());
      printf("| %s | %u | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.2f |\n",
             w == Workload::kMixed ? "mixed" : "contended", threads, a, *spin_lo / 1000,
             *spin_hi / 1000, b, *sem_lo / 1000, *sem_hi / 1000, b > 0 ? a / b : 0.0);
      fflush(stdout);
    }
  }
  printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? atoi(argv[1]) : 7;
  const double seconds = argc > 2 ? atof(argv[2]) : 0.15;
  printf("# mem-model (host): configured rmap lock = %s\n\n", RmapLock::kName);
  table_a(runs < 1 ? 1 : runs);
  table_b(runs < 1 ? 1 : runs, seconds);
  return 0;
}
