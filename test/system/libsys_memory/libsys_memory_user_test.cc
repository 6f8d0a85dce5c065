// libsys's heap and thread stacks from where they come (libsys/page_pool.h). Started by init as a
// memory-server client (`memory` in libsys_memory_test.manifest): the heap grows past the 32
// initial frames, a large block is one allocation of the memory server's and goes back on free,
// freed blocks are reused; each thread's stack is one allocation (the client's pages at memsrv,
// sys::mem::pool_stats, grow while the threads run and go back at join), a write below a stack's
// bottom faults (the guard page: this program is its own supervisor, sees the fault, maps the page
// through memsrv and resumes), and running out is an error, never a crash. Started by the kernel
// alone (test=programs, no memsrv), the same tests run over the initial Frames capability.
#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/page.h"
#include "libsys/heap.h"
#include "libsys/mem_client.h"
#include "libsys/page_pool.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint64_t kWaitNs = 10'000'000'000;
bool g_server = false;      // the pages come from the memory server
uint32_t g_supervisor = 0;  // this program's own supervisor endpoint (memory-server runs)

// The pages this program holds: at the memory server, or initial frames in use.
uint64_t held_pages() {
  if (!g_server) return kInitialFramesPages - sys::free_page_count();
  const Result<sys::mem::PoolStats> s = sys::mem::pool_stats(kSlotMemoryServer);
  TEST_ASSERT_STATUS(Status::kOk, s.status());
  return s.value().my_pages;
}

uint8_t pattern(size_t block, size_t byte) { return static_cast<uint8_t>(block * 31 + byte); }

void fill(uint8_t* p, size_t bytes, size_t block) {
  for (size_t i = 0; i < bytes; ++i) p[i] = pattern(block, i);
}

bool intact(const uint8_t* p, size_t bytes, size_t block) {
  for (size_t i = 0; i < bytes; ++i) {
    if (p[i] != pattern(block, i)) return false;
  }
  return true;
}

}  // namespace

void setUp() {}
void tearDown() {}

// Many blocks of every small class, written and checked, freed, then taken again: the freed ones
// come back. From memsrv the heap outgrows the 32 initial frames.
void test_many_small_blocks_then_reuse() {
  constexpr size_t kMaxBlocks = 1200;
  static uint8_t* blocks[kMaxBlocks];
  const size_t count = g_server ? kMaxBlocks : 40;
  const uint64_t before = held_pages();
  for (size_t i = 0; i < count; ++i) {
    const size_t bytes = size_t{16} << (i % 8);  // 16 .. 2048
    blocks[i] = static_cast<uint8_t*>(sys::heap::allocate(bytes - i % 16));
    TEST_ASSERT_NOT_NULL(blocks[i]);
    TEST_ASSERT_EQUAL_UINT64(0, reinterpret_cast<uint64_t>(blocks[i]) % sys::heap::kAlignment);
    fill(blocks[i], bytes - i % 16, i);
  }
  for (size_t i = 0; i < count; ++i) {
    TEST_ASSERT_TRUE(intact(blocks[i], (size_t{16} << (i % 8)) - i % 16, i));
  }
  const uint64_t grown = held_pages();
  // 150 blocks of each class: about 330 pages of blocks (the 2048-byte class alone 150).
  if (g_server) TEST_ASSERT_GREATER_THAN_UINT64(before + kInitialFramesPages, grown);
  for (size_t i = 0; i < count; ++i) sys::heap::free(blocks[i]);
  // Pages given to a class stay with it: taking the blocks again takes no new page.
  for (size_t i = 0; i < count; ++i) {
    blocks[i] = static_cast<uint8_t*>(sys::heap::allocate((size_t{16} << (i % 8)) - i % 16));
    TEST_ASSERT_NOT_NULL(blocks[i]);
  }
  TEST_ASSERT_EQUAL_UINT64(grown, held_pages());
  for (size_t i = 0; i < count; ++i) sys::heap::free(blocks[i]);
  // The last block freed of a class is the next one handed out.
  void* last = blocks[count - 1];
  sys::heap::free(sys::heap::allocate(1));  // another class: changes nothing for this one
  TEST_ASSERT_EQUAL_PTR(last, sys::heap::allocate((size_t{16} << ((count - 1) % 8)) - 1));
  sys::heap::free(last);
}

