// TSan stress of the reverse map: 4 and 8 threads, each a client, mixing map, unmap, share (of
// other threads' frames) and reclaim (of other threads' frames) under both lock policies; with the
// semaphore, subscribers that answer right away are notified concurrently too. Afterwards the rmap
// checker compares the rmap with every client's page tables.
#include <stdio.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "libsys/rmap_lock.h"
#include "servers/memsrv/reverse_map.h"
#include "test/host/kernel/vm/fake_machine.h"
#include "unity.h"

namespace {

constexpr uint64_t P = kPageSize;
constexpr uint32_t kRunPages = 8;
constexpr uint32_t kSlots = 12;
constexpr uint64_t kSlotSpan = 0x1'0000;          // 64 KiB of address space per slot
constexpr uint64_t kOwnBase = 0x100'0000;         // own mappings
constexpr uint64_t kShareBase = 0x800'0000;       // shares of other clients' frames
constexpr uint64_t kFramesPerThread = 0x40'0000;  // 4 MiB of frames each: two stripes
constexpr int kOpsPerThread = 4000;

struct Run {
  uint64_t va = 0, frame = 0;
  bool mapped = false;
};

struct Offer {
  ClientId client;
  uint64_t va, frame;
};

// Answers every notification on the spot (an IPC reply that comes at once).
template <typename Lock>
struct PromptSubscriber final : RmapNotifier {
  ReverseMap<Lock>* rmap = nullptr;
  std::atomic<uint64_t> calls{0};
  void before_unmap(ClientId, uint64_t, uint64_t, NotifierTicket t) override {
    calls.fetch_add(1, std::memory_order_relaxed);
    rmap->answer(t);
  }
};

template <typename Lock>
void stress(uint32_t threads) {
  fake::PhysicalMemory mem;
  fake::Clients clients(mem, threads);
  RmapConfig config;
  config.max_clients = threads;
  ReverseMap<Lock> rmap(clients, config);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk), static_cast<int>(rmap.init()));
  PromptSubscriber<Lock> subscriber;
  subscriber.rmap = &rmap;
  if constexpr (Lock::kWalkersMaySleep) {
    for (ClientId c = 0; c < threads; c++) {
      TEST_ASSERT_TRUE(rmap.subscribe(c, kShareBase, kSlots * kSlotSpan / P, &subscriber).is_ok());
    }
  }

  std::mutex board_lock;
  std::vector<Offer> board;  // recent mappings anyone may share or reclaim
  std::atomic<int> unexpected{0};

  auto worker = [&](ClientId self) {
    std::mt19937_64 rng(1000 + self);
    Run own[kSlots], shared[kSlots];
    const uint64_t frames = fake::kRamBase + self * kFramesPerThread;
    for (uint32_t s = 0; s < kSlots; s++) {
      own[s].va = kOwnBase + s * kSlotSpan;
      own[s].frame = frames + s * kRunPages * P;
      shared[s].va = kShareBase + s * kSlotSpan;
    }
    // Unmaps what is still there page by page: other threads may have reclaimed any part of it.
    auto clear = [&](Run& r) {
      if (rmap.unmap(self, r.va, r.frame, kRunPages) != Status::kOk) {
        for (uint32_t i = 0; i < kRunPages; i++) {
          const Status s = rmap.unmap(self, r.va + i * P, r.frame + i * P, 1);
          if (s != Status::kOk && s != Status::kNotFound) unexpected++;
        }
      }
      r.mapped = false;
    };
    for (int op = 0; op < kOpsPerThread; op++) {
      const uint32_t slot = static_cast<uint32_t>(rng() % kSlots);
      switch (rng() % 5) {
        case 0:
        case 1: {  // map or unmap one of my runs
          Run& r = own[slot];
          if (r.mapped) {
            clear(r);
          } else if (rmap.map(self, r.va, r.frame, kRunPages, kVmRead | kVmWrite) == Status::kOk) {
            r.mapped = true;
            std::lock_guard<std::mutex> g(board_lock);
            board.push_back(Offer{self, r.va, r.frame});
            if (board.size() > 64) board.erase(board.begin());
          } else {
            unexpected++;
          }
          break;
        }
        case 2:
        case 3: {  // share someone's run into my share slot, or drop a share
          Run& r = shared[slot];
          if (r.mapped) {
            clear(r);
            break;
          }
          Offer o{};
          {
            std::lock_guard<std::mutex> g(board_lock);
            if (board.empty()) break;
            o = board[rng() % board.size()];
          }
          if (o.client == self) break;
          const Status s = rmap.share(o.client, o.va, o.frame, kRunPages, self, r.va, kVmRead);
          if (s == Status::kOk) {
            r.frame = o.frame;
            r.mapped = true;
          } else if (s != Status::kNotFound) {
            unexpected++;  // only "the source is gone" may fail
          }
          break;
        }
        default: {  // reclaim a few frames of someone else's
          const uint32_t victim = static_cast<uint32_t>(rng() % threads);
          uint64_t reclaim[4];
          const uint64_t base =
              fake::kRamBase + victim * kFramesPerThread + (rng() % (kSlots * kRunPages - 4)) * P;
          for (uint32_t i = 0; i < 4; i++) reclaim[i] = base + i * P;
          if (!rmap.reclaim(reclaim, 4).is_ok()) unexpected++;
          break;
        }
      }
    }
  };

  std::vector<std::thread> pool;
  for (ClientId t = 0; t < threads; t++) pool.emplace_back(worker, t);
  for (auto& t : pool) t.join();

  TEST_ASSERT_EQUAL_INT(0, unexpected.load());
  rmap.check_invariants();
  const char* why = "";
  if (!clients.matches(rmap, &why)) TEST_FAIL_MESSAGE(why);
  const RmapCounters& n = rmap.counters();
  printf(
      "%s x%u: %llu maps, %llu shares, %llu unmaps, %llu reclaims (%llu mappings), %llu "
      "notifications\n",
      Lock::kName, threads, (unsigned long long)n.maps.load(), (unsigned long long)n.shares.load(),
      (unsigned long long)n.unmaps.load(), (unsigned long long)n.reclaims.load(),
      (unsigned long long)n.mappings_reclaimed.load(), (unsigned long long)subscriber.calls.load());
  TEST_ASSERT_TRUE(n.shares.load() > 0 && n.mappings_reclaimed.load() > 0);
  if constexpr (Lock::kWalkersMaySleep) TEST_ASSERT_TRUE(subscriber.calls.load() > 0);
  TEST_ASSERT_EQUAL_UINT64(0, n.notifier_timeouts.load());
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_spin_4_threads() { stress<SpinRmapLock>(4); }
void test_spin_8_threads() { stress<SpinRmapLock>(8); }
void test_sem_4_threads() { stress<SemRmapLock>(4); }
void test_sem_8_threads() { stress<SemRmapLock>(8); }
void test_configured_lock_8_threads() { stress<RmapLock>(8); }

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_spin_4_threads);
  RUN_TEST(test_spin_8_threads);
  RUN_TEST(test_sem_4_threads);
  RUN_TEST(test_sem_8_threads);
  RUN_TEST(test_configured_lock_8_threads);
  return UNITY_END();
}
