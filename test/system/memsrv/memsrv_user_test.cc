// The memory server from a client (docs/memory-server.md, "Tests"): init starts memsrv with the
// pool and then this program with memory=3 (a badged endpoint in slot 3, its address space
// registered). Allocate, write, read back (zeroed first); free, then an access faults; protect
// read-only, then a write faults; every bad request refused with nothing changed (the pool's and
// this client's counts, the data); the pool's free count back at its start once everything is
// freed. Faults are observed by this program as its own supervisor: a second thread makes the
// access, the main thread receives the fault message, repairs the page through memsrv and
// answers resume.
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/mem_client.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kMemory = 3;  // memory=3 in the manifest
constexpr uint64_t kRw = kVmRead | kVmWrite;
constexpr uint64_t kWaitNs = 10'000'000'000;
constexpr uint64_t kFixed = uint64_t{0x3000} << 32;

uint32_t g_supervisor = 0;
uint64_t g_free_at_start = 0;

sys::mem::PoolStats stats() {
  const Result<sys::mem::PoolStats> s = sys::mem::pool_stats(kMemory);
  TEST_ASSERT_STATUS(Status::kOk, s.status());
  return s.value();
}

struct Access {
  volatile uint64_t* where;
  bool write;
  uint64_t value;
  uint64_t seen = 0;
};

void access_thread(void* arg) {
  auto* a = static_cast<Access*>(arg);
  if (a->write) {
    *a->where = a->value;
  } else {
    a->seen = *a->where;
  }
}

// Runs `access` on a second thread, which must fault at its address (page fault, the write bit in
// the error code as `access.write`); `repair` then fixes the page through memsrv and the thread is
// resumed, so its access completes.
template <typename Repair>
void expect_fault_then_resume(Access& access, Repair repair) {
  sys::Thread thread;
  TEST_ASSERT_STATUS(Status::kOk, thread.start(access_thread, &access));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(g_supervisor, &m, kWaitNs).status);
  TEST_ASSERT_EQUAL_HEX64(kFaultMessageLabel, m.label);
  const FaultMessage f = fault_message_unpack(m.words);
  TEST_ASSERT_TRUE(f.kind == FaultKind::kPage);
  TEST_ASSERT_EQUAL_HEX64(reinterpret_cast<uint64_t>(access.where), f.detail);
  TEST_ASSERT_EQUAL_UINT32(access.write ? 1 : 0, (f.error_code >> 1) & 1);
  repair();
  m = IpcMessage{};
  m.label = kFaultReplyResume;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(g_supervisor, &m, 0).status);
  thread.join();
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_allocate_write_read_back() {
  const Result<uint64_t> a = sys::mem::allocate(kMemory, 4 * kPageSize);
  TEST_ASSERT_STATUS(Status::kOk, a.status());
  auto* words = reinterpret_cast<uint64_t*>(a.value());
  const uint64_t count = 4 * kPageSize / sizeof(uint64_t);
  for (uint64_t i = 0; i < count; ++i) TEST_ASSERT_EQUAL_UINT64(0, words[i]);
  for (uint64_t i = 0; i < count; ++i) words[i] = i * 0x9E3779B97F4A7C15u;
  for (uint64_t i = 0; i < count; ++i) TEST_ASSERT_EQUAL_UINT64(i * 0x9E3779B97F4A7C15u, words[i]);
  TEST_ASSERT_EQUAL_UINT64(4, stats().my_pages);
  TEST_ASSERT_EQUAL_UINT64(g_free_at_start - 4, stats().free_pages);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, a.value(), 4 * kPageSize));
  TEST_ASSERT_EQUAL_UINT64(g_free_at_start, stats().free_pages);
}

void test_free_then_access_faults() {
  TEST_ASSERT_EQUAL_UINT64(kFixed, sys::mem::allocate(kMemory, 2 * kPageSize, kFixed).value());
  auto* page = reinterpret_cast<volatile uint64_t*>(kFixed + kPageSize);
  *page = 77;
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, kFixed + kPageSize, kPageSize));
  Access read{page, /*write=*/false, 0};
  // The page is gone: the read faults. Allocated again there, it is a fresh zeroed page.
  expect_fault_then_resume(read, [] {
    TEST_ASSERT_STATUS(Status::kOk,
                       sys::mem::allocate(kMemory, kPageSize, kFixed + kPageSize).status());
  });
  TEST_ASSERT_EQUAL_UINT64(0, read.seen);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, kFixed, 2 * kPageSize));
  TEST_ASSERT_EQUAL_UINT64(0, stats().my_pages);
}

void test_protect_read_only_then_write_faults() {
  const uint64_t a = sys::mem::allocate(kMemory, 2 * kPageSize).value();
  auto* page = reinterpret_cast<volatile uint64_t*>(a);
  *page = 5;
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::protect(kMemory, a, 2 * kPageSize, kVmRead));
  TEST_ASSERT_EQUAL_UINT64(5, *page);  // still readable
  Access write{page, /*write=*/true, 6};
  expect_fault_then_resume(write, [a] {
    TEST_ASSERT_STATUS(Status::kOk, sys::mem::protect(kMemory, a, kPageSize, kRw));
  });
  TEST_ASSERT_EQUAL_UINT64(6, *page);
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, a, 2 * kPageSize));
}

