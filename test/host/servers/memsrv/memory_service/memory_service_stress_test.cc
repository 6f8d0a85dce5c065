// TSan stress of MemoryService: 4 threads, each mostly one client's worker but also accepting
// offers made to others and checking, mix allocate, free, protect, share offer/accept/cancel,
// reclaim, client_ended and re-registration at random, as memsrv's workers (one per CPU) would.
// Every check during the run must find every invariant holding; at the end every client ends and
// the pool, the charges and the reverse map are back where they started.
#include <stdio.h>

#include <random>
#include <thread>
#include <vector>

#include "test/host/servers/memsrv/memory_service/fake_client_spaces.h"

void setUp() {}
void tearDown() {}

namespace {

constexpr uint64_t P = kPageSize;
constexpr uint32_t kThreads = 4;
constexpr int kOpsPerThread = 3000;
using Fixture = ServiceFixture<512>;

uint64_t badge_of(uint32_t i) { return mem::kFirstClientBadge + i; }

// How many accepts and reclaims took effect (the run must have shared and reclaimed something).
std::atomic<int> g_accepted{0};
std::atomic<int> g_reclaimed{0};

// The latest offer made to each client (0: none); accepted or not by whoever gets there.
std::atomic<uint64_t> g_offer_to[kThreads];

void worker(Fixture& f, uint32_t me, std::atomic<int>& check_failures) {
  std::mt19937_64 random(1234 + me);
  const uint64_t badge = badge_of(me);
  std::vector<uint64_t> mine;  // addresses this client was given (may have gone since)
  for (int op = 0; op < kOpsPerThread; ++op) {
    const uint32_t pick = random() % 100;
    const uint64_t some = mine.empty() ? mem::kArenaBase : mine[random() % mine.size()];
    const uint64_t pages = 1 + random() % 3;
    if (pick < 25) {
      const Result<uint64_t> a =
          f.service->allocate(badge, pages * P, mem::kAnywhere, kVmRead | kVmWrite);
      if (a.is_ok()) mine.push_back(a.value());
    } else if (pick < 40) {
      (void)f.service->free(badge, some, P * (1 + random() % 2));
    } else if (pick < 48) {
      (void)f.service->protect(badge, some, P, random() % 2 ? kVmRead : kVmRead | kVmWrite);
    } else if (pick < 63) {
      const uint32_t to = (me + 1 + random() % (kThreads - 1)) % kThreads;
      const Result<uint64_t> offer = f.service->share_offer(badge, some, P, kVmRead, badge_of(to));
      if (offer.is_ok()) g_offer_to[to].store(offer.value(), std::memory_order_relaxed);
    } else if (pick < 78) {
      const uint64_t offer = g_offer_to[me].exchange(0, std::memory_order_relaxed);
      if (offer != 0) {
        const Result<uint64_t> got = f.service->share_accept(badge, offer, mem::kAnywhere);
        if (got.is_ok()) {
          mine.push_back(got.value());
          g_accepted++;
        }
      }
    } else if (pick < 84) {
      if (f.service->reclaim(badge, some, P).is_ok()) g_reclaimed++;
    } else if (pick < 87) {
      (void)f.service->share_cancel(badge, g_offer_to[random() % kThreads].load());
    } else if (pick < 90) {
      (void)f.service->client_ended(badge);
      mine.clear();
      TEST_ASSERT_STATUS(Status::kOk, f.service->register_client(badge, 64).status());
    } else {
      const Result<MemoryCheckReport> r = f.service->check(badge);
      if (r.is_error() || r.value().failed != MemoryCheckReport::kNone) check_failures++;
    }
    if (mine.size() > 64) mine.erase(mine.begin());
  }
}

}  // namespace

void test_four_workers_keep_every_invariant() {
  Fixture f(4);
  for (uint32_t i = 0; i < kThreads; ++i) {
    TEST_ASSERT_EQUAL_UINT32(i, f.service->register_client(badge_of(i), 64).value());
  }
  const uint64_t free_at_start = f.pool.free_pages();
  std::atomic<int> check_failures{0};
  std::vector<std::thread> threads;
  for (uint32_t i = 0; i < kThreads; ++i) {
    threads.emplace_back(worker, std::ref(f), i, std::ref(check_failures));
  }
  for (std::thread& t : threads) t.join();
  TEST_ASSERT_EQUAL_INT(0, check_failures.load());
  printf("accepted %d, reclaimed %d, batches %d\n", g_accepted.load(), g_reclaimed.load(),
         f.spaces.batches.load());
  TEST_ASSERT_GREATER_THAN_INT(50, g_accepted.load());
  TEST_ASSERT_GREATER_THAN_INT(50, g_reclaimed.load());
  const MemoryCheckReport r = f.check_ok();
  TEST_ASSERT_EQUAL_UINT64(512, r.pages_checked);
  TEST_ASSERT_GREATER_THAN_UINT64(0, f.spaces.batches.load());
  for (uint32_t i = 0; i < kThreads; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, f.service->client_ended(badge_of(i)).status());
  }
  TEST_ASSERT_EQUAL_UINT64(free_at_start, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.mapping_count());
  for (uint32_t i = 0; i < kThreads; ++i) TEST_ASSERT_EQUAL_UINT64(0, f.pool.charged(i));
  f.rmap.check_invariants();
  f.check_ok();
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_four_workers_keep_every_invariant);
  return UNITY_END();
}
