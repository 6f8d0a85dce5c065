// MemoryService over a fake address-space backend that applies batches as the kernel would (all or
// nothing: a map over a mapped page, an unmap or protect of an unmapped one refuses the batch):
// registration by badge, allocate (zeroed, anywhere or at an address), free (whole, partial,
// across allocations), protect, every refusal with nothing changed, the pool's count back at its
// start, a re-registration giving back the old client's memory, a client's end giving back
// everything it held (pool count, reverse map, page tables) and freeing its ClientId.
#include "servers/memsrv/memory_service.h"

#include <vector>

#include "test/host/servers/memsrv/memory_service/fake_client_spaces.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

constexpr uint64_t kPoolPages = 64;
constexpr uint64_t kPoolPhys = 0x4000'0000;
constexpr uint64_t kA = mem::kFirstClientBadge;
constexpr uint64_t kB = mem::kFirstClientBadge + 1;

struct Fixture {
  Fixture() : rmap(spaces, config()), view{kPoolPhys, memory.data()} {
    memory.assign(kPoolPages * kPageSize, 0xAB);  // what a previous user left
    view.window = memory.data();
    pool.init(words, uses, kPoolPages);
    TEST_ASSERT_STATUS(Status::kOk, rmap.init());
    service = new MemoryService(spaces, rmap, pool, view);
  }
  ~Fixture() { delete service; }
  static RmapConfig config() {
    RmapConfig c;
    c.max_clients = MemoryService::kMaxClients;
    c.max_entries = 1024;
    c.buckets_per_stripe = 16;
    return c;
  }
  FakeClientSpaces spaces;
  ReverseMap<RmapLock> rmap;
  std::vector<uint8_t> memory;
  PoolView view;
  uint64_t words[PoolAllocator::words_for(kPoolPages)];
  PoolAllocator::PageUse uses[kPoolPages];
  PoolAllocator pool;
  MemoryService* service = nullptr;
};

}  // namespace

void test_allocate_free_round_trip() {
  Fixture f;
  TEST_ASSERT_EQUAL_UINT32(0, f.service->register_client(kA, 32).value());
  const Result<uint64_t> a =
      f.service->allocate(kA, 4 * kPageSize, mem::kAnywhere, kVmRead | kVmWrite);
  TEST_ASSERT_STATUS(Status::kOk, a.status());
  TEST_ASSERT_EQUAL_UINT64(mem::kArenaBase, a.value());
  TEST_ASSERT_EQUAL_size_t(4, f.spaces.pages[0].size());
  // Zeroed, and mapped at consecutive frames.
  const uint64_t frame = f.spaces.pages[0][a.value()].frame;
  for (uint64_t i = 0; i < 4 * kPageSize; ++i) {
    TEST_ASSERT_EQUAL_UINT8(0, f.memory[(frame - kPoolPhys) + i]);
  }
  TEST_ASSERT_EQUAL_UINT64(frame + 3 * kPageSize,
                           f.spaces.pages[0][a.value() + 3 * kPageSize].frame);
  const Result<uint64_t> b = f.service->allocate(kA, kPageSize, 0x1000'0000, kVmRead);
  TEST_ASSERT_EQUAL_UINT64(0x1000'0000, b.value());
  TEST_ASSERT_EQUAL_UINT64(kPoolPages - 5, f.service->stats(kA).value().free_pages);
  TEST_ASSERT_EQUAL_UINT64(5, f.service->stats(kA).value().client_pages);
  // A free in the middle splits the allocation; the rest frees across what is left.
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a.value() + kPageSize, kPageSize));
  TEST_ASSERT_EQUAL_size_t(4, f.spaces.pages[0].size());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kA, a.value(), 4 * kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a.value(), kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a.value() + 2 * kPageSize, 2 * kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, b.value(), kPageSize));
  TEST_ASSERT_EQUAL_size_t(0, f.spaces.pages[0].size());
  TEST_ASSERT_EQUAL_UINT64(kPoolPages, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, f.service->stats(kA).value().client_pages);
}

