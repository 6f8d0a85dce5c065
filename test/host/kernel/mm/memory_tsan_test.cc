// Concurrency tests of the frame allocator and the heap (built with ThreadSanitizer): several
// threads allocate and free at once; every frame and block must be owned by one thread at a time,
// and the counts must come back exactly. The heap runs over the frame allocator, so the heap ->
// frames lock order is exercised too.
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "kernel/mm/frame_allocator.h"
#include "kernel/mm/heap.h"
#include "test/host/kernel/mm/fake_phys.h"
#include "unity.h"

namespace {

constexpr int kThreads = 2;  // the test machines have 2 cores; a ticket lock with more threads than
                             // cores hands the lock to descheduled waiters and crawls
constexpr uint64_t kMemBytes = 16 << 20;

FrameAllocator* g_frames = nullptr;

void setUp_impl() {
  FakePhys::map(0, kMemBytes);
  g_frames = new FrameAllocator();
  const Range<uint64_t> usable[] = {{1 << 20, kMemBytes - (1 << 20)}};
  TEST_ASSERT_EQUAL_INT(0,
                        static_cast<int>(g_frames->init(usable, 1, nullptr, 0, FakePhys::to_virt)));
}

uint64_t to_phys(const void* v) {
  return FakePhys::base + static_cast<uint64_t>(static_cast<const uint8_t*>(v) - FakePhys::buffer);
}

void test_frames_never_shared_between_threads() {
  const size_t total = g_frames->total_count();
  // owner[frame] = thread id + 1 while a thread holds it.
  std::vector<std::atomic<int>> owner(kMemBytes / 4096);
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(t);
      std::vector<std::pair<uint64_t, size_t>> held;
      for (int i = 0; i < 2000; ++i) {
        if (held.empty() || rng() % 2) {
          const size_t n = rng() % 4 == 0 ? 1 + rng() % 4 : 1;
          Result<uint64_t> r =
              n == 1 ? g_frames->alloc() : g_frames->alloc_contiguous(n, n == 4 ? 4 : 1);
          if (r.is_error()) continue;
          for (size_t k = 0; k < n; ++k) {
            int expected = 0;
            if (!owner[r.value() / 4096 + k].compare_exchange_strong(expected, t + 1)) ++conflicts;
          }
          held.push_back({r.value(), n});
        } else {
          const size_t i2 = rng() % held.size();
          auto [p, n] = held[i2];
          for (size_t k = 0; k < n; ++k) owner[p / 4096 + k].store(0);
          if (g_frames->free_contiguous(p, n) != Status::kOk) ++conflicts;
          held[i2] = held.back();
          held.pop_back();
        }
      }
      for (auto [p, n] : held) {
        for (size_t k = 0; k < n; ++k) owner[p / 4096 + k].store(0);
        if (g_frames->free_contiguous(p, n) != Status::kOk) ++conflicts;
      }
    });
  }
  for (auto& th : threads) th.join();
  TEST_ASSERT_EQUAL_INT(0, conflicts.load());
  TEST_ASSERT_EQUAL_UINT(total, g_frames->free_count());
  g_frames->check_invariants();
}

void test_heap_over_frames_from_many_threads() {
  const size_t total = g_frames->free_count();
  FramePageSource source(g_frames, FakePhys::to_virt, to_phys);
  Heap heap;
  heap.init(&source);
  std::atomic<int> corrupt{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(100 + t);
      struct Block {
        uint8_t* p;
        size_t size;
      };
      std::vector<Block> live;
      for (int i = 0; i < 2000; ++i) {
        if (live.empty() || rng() % 100 < 55) {
          const size_t size = rng() % 8 == 0 ? 2049 + rng() % 9000 : 1 + rng() % 700;
          uint8_t* p = static_cast<uint8_t*>(heap.alloc(size, rng() % 16 == 0 ? 4096 : 16));
          if (p == nullptr) continue;
          memset(p, t + 1, size);
          live.push_back({p, size});
        } else {
          const size_t k = rng() % live.size();
          for (size_t j = 0; j < live[k].size; ++j)
            if (live[k].p[j] != t + 1) {
              ++corrupt;
              break;
            }
          heap.free(live[k].p);
          live[k] = live.back();
          live.pop_back();
        }
      }
      for (const Block& b : live) heap.free(b.p);
    });
  }
  for (auto& th : threads) th.join();
  TEST_ASSERT_EQUAL_INT(0, corrupt.load());
  heap.check_invariants();
  TEST_ASSERT_EQUAL_UINT(0, heap.stats().live_blocks);
  TEST_ASSERT_EQUAL_UINT(total - heap.stats().pages, g_frames->free_count());
}

}  // namespace

void setUp() { setUp_impl(); }
void tearDown() {
  delete g_frames;
  g_frames = nullptr;
  FakePhys::unmap();
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_frames_never_shared_between_threads);
  RUN_TEST(test_heap_over_frames_from_many_threads);
  return UNITY_END();
}
