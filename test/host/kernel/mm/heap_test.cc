// Host tests of the kernel heap over a malloc-backed PageSource (and once over the real frame
// allocator): alignment and size guarantees, no overlapping blocks, page accounting, exhaustion,
// and ASSERTs on double and foreign frees (checked in a forked child).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <vector>

#include "kernel/mm/heap.h"
#include "test/host/kernel/mm/fake_phys.h"
#include "test/host/kernel/mm/host_page_source.h"
#include "unity.h"

namespace {

HostPageSource* g_source = nullptr;
Heap* g_heap = nullptr;

void fresh(size_t limit_pages = ~size_t{0}) {
  delete g_heap;
  delete g_source;
  g_source = new HostPageSource(limit_pages);
  g_heap = new Heap();
  g_heap->init(g_source);
}

bool aligned(const void* p, size_t a) { return reinterpret_cast<uintptr_t>(p) % a == 0; }

void test_small_sizes_alignment_and_no_overlap() {
  std::map<uintptr_t, size_t> blocks;
  for (size_t size = 0; size <= 2100; size += 7) {
    for (int k = 0; k < 3; ++k) {
      uint8_t* p = static_cast<uint8_t*>(g_heap->alloc(size));
      TEST_ASSERT_NOT_NULL(p);
      TEST_ASSERT_TRUE(aligned(p, 16));
      const size_t usable = g_heap->usable_size(p);
      TEST_ASSERT_TRUE(usable >= size && usable >= 1);
      if (size <= 2048) {
        TEST_ASSERT_TRUE(usable <= 2048);
        TEST_ASSERT_TRUE(aligned(p, usable));  // slab slots are aligned to their size
      }
      memset(p, static_cast<int>(size & 0xff), usable);
      auto next = blocks.lower_bound(reinterpret_cast<uintptr_t>(p));
      if (next != blocks.end())
        TEST_ASSERT_TRUE(reinterpret_cast<uintptr_t>(p) + usable <= next->first);
      if (next != blocks.begin()) {
        auto prev = std::prev(next);
        TEST_ASSERT_TRUE(prev->first + prev->second <= reinterpret_cast<uintptr_t>(p));
      }
      blocks[reinterpret_cast<uintptr_t>(p)] = usable;
    }
  }
  g_heap->check_invariants();
  TEST_ASSERT_EQUAL_UINT(blocks.size(), g_heap->stats().live_blocks);
  for (auto& [p, n] : blocks) g_heap->free(reinterpret_cast<void*>(p));
  g_heap->check_invariants();
  const Heap::Stats s = g_heap->stats();
  TEST_ASSERT_EQUAL_UINT(0, s.live_blocks);
  TEST_ASSERT_TRUE(s.pages <= Heap::kClassCount);  // at most one cached empty page per class
  TEST_ASSERT_EQUAL_UINT(s.pages, g_source->outstanding());
}

void test_alignments() {
  std::vector<void*> ps;
  for (size_t align = 1; align <= 256 * 1024; align <<= 1) {
    for (size_t size : {1ul, 24ul, 100ul, 2048ul, 3000ul, 4096ul, 10000ul}) {
      void* p = g_heap->alloc(size, align);
      TEST_ASSERT_NOT_NULL(p);
      TEST_ASSERT_TRUE(aligned(p, align < 16 ? 16 : align));
      TEST_ASSERT_TRUE(g_heap->usable_size(p) >= size);
      memset(p, 0xab, size);
      ps.push_back(p);
    }
  }
  TEST_ASSERT_NULL(g_heap->alloc(16, 3));
  TEST_ASSERT_NULL(g_heap->alloc(16, 0));
  TEST_ASSERT_NULL(g_heap->alloc(~size_t{0} - 100));
  for (void* p : ps) g_heap->free(p);
  g_heap->free(nullptr);
  g_heap->check_invariants();
  TEST_ASSERT_EQUAL_UINT(0, g_heap->stats().live_blocks);
  TEST_ASSERT_EQUAL_UINT(g_heap->stats().slab_pages, g_source->outstanding());  // no large run left
}

void test_slab_page_accounting() {
  // 16-byte slabs: a 64-byte header, then 252 slots.
  std::vector<void*> ps;
  for (int i = 0; i < 252; ++i) ps.push_back(g_heap->alloc(16));
  TEST_ASSERT_EQUAL_UINT(1, g_heap->stats().pages);
  ps.push_back(g_heap->alloc(16));
  TEST_ASSERT_EQUAL_UINT(2, g_heap->stats().pages);
  // 2 KiB slabs: one slot per page; 1 KiB: three.
  void* big = g_heap->alloc(2048);
  TEST_ASSERT_EQUAL_UINT(3, g_heap->stats().pages);
  void* k1[3] = {g_heap->alloc(1024), g_heap->alloc(1000), g_heap->alloc(513)};
  TEST_ASSERT_EQUAL_UINT(4, g_heap->stats().pages);
  // Large: 2049 bytes + the 64-byte header = 1 page; 4096 bytes = 2 pages; 64 KiB aligned 64 KiB =
  // 16 + 16 pages (the header page sits below the aligned block).
  void* l1 = g_heap->alloc(2049);
  TEST_ASSERT_EQUAL_UINT(5, g_heap->stats().pages);
  void* l2 = g_heap->alloc(4096);
  TEST_ASSERT_EQUAL_UINT(7, g_heap->stats().pages);
  void* l3 = g_heap->alloc(65536, 65536);
  TEST_ASSERT_EQUAL_UINT(7 + 32, g_heap->stats().pages);
  TEST_ASSERT_EQUAL_UINT(g_heap->stats().pages, g_source->outstanding());
  g_heap->free(l3);
  g_heap->free(l2);
  g_heap->free(l1);
  TEST_ASSERT_EQUAL_UINT(4, g_heap->stats().pages);
  for (void* p : ps) g_heap->free(p);
  // Both 16-byte pages emptied: one goes back, one stays cached.
  TEST_ASSERT_EQUAL_UINT(3, g_heap->stats().pages);
  g_heap->free(big);
  for (void* p : k1) g_heap->free(p);
  TEST_ASSERT_EQUAL_UINT(3, g_heap->stats().pages);
  TEST_ASSERT_EQUAL_UINT(3, g_heap->stats().slab_pages);
  g_heap->check_invariants();
}

void test_zero_size_blocks_are_unique() {
  void* a = g_heap->alloc(0);
  void* b = g_heap->alloc(0);
  TEST_ASSERT_NOT_NULL(a);
  TEST_ASSERT_NOT_NULL(b);
  TEST_ASSERT_TRUE(a != b);
  g_heap->free(a);
  g_heap->free(b);
}

void test_exhaustion_returns_null_and_recovers() {
  fresh(4);
  std::vector<void*> ps;
  for (;;) {
    void* p = g_heap->alloc(512);
    if (p == nullptr) break;
    ps.push_back(p);
  }
  TEST_ASSERT_EQUAL_UINT(4 * 7, ps.size());
  TEST_ASSERT_NULL(g_heap->alloc(5000));
  TEST_ASSERT_NULL(g_heap->alloc(16));
  g_heap->check_invariants();
  g_heap->free(ps.back());
  ps.pop_back();
  TEST_ASSERT_NOT_NULL(ps.emplace_back(g_heap->alloc(400)));
  for (void* p : ps) g_heap->free(p);
  // The pages came back, except the one empty 512-byte slab kept cached.
  TEST_ASSERT_EQUAL_UINT(1, g_source->outstanding());
  TEST_ASSERT_NOT_NULL(g_heap->alloc(2 * 4096));  // 64 + 8192 bytes: 3 pages
}

void test_random_against_model() {
  std::mt19937_64 rng(7);
  struct Block {
    uint8_t* p;
    size_t size;
    uint8_t fill;
  };
  std::vector<Block> live;
  for (int step = 0; step < 30000; ++step) {
    if (live.empty() || rng() % 100 < 55) {
      size_t size = rng() % 4 == 0 ? rng() % 20000 : rng() % 600;
      size_t align = size_t{1} << (rng() % 8 == 0 ? rng() % 14 : 0);
      uint8_t* p = static_cast<uint8_t*>(g_heap->alloc(size, align));
      TEST_ASSERT_NOT_NULL(p);
      TEST_ASSERT_TRUE(aligned(p, align < 16 ? 16 : align));
      const uint8_t fill = static_cast<uint8_t>(rng());
      memset(p, fill, size);
      live.push_back({p, size, fill});
    } else {
      const size_t i = rng() % live.size();
      const Block b = live[i];
      for (size_t k = 0; k < b.size; ++k)
        if (b.p[k] != b.fill) TEST_FAIL_MESSAGE("block contents changed: overlapping blocks");
      g_heap->free(b.p);
      live[i] = live.back();
      live.pop_back();
    }
    if (step % 1000 == 0) g_heap->check_invariants();
  }
  TEST_ASSERT_EQUAL_UINT(live.size(), g_heap->stats().live_blocks);
  for (const Block& b : live) g_heap->free(b.p);
  g_heap->check_invariants();
  TEST_ASSERT_EQUAL_UINT(g_heap->stats().pages, g_source->outstanding());
}

void test_over_frame_allocator() {
  FakePhys::map(0, 8 << 20);
  static FrameAllocator frames;
  const Range<uint64_t> usable[] = {{1 << 20, 7 << 20}};
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(frames.init(usable, 1, nullptr, 0, FakePhys::to_virt)));
  const size_t total = frames.free_count();
  FramePageSource source(&frames, FakePhys::to_virt, [](const void* v) -> uint64_t {
    return FakePhys::base +
           static_cast<uint64_t>(static_cast<const uint8_t*>(v) - FakePhys::buffer);
  });
  Heap heap;
  heap.init(&source);
  std::vector<void*> ps;
  for (;;) {
    void* p = heap.alloc(ps.size() % 3 == 0 ? 20000 : 300, ps.size() % 5 == 0 ? 8192 : 16);
    if (p == nullptr) break;
    ps.push_back(p);
  }
  TEST_ASSERT_TRUE(ps.size() > 100);
  TEST_ASSERT_EQUAL_UINT(total - heap.stats().pages, frames.free_count());
  for (void* p : ps) heap.free(p);
  heap.check_invariants();
  frames.check_invariants();
  TEST_ASSERT_EQUAL_UINT(total - heap.stats().pages, frames.free_count());
  FakePhys::unmap();
}

