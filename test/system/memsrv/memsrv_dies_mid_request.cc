// A memory-server client that dies in the middle of its requests (docs/memory-server.md, "Tests"):
// a thread on every other CPU allocates, writes and frees in an endless loop; once each has done a
// few rounds, the main thread writes to the null page and init kills the task, with requests of
// its threads queued at memsrv, being served by workers, or answered to nobody. With restart=1 it
// dies the same way twice. The boot runs a healthy client beside it
// (memsrv_concurrent_test plain), which must get every request right and see memsrv's check pass,
// and requires memsrv's stop line: every page the dead client held is back in the pool.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/vm_op.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"

namespace {

constexpr uint32_t kMemory = 3;  // memory=3 in the manifest
constexpr uint32_t kMaxThreads = 7;
constexpr uint32_t kRoundsBeforeDeath = 5;
constexpr uint64_t kKeptRounds = 8;  // rounds 1, 3, 5 and 7 keep their pages

std::atomic<uint32_t> g_rounds[kMaxThreads];
std::atomic<uint32_t> g_errors{0};

void churn(void* arg) {
  const auto index = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(arg));
  for (uint64_t round = 0;; ++round) {
    const uint64_t bytes = (1 + (round + index) % 4) * kPageSize;
    const Result<uint64_t> a = sys::mem::allocate(kMemory, bytes);
    if (a.is_ok()) {
      *reinterpret_cast<volatile uint64_t*>(a.value()) = round;
      // The first few odd rounds keep their pages, so the task dies holding some; the rest free
      // theirs (memsrv's table of a client's allocations is shared by all its threads).
      const bool keep = round % 2 == 1 && round < kKeptRounds;
      if (!keep && sys::mem::free(kMemory, a.value(), bytes) != Status::kOk) {
        g_errors.fetch_add(1, std::memory_order_relaxed);
      }
    } else {
      g_errors.fetch_add(1, std::memory_order_relaxed);
    }
    g_rounds[index].fetch_add(1, std::memory_order_release);
  }
}

}  // namespace

int main() {
  const uint32_t cpus = sys::online_cpus();
  const uint32_t threads = cpus - 1 < kMaxThreads ? cpus - 1 : kMaxThreads;
  sys::Thread workers[kMaxThreads];
  for (uint32_t i = 0; i < threads; ++i) {
    sys::ThreadOptions options;
    options.cpu = 1 + i;
    if (const Status s = workers[i].start(churn, reinterpret_cast<void*>(uintptr_t{i}), options);
        s != Status::kOk) {
      sys::printf("memsrv_dies_mid_request: thread %u: %s\n", i, status_name(s));
      return 1;
    }
  }
  for (uint32_t i = 0; i < threads; ++i) {
    while (g_rounds[i].load(std::memory_order_acquire) < kRoundsBeforeDeath) {
      (void)sys_thread_yield();
    }
  }
  const Result<sys::mem::PoolStats> held = sys::mem::pool_stats(kMemory);
  sys::printf("memsrv_dies_mid_request: %u threads mid-request, %lu pages held, %u errors: dying\n",
              threads, held.is_ok() ? held.value().my_pages : 0,
              g_errors.load(std::memory_order_relaxed));
  *reinterpret_cast<volatile uint64_t*>(uintptr_t{8}) = 1;
  sys::printf("memsrv_dies_mid_request: the write to the null page did not fault\n");
  return 1;
}