void test_protect() {
  Fixture f;
  (void)f.service->register_client(kA, 32);
  const uint64_t a =
      f.service->allocate(kA, 3 * kPageSize, mem::kAnywhere, kVmRead | kVmWrite).value();
  const int before = f.spaces.batches;
  TEST_ASSERT_STATUS(Status::kOk, f.service->protect(kA, a + kPageSize, 2 * kPageSize, kVmRead));
  TEST_ASSERT_EQUAL_INT(before + 1, f.spaces.batches);  // one batch
  TEST_ASSERT_EQUAL_UINT8(kVmRead | kVmWrite, f.spaces.pages[0][a].rights);
  TEST_ASSERT_EQUAL_UINT8(kVmRead, f.spaces.pages[0][a + kPageSize].rights);
  TEST_ASSERT_EQUAL_UINT8(kVmRead, f.spaces.pages[0][a + 2 * kPageSize].rights);
}

// Whether a range is all the client's is summed over its regions' overlaps with it: adjacent
// regions cover a range together, a hole anywhere (between, before, after) refuses it whole.
void test_ranges_across_regions() {
  Fixture f;
  (void)f.service->register_client(kA, 32);
  const uint64_t rw = kVmRead | kVmWrite;
  const uint64_t base = 0x1000'0000;
  TEST_ASSERT_EQUAL_UINT64(base, f.service->allocate(kA, 2 * kPageSize, base, rw).value());
  TEST_ASSERT_EQUAL_UINT64(
      base + 2 * kPageSize,
      f.service->allocate(kA, 3 * kPageSize, base + 2 * kPageSize, rw).value());
  TEST_ASSERT_EQUAL_UINT64(base + 6 * kPageSize,
                           f.service->allocate(kA, kPageSize, base + 6 * kPageSize, rw).value());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->protect(kA, base, 7 * kPageSize, kVmRead));
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kA, base - kPageSize, 2 * kPageSize));
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kA, base + 4 * kPageSize, 3 * kPageSize));
  TEST_ASSERT_EQUAL_size_t(6, f.spaces.pages[0].size());
  TEST_ASSERT_STATUS(Status::kOk, f.service->protect(kA, base + kPageSize, 3 * kPageSize, kVmRead));
  TEST_ASSERT_EQUAL_UINT8(rw, f.spaces.pages[0][base].rights);
  TEST_ASSERT_EQUAL_UINT8(kVmRead, f.spaces.pages[0][base + 3 * kPageSize].rights);
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, base + kPageSize, 3 * kPageSize));
  TEST_ASSERT_EQUAL_size_t(3, f.spaces.pages[0].size());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kA, base, 5 * kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, base, kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, base + 4 * kPageSize, kPageSize));
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, base + 6 * kPageSize, kPageSize));
  TEST_ASSERT_EQUAL_size_t(0, f.spaces.pages[0].size());
  TEST_ASSERT_EQUAL_UINT64(kPoolPages, f.pool.free_pages());
}