// A large block is pages of its own (one memory-server allocation each), given back by free.
void test_large_blocks_are_their_own_pages() {
  constexpr size_t kBlocks = 8;
  const size_t bytes = g_server ? 16 * kPageSize : 2 * kPageSize;  // + the header's page
  const uint64_t pages = bytes / kPageSize + 1;
  uint8_t* blocks[kBlocks];
  const size_t count = g_server ? kBlocks : 4;
  const uint64_t before = held_pages();
  for (size_t i = 0; i < count; ++i) {
    blocks[i] = static_cast<uint8_t*>(sys::heap::allocate(bytes));
    TEST_ASSERT_NOT_NULL(blocks[i]);
    TEST_ASSERT_EQUAL_UINT64(before + (i + 1) * pages, held_pages());
    fill(blocks[i], bytes, i);
  }
  for (size_t i = 0; i < count; ++i) TEST_ASSERT_TRUE(intact(blocks[i], bytes, i));
  // Freed in the middle first: the others keep their contents.
  sys::heap::free(blocks[count / 2]);
  TEST_ASSERT_EQUAL_UINT64(before + (count - 1) * pages, held_pages());
  for (size_t i = 0; i < count; ++i) {
    if (i != count / 2) TEST_ASSERT_TRUE(intact(blocks[i], bytes, i));
  }
  for (size_t i = 0; i < count; ++i) {
    if (i != count / 2) sys::heap::free(blocks[i]);
  }
  TEST_ASSERT_EQUAL_UINT64(before, held_pages());
}

// Past what the initial frames hold: 100 pages in one block from memsrv; nullptr from the frames.
// More than the memory server gives one client (its quota): nullptr, nothing held.
void test_blocks_past_the_initial_frames_and_past_the_quota() {
  const uint64_t before = held_pages();
  auto* big = static_cast<uint8_t*>(sys::heap::allocate(100 * kPageSize));
  if (!g_server) {
    TEST_ASSERT_NULL(big);
  } else {
    TEST_ASSERT_NOT_NULL(big);
    big[0] = 1;
    big[100 * kPageSize - 1] = 2;
    TEST_ASSERT_EQUAL_UINT64(before + 101, held_pages());
    sys::heap::free(big);
  }
  TEST_ASSERT_NULL(sys::heap::allocate(mem::kDefaultQuotaPages * kPageSize));
  TEST_ASSERT_EQUAL_UINT64(before, held_pages());
}

namespace {

struct Worker {
  std::atomic<uint32_t>* go;
  std::atomic<uint32_t> running{0};
  uint64_t sum = 0;
};

// Works on its stack until told to end, so every stack is live at once.
void work_then_wait(void* arg) {
  auto* w = static_cast<Worker*>(arg);
  volatile uint64_t scratch[256];
  for (uint64_t i = 0; i < 256; ++i) scratch[i] = i;
  for (uint64_t i = 0; i < 256; ++i) w->sum += scratch[i];
  w->running.store(1, std::memory_order_release);
  wake_waiters(w->running, ~uint32_t{0});
  while (w->go->load(std::memory_order_acquire) == 0) {
    (void)wait_while_equal(*w->go, 0, kWaitForever);
  }
}

}  // namespace

// Every thread's stack (4 pages) is the program's while the thread lives, and is back at join.
void test_thread_stacks_while_they_run() {
  constexpr size_t kThreads = 4;
  const size_t count = g_server ? kThreads : 2;  // 5 frames each of the 32
  const uint64_t before = held_pages();
  std::atomic<uint32_t> go{0};
  Worker workers[kThreads];
  sys::Thread threads[kThreads];
  for (size_t i = 0; i < count; ++i) {
    workers[i].go = &go;
    TEST_ASSERT_STATUS(Status::kOk, threads[i].start(work_then_wait, &workers[i]));
  }
  for (size_t i = 0; i < count; ++i) {
    while (workers[i].running.load(std::memory_order_acquire) == 0) {
      (void)wait_while_equal(workers[i].running, 0, kWaitNs);
    }
  }
  // From memsrv the guard page is never allocated; from the frames it costs one.
  const uint64_t per_stack = sys::ThreadOptions{}.stack_pages + (g_server ? 0 : 1);
  TEST_ASSERT_EQUAL_UINT64(before + count * per_stack, held_pages());
  go.store(1, std::memory_order_release);
  wake_waiters(go, ~uint32_t{0});
  for (size_t i = 0; i < count; ++i) {
    threads[i].join();
    TEST_ASSERT_EQUAL_UINT64(255 * 256 / 2, workers[i].sum);
  }
  TEST_ASSERT_EQUAL_UINT64(before, held_pages());
}

