// bench=vm-batch: vm_batch on real page tables with 4 CPUs, batched vs page at a time, under QEMU
// -icount shift=0 (rdtsc counts the guest instructions of every CPU: total work, IPI handlers
// included). CPUs 1-3 have the address space loaded and spin with pause, so every unmap and protect
// needs a shootdown, as in docs/benchmarking.md's Linux 6.1 table (munmap, mprotect,
// mmap+populate).
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/test_seam.h"
#include "kernel/console.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/vm/address_space.h"
#include "test/bench/kernel/kernel_bench.h"

namespace {

constexpr uint64_t kBase = 0x40000000;
constexpr uint32_t kMaxPages = 4096;
const uint32_t kSizes[] = {1, 16, 256, 4096};

RefPtr<AddressSpace> g_space;
void activate(void*) { g_space->activate_here(); }
void deactivate(void*) { g_space->deactivate_here(); }

struct Cost {
  uint64_t ticks = 0;
  uint64_t rounds = 0;
  uint64_t ipis = 0;
};

// Runs `op` for `pages` pages, either as one batch or as `pages` one-page batches.
template <typename MakeOp>
Cost run(uint32_t pages, bool batched, MakeOp&& make_op) {
  const VmBatchCounters before = g_space->counters();
  const uint64_t t0 = arch::timestamp();
  if (batched) {
    const VmOp op = make_op(0, pages);
    ASSERT(g_space->apply(&op, 1).ok());
  } else {
    for (uint32_t i = 0; i < pages; ++i) {
      const VmOp op = make_op(i, 1);
      ASSERT(g_space->apply(&op, 1).ok());
    }
  }
  const uint64_t t1 = arch::timestamp();
  const VmBatchCounters& after = g_space->counters();
  return Cost{t1 - t0, after.shootdowns - before.shootdowns,
              after.shootdown_cpus - before.shootdown_cpus};
}

void print_row(const char* what, uint32_t pages, const Cost& one, const Cost& each) {
  const uint64_t a = one.ticks / pages, b = each.ticks / pages;
  kprintf("| %s | %u | %lu | %lu | %lu.%lux | %lu / %lu |\n", what, pages, a, b, b / (a ? a : 1),
          (b * 10 / (a ? a : 1)) % 10, one.ipis, each.ipis);
}

}  // namespace

Status run_vm_batch_bench() {
  Result<uint64_t> frames = kernel_frames().alloc_contiguous(kMaxPages, 1);
  if (frames.is_error()) return frames.status();
  const uint64_t frame0 = frames.value();
  Result<RefPtr<AddressSpace>> space =
      AddressSpace::create(FrameGrant{{frame0, kMaxPages * kPageSize}, kVmRead | kVmWrite});
  if (space.is_error()) return space.status();
  g_space = space.release_value();
  cross_cpu_call(arch::online_cpus(), activate, nullptr);
  arch::set_idle_spin(true);

  auto map = [&](uint32_t i, uint32_t n) {
    return vm_map_op(kBase + i * kPageSize, frame0 + i * kPageSize, n, kVmRead | kVmWrite);
  };
  auto unmap = [&](uint32_t i, uint32_t n) { return vm_unmap_op(kBase + i * kPageSize, n); };
  auto protect = [&](uint32_t i, uint32_t n) {
    return vm_protect_op(kBase + i * kPageSize, n, kVmRead);
  };

  // Warm-up: create every page table the range needs (they stay until the address space dies), so
  // each row measures the steady state rather than the first call's table allocation.
  (void)run(kMaxPages, true, map);
  (void)run(kMaxPages, true, unmap);

  kprintf(
      "vm-batch: %u CPUs, CPUs other than 0 have the address space loaded and spin with pause\n",
      arch::cpu_count());
  kprintf(
      "ticks per page (all CPUs' instructions under -icount), batched = one vm_batch call, each = "
      "one call per page; IPIs = shootdown interrupts sent\n\n");
  kprintf("| operation | pages | batched | each | each / batched | IPIs batched / each |\n");
  kprintf("|---|---:|---:|---:|---:|---:|\n");
  for (uint32_t pages : kSizes) {
    // Each measured pass starts from the same state: map (timed as "map"), protect, unmap.
    const Cost map_one = run(pages, true, map);
    const Cost protect_one = run(pages, true, protect);
    const Cost unmap_one = run(pages, true, unmap);
    const Cost map_each = run(pages, false, map);
    const Cost protect_each = run(pages, false, protect);
    const Cost unmap_each = run(pages, false, unmap);
    print_row("map", pages, map_one, map_each);
    print_row("protect read-only", pages, protect_one, protect_each);
    print_row("unmap", pages, unmap_one, unmap_each);
  }
  kprintf(
      "\nLinux 6.1, same QEMU, 4096 pages, one call vs page at a time (ticks per page, IPIs): "
      "munmap "
      "1309 vs 18015 (3 / 12288), mprotect 136 vs 8232 (3 / 12288), mmap+populate ~3400 vs ~9100 "
      "(docs/benchmarking.md; Linux's include its syscalls, these are kernel calls without one "
      "yet)\n");

  arch::set_idle_spin(false);
  cross_cpu_call(arch::online_cpus(), deactivate, nullptr);
  g_space.reset();
  return kernel_frames().free_contiguous(frame0, kMaxPages);
}