void test_bad_requests_change_nothing() {
  Fixture f;
  (void)f.service->register_client(kA, 8);
  (void)f.service->register_client(kB, 8);
  const uint64_t a =
      f.service->allocate(kA, 2 * kPageSize, mem::kAnywhere, kVmRead | kVmWrite).value();
  const auto pages_before = f.spaces.pages;
  const uint64_t free_before = f.pool.free_pages();
  const int batches_before = f.spaces.batches;
  const uint64_t rw = kVmRead | kVmWrite;
  // Unknown callers.
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->allocate(0, kPageSize, 0, rw).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     f.service->allocate(mem::kInitBadge, kPageSize, 0, rw).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->free(0x999, a, kPageSize));
  // Allocate: shape, kernel half, quota, overlap, the kernel's refusal.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, f.service->allocate(kA, 0, 0, rw).status());
  TEST_ASSERT_STATUS(Status::kUnaligned, f.service->allocate(kA, 100, 0, rw).status());
  TEST_ASSERT_STATUS(Status::kUnaligned, f.service->allocate(kA, kPageSize, 0x1001, rw).status());
  TEST_ASSERT_STATUS(
      Status::kOverflow,
      f.service->allocate(kA, 2 * kPageSize, ~uint64_t{0} - kPageSize + 1, rw).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     f.service->allocate(kA, kPageSize, kUserTop, rw).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     f.service->allocate(kA, kPageSize, 0, kVmRead | kVmExec).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, f.service->allocate(kA, kPageSize, 0, 0).status());
  TEST_ASSERT_STATUS(Status::kNoSpace, f.service->allocate(kA, 7 * kPageSize, 0, rw).status());
  TEST_ASSERT_STATUS(Status::kAlreadyExists,
                     f.service->allocate(kA, kPageSize, a + kPageSize, rw).status());
  TEST_ASSERT_STATUS(
      Status::kAlreadyExists,
      f.service->allocate(kA, kPageSize, FakeClientSpaces::kForbiddenVa, rw).status());
  // Free / protect: not the client's (the other client's pages included), shape.
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kB, a, kPageSize));
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kA, a, 3 * kPageSize));
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->protect(kB, a, kPageSize, kVmRead));
  TEST_ASSERT_STATUS(Status::kUnaligned, f.service->free(kA, a + 1, kPageSize));
  TEST_ASSERT_STATUS(Status::kUnaligned, f.service->protect(kA, a, 5, kVmRead));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, f.service->free(kA, a, 0));
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->free(kA, kUserTop, kPageSize));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, f.service->protect(kA, a, kPageSize, kVmWrite));
  TEST_ASSERT_TRUE(pages_before == f.spaces.pages);
  TEST_ASSERT_EQUAL_UINT64(free_before, f.pool.free_pages());
  // Only the refused map reached the "kernel" (and was refused whole).
  TEST_ASSERT_EQUAL_INT(batches_before + 1, f.spaces.batches);
  TEST_ASSERT_EQUAL_UINT64(2, f.service->stats(kA).value().client_pages);
}

void test_pool_runs_out() {
  Fixture f;
  (void)f.service->register_client(kA, 1000);
  TEST_ASSERT_STATUS(Status::kNoMemory,
                     f.service->allocate(kA, (kPoolPages + 1) * kPageSize, 0, kVmRead).status());
  TEST_ASSERT_EQUAL_UINT64(kPoolPages, f.pool.free_pages());
}

void test_registration() {
  Fixture f;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, f.service->register_client(0, 8).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     f.service->register_client(mem::kInitBadge, 8).status());
  const ClientId a = f.service->register_client(kA, 8).value();
  (void)f.service->allocate(kA, 2 * kPageSize, mem::kAnywhere, kVmRead);
  // Again (a restart): the same client, its memory given back, its old space forgotten.
  TEST_ASSERT_EQUAL_UINT32(a, f.service->register_client(kA, 8).value());
  TEST_ASSERT_EQUAL_INT(1, f.spaces.forgotten);
  TEST_ASSERT_EQUAL_UINT64(kPoolPages, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, f.service->stats(kA).value().client_pages);
  for (uint64_t i = 1; i < MemoryService::kMaxClients; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, f.service->register_client(kA + i, 8).status());
  }
  TEST_ASSERT_STATUS(Status::kNoSpace, f.service->register_client(kA + 100, 8).status());
}

