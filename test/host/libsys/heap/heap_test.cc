// libsys's heap over a page pool this test provides in place of libsys/page_pool.cc: it records
// every run the heap takes and gives back, answers as the memory server or the initial frames
// would, and can be told to refuse runs above a size or after a number of pages. The heap keeps
// its state for the process's life, so each test starts from where the previous one left it.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi/portcullis/page.h"
#include "libsys/heap.h"
#include "libsys/page_pool.h"
#include "unity.h"

namespace {

struct FakePool {
  bool from_server = true;
  size_t largest_run = SIZE_MAX;  // a longer run is refused (kNoMemory)
  size_t pages_left = SIZE_MAX;   // the quota: past it, kNoSpace
  size_t runs_taken = 0;
  size_t runs_given_back = 0;
  size_t pages_held = 0;
  size_t last_run_pages = 0;
};
FakePool g_pool;
// Every run handed out, so that the small classes' pages (which the heap never gives back, and
// whose blocks the tests drop) stay reachable for the leak checker.
void* g_runs[256];

}  // namespace

namespace sys {

bool pages_from_memory_server() { return g_pool.from_server; }

Result<void*> allocate_pages(size_t pages, size_t guard_pages) {
  TEST_ASSERT_EQUAL_size_t(0, guard_pages);  // the heap never asks for guard pages
  if (pages == 0) return Status::kInvalidArgument;
  if (pages > g_pool.largest_run) return Status::kNoMemory;
  if (pages > g_pool.pages_left) return Status::kNoSpace;
  void* run = aligned_alloc(kPageSize, pages * kPageSize);
  TEST_ASSERT_NOT_NULL(run);
  g_pool.pages_left -= g_pool.pages_left == SIZE_MAX ? 0 : pages;
  g_pool.pages_held += pages;
  g_pool.last_run_pages = pages;
  TEST_ASSERT_TRUE(g_pool.runs_taken < sizeof g_runs / sizeof g_runs[0]);
  g_runs[g_pool.runs_taken++] = run;
  return run;
}

void free_pages(void* first, size_t pages, size_t guard_pages) {
  TEST_ASSERT_EQUAL_size_t(0, guard_pages);
  g_pool.pages_held -= pages;
  ++g_pool.runs_given_back;
  for (void*& run : g_runs) {
    if (run == first) run = nullptr;
  }
  free(first);
}

size_t free_page_count() { return 0; }

}  // namespace sys

void setUp() {
  g_pool.largest_run = SIZE_MAX;
  g_pool.pages_left = SIZE_MAX;
}
void tearDown() {}

// From the memory server the small classes' pages come in chunks of 8, 16, 32, 64, 64, ...:
// one run each, never given back.
void test_small_pages_come_in_growing_chunks() {
  g_pool.from_server = true;
  const size_t expected[] = {8, 16, 32, 64, 64};
  // A 2048-byte block takes a page of its own (the page's header takes the first 16 bytes).
  for (size_t chunk : expected) {
    const size_t runs = g_pool.runs_taken;
    for (size_t i = 0; i < chunk; ++i) {
      void* block = sys::heap::allocate(2048);
      TEST_ASSERT_NOT_NULL(block);
      memset(block, 0xA5, 2048);
    }
    TEST_ASSERT_EQUAL_size_t(runs + 1, g_pool.runs_taken);
    TEST_ASSERT_EQUAL_size_t(chunk, g_pool.last_run_pages);
  }
  TEST_ASSERT_EQUAL_size_t(0, g_pool.runs_given_back);
}

// A refused chunk is asked for again at half the size, down to one page; when even a page is
// refused, allocate answers nullptr and the heap still works once pages come again.
void test_a_refused_chunk_is_asked_again_smaller() {
  g_pool.largest_run = 4;
  const size_t runs = g_pool.runs_taken;
  void* block = sys::heap::allocate(1024);  // a class with no page yet
  TEST_ASSERT_NOT_NULL(block);
  TEST_ASSERT_EQUAL_size_t(runs + 1, g_pool.runs_taken);
  TEST_ASSERT_EQUAL_size_t(4, g_pool.last_run_pages);
  // Use up that chunk (3 blocks a page), then refuse everything.
  for (size_t i = 0; i < 4 * 3 - 1; ++i) TEST_ASSERT_NOT_NULL(sys::heap::allocate(1024));
  g_pool.pages_left = 0;
  TEST_ASSERT_NULL(sys::heap::allocate(1024));
  TEST_ASSERT_NULL(sys::heap::allocate(3 * kPageSize));
  g_pool.pages_left = SIZE_MAX;
  TEST_ASSERT_NOT_NULL(sys::heap::allocate(1024));
}

// A large block is a run of its own (its pages plus one for the header when the size is a whole
// number of pages), given back whole by free; a freed small block is the next one of its class.
void test_large_blocks_and_reuse() {
  g_pool.from_server = true;
  const size_t held = g_pool.pages_held;
  void* big = sys::heap::allocate(100 * kPageSize);
  TEST_ASSERT_NOT_NULL(big);
  TEST_ASSERT_EQUAL_size_t(101, g_pool.last_run_pages);
  TEST_ASSERT_EQUAL_size_t(held + 101, g_pool.pages_held);
  void* odd = sys::heap::allocate(2049);
  TEST_ASSERT_EQUAL_size_t(1, g_pool.last_run_pages);
  sys::heap::free(big);
  sys::heap::free(odd);
  TEST_ASSERT_EQUAL_size_t(held, g_pool.pages_held);
  void* a = sys::heap::allocate(40);
  sys::heap::free(a);
  TEST_ASSERT_EQUAL_PTR(a, sys::heap::allocate(48));
  sys::heap::free(a);
  TEST_ASSERT_NULL(sys::heap::allocate(0));
  TEST_ASSERT_NULL(sys::heap::allocate(SIZE_MAX - 10));
}

// From the initial frames the heap takes one page at a time (32 frames, shared with stacks): 70
// blocks of 512 bytes fill 10 pages, of which at most 3 are left from the memory server's last
// chunk.
void test_initial_frames_one_page_at_a_time() {
  g_pool.from_server = false;
  const size_t runs = g_pool.runs_taken;
  const size_t held = g_pool.pages_held;
  for (size_t i = 0; i < 7 * 10; ++i) TEST_ASSERT_NOT_NULL(sys::heap::allocate(512));
  const size_t new_runs = g_pool.runs_taken - runs;
  TEST_ASSERT_TRUE(new_runs >= 7 && new_runs <= 10);
  TEST_ASSERT_EQUAL_size_t(held + new_runs, g_pool.pages_held);  // one page each
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_small_pages_come_in_growing_chunks);
  RUN_TEST(test_a_refused_chunk_is_asked_again_smaller);
  RUN_TEST(test_large_blocks_and_reuse);
  RUN_TEST(test_initial_frames_one_page_at_a_time);
  return UNITY_END();
}