void test_bad_requests_change_nothing() {
  const uint64_t a = sys::mem::allocate(kMemory, 2 * kPageSize).value();
  auto* data = reinterpret_cast<volatile uint64_t*>(a);
  data[0] = 0xDA7A;
  const sys::mem::PoolStats before = stats();
  // Shape, overflow, the kernel half, rights.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::mem::allocate(kMemory, 0).status());
  TEST_ASSERT_STATUS(Status::kUnaligned, sys::mem::allocate(kMemory, 100).status());
  TEST_ASSERT_STATUS(Status::kUnaligned,
                     sys::mem::allocate(kMemory, kPageSize, kFixed + 8).status());
  TEST_ASSERT_STATUS(
      Status::kOverflow,
      sys::mem::allocate(kMemory, 2 * kPageSize, ~uint64_t{0} & ~(kPageSize - 1)).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys::mem::allocate(kMemory, kPageSize, uint64_t{1} << 47).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     sys::mem::allocate(kMemory, kPageSize, uint64_t{0xFFFF8} << 44).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     sys::mem::allocate(kMemory, kPageSize, kFixed, kVmRead | kVmExec).status());
  // Over the quota (mem_protocol.h's default), overlapping, over its own image.
  TEST_ASSERT_STATUS(
      Status::kNoSpace,
      sys::mem::allocate(kMemory, (::mem::kDefaultQuotaPages + 1) * kPageSize).status());
  TEST_ASSERT_STATUS(Status::kAlreadyExists, sys::mem::allocate(kMemory, kPageSize, a).status());
  TEST_ASSERT_STATUS(
      Status::kAlreadyExists,
      sys::mem::allocate(kMemory, kPageSize,
                         reinterpret_cast<uint64_t>(&g_supervisor) & ~(kPageSize - 1))
          .status());
  // Not its memory: never given, its own image, partly beyond an allocation.
  TEST_ASSERT_STATUS(Status::kNotFound, sys::mem::free(kMemory, kFixed, kPageSize));
  TEST_ASSERT_STATUS(Status::kNotFound, sys::mem::free(kMemory, a, 3 * kPageSize));
  TEST_ASSERT_STATUS(
      Status::kNotFound,
      sys::mem::free(kMemory, reinterpret_cast<uint64_t>(&g_supervisor) & ~(kPageSize - 1),
                     kPageSize));
  TEST_ASSERT_STATUS(Status::kNotFound, sys::mem::protect(kMemory, kFixed, kPageSize, kVmRead));
  TEST_ASSERT_STATUS(Status::kUnaligned, sys::mem::free(kMemory, a + 1, kPageSize));
  TEST_ASSERT_STATUS(Status::kUnaligned, sys::mem::protect(kMemory, a, 12, kVmRead));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::mem::protect(kMemory, a, kPageSize, kVmWrite));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys::mem::free(kMemory, uint64_t{1} << 47, kPageSize));
  // A malformed message (unknown label); a query sent without waiting for an answer (memsrv has
  // nobody to answer and serves on).
  IpcMessage m;
  m.label = 0x12345;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys::mem::request(kMemory, m));
  IpcMessage sent;
  sent.label = ::mem::kPoolStats;
  const Status send = sys_ipc_send(kMemory, &sent).status;
  TEST_ASSERT_TRUE(send == Status::kOk || send == Status::kNotFound);
  const sys::mem::PoolStats after = stats();
  TEST_ASSERT_EQUAL_UINT64(before.free_pages, after.free_pages);
  TEST_ASSERT_EQUAL_UINT64(before.my_pages, after.my_pages);
  TEST_ASSERT_EQUAL_UINT64(0xDA7A, data[0]);
  data[1] = 1;  // still writable
  TEST_ASSERT_STATUS(Status::kOk, sys::mem::free(kMemory, a, 2 * kPageSize));
}

void test_pool_back_at_its_start() {
  const sys::mem::PoolStats now = stats();
  TEST_ASSERT_EQUAL_UINT64(g_free_at_start, now.free_pages);
  TEST_ASSERT_EQUAL_UINT64(0, now.my_pages);
}

int main() {
  const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
  if (endpoint.status != Status::kOk) return 1;
  g_supervisor = static_cast<uint32_t>(endpoint.extra);
  if (sys_task_set_supervisor(kSlotSelfTask, g_supervisor).status != Status::kOk) return 1;
  const Result<sys::mem::PoolStats> start = sys::mem::pool_stats(kMemory);
  if (start.is_error()) return 1;
  g_free_at_start = start.value().free_pages;
  UNITY_BEGIN();
  RUN_TEST(test_allocate_write_read_back);
  RUN_TEST(test_free_then_access_faults);
  RUN_TEST(test_protect_read_only_then_write_faults);
  RUN_TEST(test_bad_requests_change_nothing);
  RUN_TEST(test_pool_back_at_its_start);
  return UNITY_END();
}