void test_client_ended_gives_everything_back() {
  Fixture f;
  const uint64_t rw = kVmRead | kVmWrite;
  const ClientId a = f.service->register_client(kA, 32).value();
  const ClientId b = f.service->register_client(kB, 32).value();
  const uint64_t b_va = f.service->allocate(kB, kPageSize, mem::kAnywhere, rw).value();
  // Several allocations, one of them split by a partial free: none freed before the end.
  const uint64_t x = f.service->allocate(kA, 4 * kPageSize, mem::kAnywhere, rw).value();
  TEST_ASSERT_STATUS(Status::kOk,
                     f.service->allocate(kA, 2 * kPageSize, 0x1000'0000, kVmRead).status());
  TEST_ASSERT_STATUS(Status::kOk,
                     f.service->allocate(kA, 3 * kPageSize, mem::kAnywhere, rw).status());
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, x + kPageSize, kPageSize));
  TEST_ASSERT_EQUAL_UINT64(kPoolPages - 9, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(9, f.rmap.mapping_count());

  const Result<uint64_t> back = f.service->client_ended(kA);
  TEST_ASSERT_STATUS(Status::kOk, back.status());
  TEST_ASSERT_EQUAL_UINT64(8, back.value());
  // free + used == total again, with only B's page used; its mapping alone in the rmap.
  TEST_ASSERT_EQUAL_UINT64(kPoolPages - 1, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(1, f.service->stats(kB).value().client_pages);
  TEST_ASSERT_EQUAL_UINT64(1, f.rmap.mapping_count());
  f.rmap.check_invariants();
  TEST_ASSERT_EQUAL_size_t(0, f.spaces.pages[a].size());
  TEST_ASSERT_EQUAL_size_t(1, f.spaces.pages[b].size());
  TEST_ASSERT_EQUAL_UINT64(1, f.spaces.pages[b].count(b_va));
  TEST_ASSERT_EQUAL_INT(1, f.spaces.forgotten);
  // The badge is unknown now: its requests are refused, a second end is not found.
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->stats(kA).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     f.service->allocate(kA, kPageSize, mem::kAnywhere, rw).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->client_ended(kA).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->client_ended(0x999).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->client_ended(0).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->client_ended(mem::kInitBadge).status());
  TEST_ASSERT_EQUAL_UINT64(kPoolPages - 1, f.pool.free_pages());

  // A restart registers the badge afresh: it starts with nothing held and its whole quota.
  TEST_ASSERT_STATUS(Status::kOk, f.service->register_client(kA, 32).status());
  TEST_ASSERT_EQUAL_UINT64(0, f.service->stats(kA).value().client_pages);
  TEST_ASSERT_EQUAL_UINT64(mem::kArenaBase,
                           f.service->allocate(kA, 32 * kPageSize, mem::kAnywhere, rw).value());
  // A client that held nothing ends with nothing given back.
  TEST_ASSERT_STATUS(Status::kOk, f.service->register_client(kB + 1, 8).status());
  TEST_ASSERT_EQUAL_UINT64(0, f.service->client_ended(kB + 1).value());
  TEST_ASSERT_EQUAL_UINT64(32, f.service->client_ended(kA).value());
  TEST_ASSERT_EQUAL_UINT64(1, f.service->client_ended(kB).value());
  TEST_ASSERT_EQUAL_UINT64(kPoolPages, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.mapping_count());
  f.rmap.check_invariants();
}

void test_client_ended_frees_its_client_slot() {
  Fixture f;
  for (uint64_t i = 0; i < MemoryService::kMaxClients; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, f.service->register_client(kA + i, 8).status());
  }
  TEST_ASSERT_STATUS(Status::kNoSpace, f.service->register_client(kA + 100, 8).status());
  TEST_ASSERT_STATUS(Status::kOk, f.service->client_ended(kA + 3).status());
  TEST_ASSERT_STATUS(Status::kOk, f.service->register_client(kA + 100, 8).status());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_allocate_free_round_trip);
  RUN_TEST(test_protect);
  RUN_TEST(test_ranges_across_regions);
  RUN_TEST(test_bad_requests_change_nothing);
  RUN_TEST(test_pool_runs_out);
  RUN_TEST(test_registration);
  RUN_TEST(test_client_ended_gives_everything_back);
  RUN_TEST(test_client_ended_frees_its_client_slot);
  return UNITY_END();
}