// Runs `body` in a child process and checks that it dies with SIGABRT (our ASSERT on the host).
void expect_assert(void (*body)()) {
  fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stderr);
    body();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  TEST_ASSERT_TRUE_MESSAGE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
                           "expected an ASSERT failure");
}

void test_misuse_asserts() {
  expect_assert([] {
    void* p = g_heap->alloc(32);
    g_heap->alloc(32);  // keep the page from being released
    g_heap->free(p);
    g_heap->free(p);  // double free
  });
  expect_assert([] {
    char* p = static_cast<char*>(g_heap->alloc(64));
    g_heap->free(p + 16);  // not a slot boundary
  });
  expect_assert([] {
    char* p = static_cast<char*>(g_heap->alloc(10000));
    g_heap->free(p + 64);  // interior pointer of a large block
  });
  expect_assert([] {
    void* p = aligned_alloc(4096, 8192);
    memset(p, 0, 8192);
    g_heap->free(static_cast<char*>(p) + 4096 + 64);  // not from this heap
  });
}

}  // namespace

void setUp() { fresh(); }
void tearDown() {
  delete g_heap;
  g_heap = nullptr;
  delete g_source;
  g_source = nullptr;
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_small_sizes_alignment_and_no_overlap);
  RUN_TEST(test_alignments);
  RUN_TEST(test_slab_page_accounting);
  RUN_TEST(test_zero_size_blocks_are_unique);
  RUN_TEST(test_exhaustion_returns_null_and_recovers);
  RUN_TEST(test_random_against_model);
  RUN_TEST(test_over_frame_allocator);
  RUN_TEST(test_misuse_asserts);
  return UNITY_END();
}