// A stack larger than the program may have: an error, nothing held, and the object still usable.
void test_thread_without_memory_is_an_error() {
  const uint64_t before = held_pages();
  sys::Thread t;
  sys::ThreadOptions huge;
  huge.stack_pages = g_server ? mem::kDefaultQuotaPages + 1 : kInitialFramesPages;
  std::atomic<uint32_t> go{1};
  Worker w;
  w.go = &go;
  const Status s = t.start(work_then_wait, &w, huge);
  TEST_ASSERT_TRUE(s == Status::kNoMemory || s == Status::kNoSpace);
  TEST_ASSERT_FALSE(t.joinable());
  TEST_ASSERT_EQUAL_UINT64(before, held_pages());
  TEST_ASSERT_STATUS(Status::kOk, t.start(work_then_wait, &w));
  t.join();
  TEST_ASSERT_EQUAL_UINT64(before, held_pages());
}

namespace {

struct BelowStack {
  volatile uint64_t* written = nullptr;  // where the thread wrote
  size_t stack_pages = 0;
};

// Writes one word just below its stack's lowest page. Its frame is in the stack's top page (the
// thread has called nothing else), so the bottom is that page less stack_pages - 1 pages.
void write_below_stack(void* arg) {
  auto* b = static_cast<BelowStack*>(arg);
  uint64_t here = 0;
  const uint64_t top_page = reinterpret_cast<uint64_t>(&here) & ~(kPageSize - 1);
  const uint64_t bottom = top_page - (b->stack_pages - 1) * kPageSize;
  b->written = reinterpret_cast<volatile uint64_t*>(bottom - sizeof(uint64_t));
  *b->written = 0x6A3D;
}

}  // namespace

// The page below a stack is no one's: the write there faults (this program is its own
// supervisor); mapped through memsrv and resumed, the write completes. The stack goes back at
// join, the mapped page with its own free.
void test_write_below_a_stack_faults() {
  if (!g_server) TEST_IGNORE_MESSAGE("the guard page from memsrv (memory-server boots only)");
  const uint64_t before = held_pages();
  BelowStack below;
  below.stack_pages = sys::ThreadOptions{}.stack_pages;
  sys::Thread t;
  TEST_ASSERT_STATUS(Status::kOk, t.start(write_below_stack, &below));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(g_supervisor, &m, kWaitNs).status);
  TEST_ASSERT_EQUAL_HEX64(kFaultMessageLabel, m.label);
  const FaultMessage f = fault_message_unpack(m.words);
  TEST_ASSERT_TRUE(f.kind == FaultKind::kPage);
  const auto address = reinterpret_cast<uint64_t>(below.written);
  TEST_ASSERT_EQUAL_HEX64(address, f.detail);
  TEST_ASSERT_EQUAL_UINT32(1, (f.error_code >> 1) & 1);  // a write
  TEST_ASSERT_TRUE(address >= sys::kStackWindowBase);
  const uint64_t guard = address & ~(kPageSize - 1);
  TEST_ASSERT_EQUAL_UINT64(guard, sys::mem::allocate(kSlotMemoryServer, kPageSize, guard).value());
  m = IpcMessage{};
  m.label = kFaultReplyResume;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(g_supervisor, &m, 0).status);
  t.join();
  TEST_ASSERT_EQUAL_HEX64(0x6A3D, *below.written);
  TEST_ASSERT_EQUAL_UINT64(before + 1, held_pages());
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kSlotMemoryServer, guard, kPageSize));
  TEST_ASSERT_EQUAL_UINT64(before, held_pages());
}

int main() {
  g_server = sys::pages_from_memory_server();
  sys::printf("libsys_memory_user_test: pages from %s\n",
              g_server ? "the memory server" : "the initial frames");
  if (g_server) {
    // Its own supervisor, to see the guard page's fault (test_write_below_a_stack_faults).
    const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
    if (endpoint.status != Status::kOk) return 1;
    g_supervisor = static_cast<uint32_t>(endpoint.extra);
    if (sys_task_set_supervisor(kSlotSelfTask, g_supervisor).status != Status::kOk) return 1;
  }
  UNITY_BEGIN();
  RUN_TEST(test_many_small_blocks_then_reuse);
  RUN_TEST(test_large_blocks_are_their_own_pages);
  RUN_TEST(test_blocks_past_the_initial_frames_and_past_the_quota);
  RUN_TEST(test_thread_stacks_while_they_run);
  RUN_TEST(test_thread_without_memory_is_an_error);
  RUN_TEST(test_write_below_a_stack_faults);
  return UNITY_END();
}
