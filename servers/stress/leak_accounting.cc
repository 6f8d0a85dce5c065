// Leak accounting for a stress run (leak_accounting.h).
#include "servers/stress/leak_accounting.h"

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/kernel_stats.h"
#include "abi/portcullis/rights.h"
#include "base/format.h"
#include "libsys/kernel_stats.h"
#include "libsys/mem_client.h"
#include "libsys/page_pool.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"

namespace stress {

void LeakSnapshot::add(const char* key, uint64_t value) {
  if (count_ == kMaxKeys) return;
  keys_[count_] = key;
  values_[count_] = value;
  ++count_;
}

Status LeakSnapshot::take(uint32_t memory_endpoint, LeakSnapshot& out, uint64_t& backlog) {
  KernelStats stats;
  const Status s = sys::kernel_stats(&stats);
  if (s != Status::kOk) return s;
  LeakSnapshot snapshot;
  // Free frames plus the heap's pages: the heap keeps an empty slab page per size class, so
  // free frames alone move when nothing leaked (abi/portcullis/kernel_stats.h).
  snapshot.add("frames", kernel_stats_free_memory_pages(stats));
  snapshot.add("heap_bytes", stats.heap_bytes);
  snapshot.add("heap_blocks", stats.heap_blocks);
  for (uint32_t kind = 0; kind < kKernelObjectKindCount; ++kind) {
    snapshot.add(kKernelObjectKindNames[kind], static_cast<uint64_t>(stats.live_objects[kind]));
  }
  if (memory_endpoint != kNoMemoryServer) {
    Result<sys::mem::PoolStats> pool = sys::mem::pool_stats(memory_endpoint);
    if (!pool.is_ok()) return pool.status();
    snapshot.add("pool_free", pool.value().free_pages);
  }
  backlog = stats.reaper_backlog;
  out = snapshot;
  return Status::kOk;
}

bool LeakSnapshot::operator==(const LeakSnapshot& other) const {
  if (count_ != other.count_) return false;
  for (uint32_t i = 0; i < count_; ++i) {
    if (values_[i] != other.values_[i]) return false;
  }
  return true;
}

void LeakSnapshot::print(const char* when) const {
  char line[sys::kPrintMaxBytes];
  size_t n = format(line, sizeof line, "stress: leaks %s", when);
  for (uint32_t i = 0; i < count_ && n < sizeof line; ++i) {
    n += format(line + n, sizeof line - n, " %s=%lu", keys_[i], values_[i]);
  }
  if (n > sizeof line - 2) n = sizeof line - 2;
  line[n++] = '\n';
  (void)sys::write(line, n);
}

uint32_t LeakSnapshot::print_differences(const LeakSnapshot& before, const LeakSnapshot& after) {
  uint32_t leaks = 0;
  const uint32_t count = before.count_ < after.count_ ? before.count_ : after.count_;
  for (uint32_t i = 0; i < count; ++i) {
    if (before.values_[i] == after.values_[i]) continue;
    (void)sys::printf("stress: leak %s %lu -> %lu\n", before.keys_[i], before.values_[i],
                      after.values_[i]);
    ++leaks;
  }
  if (before.count_ != after.count_) {
    (void)sys::printf("stress: leak keys %u -> %u\n", before.count_, after.count_);
    ++leaks;
  }
  return leaks;
}

void warm_stack_window() {
  if (!sys::pages_from_memory_server()) return;
  void* stacks[sys::kStackWindowSlots];
  size_t count = 0;
  while (count < sys::kStackWindowSlots) {
    Result<void*> stack = sys::allocate_pages(1, 1);
    if (!stack.is_ok()) break;  // the window is full (or memsrv refused): warm as far as it went
    stacks[count++] = stack.value();
  }
  for (size_t i = 0; i < count; ++i) sys::free_pages(stacks[i], 1, 1);
}

void warm_controller_ports(uint32_t io_ports_root) {
  constexpr uint16_t kPostPort = 0x80;
  const SyscallResult minted =
      sys_cap_copy(io_ports_root, kCapSlotAny, kCapRead | kCapWrite, kCapCopyNarrow, kPostPort, 1);
  if (minted.status != Status::kOk) return;
  (void)sys_io_ports_enable(minted.extra);
  (void)sys_io_ports_disable(minted.extra);
  (void)sys_cap_delete(minted.extra);
}

Status settled_snapshot(uint32_t memory_endpoint, const LeakSnapshot* want, uint64_t max_wait_ns,
                        LeakSnapshot& out) {
  constexpr uint64_t kPollNs = 20ull * 1000 * 1000;
  uint64_t give_up = monotonic_ns() + max_wait_ns;
  LeakSnapshot previous;
  bool have_previous = false;
  uint64_t last_backlog = UINT64_MAX;
  for (;;) {
    LeakSnapshot now;
    uint64_t backlog = 0;
    const Status s = LeakSnapshot::take(memory_endpoint, now, backlog);
    if (s != Status::kOk) return s;
    out = now;
    // The reaper is still at work (a slow emulator ends hundreds of tasks at the deadline).
    if (backlog < last_backlog) give_up = monotonic_ns() + max_wait_ns;
    last_backlog = backlog;
    if (backlog == 0) {
      if (want != nullptr ? now == *want : have_previous && now == previous) return Status::kOk;
      previous = now;
      have_previous = true;
    }
    if (monotonic_ns() >= give_up) return Status::kOk;  // `out` is what is left
    const std::atomic<uint32_t> never{0};
    (void)wait_while_equal(never, 0, kPollNs);
  }
}

}  // namespace stress
