// MemoryService's sharing requests over a fake address-space backend: offer and accept (the same
// frames in two clients, the receiver's rights no wider than offered, the payer charged), who_am_i,
// cancel, free and protect of shared pages, reclaim (every client's mapping and bookkeeping, the
// frame back in the pool and reused), a payer's end, frame_of, and the check after every step
// (and a backend that disagrees, to prove the check can fail). Every refusal changes nothing.
#include <string.h>

#include "test/host/servers/memsrv/memory_service/fake_client_spaces.h"

void setUp() {}
void tearDown() {}

namespace {

constexpr uint64_t P = kPageSize;
constexpr uint64_t kRW = kVmRead | kVmWrite;
constexpr uint64_t kA = mem::kFirstClientBadge;
constexpr uint64_t kB = mem::kFirstClientBadge + 1;
constexpr uint64_t kC = mem::kFirstClientBadge + 2;
constexpr uint64_t kStranger = 0x999;
constexpr uint64_t kServerPages = 2;
using Fixture = ServiceFixture<64>;

// Registers A, B, C (ClientIds 0, 1, 2) with `quota` each.
template <typename F>
void register_abc(F& f, uint64_t quota = 32) {
  TEST_ASSERT_EQUAL_UINT32(0, f.service->register_client(kA, quota).value());
  TEST_ASSERT_EQUAL_UINT32(1, f.service->register_client(kB, quota).value());
  TEST_ASSERT_EQUAL_UINT32(2, f.service->register_client(kC, quota).value());
}

// Everything observable: pool, charges, page tables, reverse map.
struct Snapshot {
  uint64_t free_pages, charged[3], rmap_mappings;
  std::map<uint64_t, FakePage> pages[3];
  static Snapshot of(Fixture& f) {
    Snapshot s{f.pool.free_pages(), {}, f.rmap.mapping_count(), {}};
    for (int i = 0; i < 3; ++i) {
      s.charged[i] = f.pool.charged(i);
      s.pages[i] = f.spaces.pages[i];
    }
    return s;
  }
  void expect_same(Fixture& f) const {
    const Snapshot now = of(f);
    TEST_ASSERT_EQUAL_UINT64(free_pages, now.free_pages);
    TEST_ASSERT_EQUAL_UINT64(rmap_mappings, now.rmap_mappings);
    for (int i = 0; i < 3; ++i) {
      TEST_ASSERT_EQUAL_UINT64(charged[i], now.charged[i]);
      TEST_ASSERT_EQUAL_size_t(pages[i].size(), now.pages[i].size());
      for (const auto& [va, page] : pages[i]) {
        TEST_ASSERT_EQUAL_UINT64(page.frame, f.spaces.frame_at(i, va));
      }
    }
  }
};

}  // namespace

void test_share_maps_the_same_frames_and_the_payer_pays() {
  Fixture f(kServerPages);
  register_abc(f);
  TEST_ASSERT_EQUAL_UINT64(kB, f.service->who_am_i(kB).value());
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->who_am_i(kStranger).status());
  const uint64_t a = f.service->allocate(kA, 2 * P, mem::kAnywhere, kRW).value();
  const uint64_t frame = f.service->frame_of(kA, a).value();
  f.byte(frame, 5) = 42;  // A's write
  const uint64_t offer = f.service->share_offer(kA, a, 2 * P, kVmRead, kB).value();
  TEST_ASSERT_NOT_EQUAL(0, offer);
  const uint64_t b = f.service->share_accept(kB, offer, mem::kAnywhere).value();
  TEST_ASSERT_EQUAL_UINT64(mem::kArenaBase, b);  // B's own arena
  // The same frames, read-only in B; the bytes are the same bytes.
  TEST_ASSERT_EQUAL_UINT64(frame, f.service->frame_of(kB, b).value());
  TEST_ASSERT_EQUAL_UINT64(frame + P, f.spaces.frame_at(1, b + P));
  TEST_ASSERT_EQUAL_UINT8(kVmRead, f.spaces.pages[1][b].rights);
  TEST_ASSERT_EQUAL_UINT8(42, f.byte(f.spaces.frame_at(1, b), 5));
  TEST_ASSERT_EQUAL_UINT8(2, f.pool.use((frame - Fixture::kPoolPhys) / P).mappings);
  // A pays for both pages; B's mapping costs it nothing.
  TEST_ASSERT_EQUAL_UINT64(2, f.service->stats(kA).value().client_pages);
  TEST_ASSERT_EQUAL_UINT64(0, f.service->stats(kB).value().client_pages);
  const MemoryCheckReport r = f.check_ok();
  TEST_ASSERT_EQUAL_UINT64(64, r.pages_checked);
  TEST_ASSERT_EQUAL_UINT64(4, r.mappings_checked);
  // B cannot widen past the offer; read stays allowed. A's own rights are its own business.
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->protect(kB, b, P, kRW));
  TEST_ASSERT_STATUS(Status::kOk, f.service->protect(kB, b, 2 * P, kVmRead));
  TEST_ASSERT_STATUS(Status::kOk, f.service->protect(kA, a, P, kVmRead));
  TEST_ASSERT_EQUAL_UINT8(kVmRead, f.spaces.pages[0][a].rights);
  // The offer was used up.
  TEST_ASSERT_STATUS(Status::kNotFound,
                     f.service->share_accept(kB, offer, mem::kAnywhere).status());
  f.check_ok();
}

void test_free_of_shared_pages_is_per_mapping() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t free_at_start = f.pool.free_pages();
  const uint64_t a = f.service->allocate(kA, 2 * P, mem::kAnywhere, kRW).value();
  const uint64_t b =
      f.service
          ->share_accept(kB, f.service->share_offer(kA, a, 2 * P, kRW, kB).value(), 0x2000'0000)
          .value();
  TEST_ASSERT_EQUAL_UINT64(0x2000'0000, b);
  // A frees its mapping: B keeps the frames, A still pays for them, none is back in the pool.
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a, 2 * P));
  TEST_ASSERT_EQUAL_size_t(0, f.spaces.pages[0].size());
  TEST_ASSERT_EQUAL_size_t(2, f.spaces.pages[1].size());
  TEST_ASSERT_EQUAL_UINT64(free_at_start - 2, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(2, f.pool.charged(0));
  f.check_ok();
  // B frees one page: back in the pool, off A's charge; then the other.
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kB, b + P, P));
  TEST_ASSERT_EQUAL_UINT64(1, f.pool.charged(0));
  TEST_ASSERT_EQUAL_UINT64(free_at_start - 1, f.pool.free_pages());
  f.check_ok();
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kB, b, P));
  TEST_ASSERT_EQUAL_UINT64(free_at_start, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, f.pool.charged(0));
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.mapping_count());
  f.check_ok();
}

// One frame offered to two receivers: the first one's free of its mapping leaves the owner's
// offer to the second alone (the owner still maps the frame); the owner's own free cancels its
// offers, but not an offer a receiver made of what it was given.
void test_a_receivers_free_leaves_the_owners_other_offers() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t a = f.service->allocate(kA, P, mem::kAnywhere, kRW).value();
  const uint64_t to_b = f.service->share_offer(kA, a, P, kRW, kB).value();
  const uint64_t to_c = f.service->share_offer(kA, a, P, kRW, kC).value();
  const uint64_t b = f.service->share_accept(kB, to_b, mem::kAnywhere).value();
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kB, b, P));
  const uint64_t c = f.service->share_accept(kC, to_c, mem::kAnywhere).value();
  TEST_ASSERT_EQUAL_UINT64(f.spaces.frame_at(0, a), f.spaces.frame_at(2, c));
  // C offers on to B what it was given; A frees: A's offers would go, C's stays.
  const uint64_t c_to_b = f.service->share_offer(kC, c, P, kVmRead, kB).value();
  const uint64_t a_to_b = f.service->share_offer(kA, a, P, kRW, kB).value();
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a, P));
  TEST_ASSERT_STATUS(Status::kNotFound,
                     f.service->share_accept(kB, a_to_b, mem::kAnywhere).status());
  const uint64_t b2 = f.service->share_accept(kB, c_to_b, mem::kAnywhere).value();
  TEST_ASSERT_EQUAL_UINT64(f.spaces.frame_at(2, c), f.spaces.frame_at(1, b2));
  f.check_ok();
}

void test_offer_refusals_change_nothing() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t a = f.service->allocate(kA, 2 * P, mem::kAnywhere, kRW).value();
  const uint64_t a2 = f.service->allocate(kA, P, mem::kAnywhere, kRW).value();  // right after a
  const uint64_t ro =
      f.service
          ->share_accept(kB, f.service->share_offer(kA, a, P, kVmRead, kB).value(), mem::kAnywhere)
          .value();
  const Snapshot before = Snapshot::of(f);
  auto offer = [&](uint64_t badge, uint64_t address, uint64_t length, uint64_t rights,
                   uint64_t to) {
    return f.service->share_offer(badge, address, length, rights, to).status();
  };
  TEST_ASSERT_STATUS(Status::kAccessDenied, offer(kStranger, a, P, kRW, kB));
  TEST_ASSERT_STATUS(Status::kAccessDenied, offer(mem::kInitBadge, a, P, kRW, kB));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, offer(kA, a, P, kRW, kA));  // to itself
  TEST_ASSERT_STATUS(Status::kNotFound, offer(kA, a, P, kRW, kStranger));
  TEST_ASSERT_STATUS(Status::kNotFound, offer(kA, a, P, kRW, 0));
  TEST_ASSERT_STATUS(Status::kUnaligned, offer(kA, a + 1, P, kRW, kB));
  TEST_ASSERT_STATUS(Status::kUnaligned, offer(kA, a, P + 1, kRW, kB));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, offer(kA, a, 0, kRW, kB));
  TEST_ASSERT_STATUS(Status::kOverflow, offer(kA, ~uint64_t{0} & ~(P - 1), 2 * P, kRW, kB));
  TEST_ASSERT_STATUS(Status::kAccessDenied, offer(kA, kUserTop - P, 2 * P, kRW, kB));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, offer(kA, a, P, kVmWrite, kB));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, offer(kA, a, P, kRW | kVmExec, kB));
  TEST_ASSERT_STATUS(Status::kNotFound, offer(kA, a + 3 * P, P, kRW, kB));         // not A's
  TEST_ASSERT_STATUS(Status::kNotFound, offer(kB, a + P, P, kVmRead, kA));         // A's, not B's
  TEST_ASSERT_STATUS(Status::kInvalidArgument, offer(kA, a + P, 2 * P, kRW, kB));  // a and a2
  (void)a2;
  TEST_ASSERT_STATUS(Status::kAccessDenied, offer(kB, ro, P, kRW, kC));  // wider than B has
  before.expect_same(f);
  // Re-sharing what one was given, no wider, is allowed; C's page is still A's to pay for.
  const uint64_t c =
      f.service
          ->share_accept(kC, f.service->share_offer(kB, ro, P, kVmRead, kC).value(), mem::kAnywhere)
          .value();
  TEST_ASSERT_EQUAL_UINT64(f.service->frame_of(kA, a).value(), f.service->frame_of(kC, c).value());
  TEST_ASSERT_EQUAL_UINT64(3, f.pool.charged(0));
  f.check_ok();
}

void test_accept_refusals_change_nothing() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t a = f.service->allocate(kA, 2 * P, mem::kAnywhere, kRW).value();
  const uint64_t b_own = f.service->allocate(kB, P, 0x3000'0000, kRW).value();
  const uint64_t offer = f.service->share_offer(kA, a, 2 * P, kRW, kB).value();
  const Snapshot before = Snapshot::of(f);
  auto accept = [&](uint64_t badge, uint64_t id, uint64_t address) {
    return f.service->share_accept(badge, id, address).status();
  };
  TEST_ASSERT_STATUS(Status::kAccessDenied, accept(kC, offer, mem::kAnywhere));  // made to B
  TEST_ASSERT_STATUS(Status::kAccessDenied, accept(kStranger, offer, mem::kAnywhere));
  TEST_ASSERT_STATUS(Status::kNotFound, accept(kB, 0, mem::kAnywhere));
  TEST_ASSERT_STATUS(Status::kNotFound, accept(kB, offer + 0x100, mem::kAnywhere));  // forged
  TEST_ASSERT_STATUS(Status::kNotFound, accept(kB, offer ^ 1, mem::kAnywhere));
  TEST_ASSERT_STATUS(Status::kAlreadyExists, accept(kB, offer, b_own - P));  // overlaps b_own
  TEST_ASSERT_STATUS(Status::kUnaligned, accept(kB, offer, 0x4000'0001));
  TEST_ASSERT_STATUS(Status::kAccessDenied, accept(kB, offer, kUserTop - P));
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->share_cancel(kB, offer));  // not B's offer
  before.expect_same(f);
  // Still live after all that; a cancel makes it stale.
  TEST_ASSERT_STATUS(Status::kOk, f.service->share_cancel(kA, offer));
  TEST_ASSERT_STATUS(Status::kNotFound, accept(kB, offer, mem::kAnywhere));
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->share_cancel(kA, offer));
  // Pages freed after the offer: the offer goes with them, even if the same frame comes back at
  // the same address.
  const uint64_t again = f.service->share_offer(kA, a, P, kRW, kB).value();
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a, 2 * P));
  TEST_ASSERT_EQUAL_UINT64(a, f.service->allocate(kA, 2 * P, a, kRW).value());
  TEST_ASSERT_STATUS(Status::kNotFound, accept(kB, again, mem::kAnywhere));
  f.check_ok();
}

void test_reclaim_takes_pages_from_every_client_and_reuses_the_frame() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t free_at_start = f.pool.free_pages();
  const uint64_t a = f.service->allocate(kA, 4 * P, mem::kAnywhere, kRW).value();
  const uint64_t first = f.service->frame_of(kA, a).value();
  // B maps pages 1-2, C all four.
  const uint64_t b =
      f.service
          ->share_accept(kB, f.service->share_offer(kA, a + P, 2 * P, kRW, kB).value(),
                         mem::kAnywhere)
          .value();
  const uint64_t c =
      f.service
          ->share_accept(kC, f.service->share_offer(kA, a, 4 * P, kVmRead, kC).value(),
                         mem::kAnywhere)
          .value();
  f.check_ok();
  // Only the payer reclaims; bad ranges are refused.
  const Snapshot before = Snapshot::of(f);
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->reclaim(kB, b, P).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->reclaim(kStranger, a, P).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->reclaim(kA, a + 4 * P, P).status());
  TEST_ASSERT_STATUS(Status::kUnaligned, f.service->reclaim(kA, a + 1, P).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument, f.service->reclaim(kA, a, 0).status());
  TEST_ASSERT_STATUS(Status::kOverflow, f.service->reclaim(kA, ~(P - 1), 2 * P).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->reclaim(kA, kUserTop - P, 2 * P).status());
  before.expect_same(f);
  // Pages 1-2: A's, B's and C's mappings of them go (6), the frames go back.
  TEST_ASSERT_EQUAL_UINT64(6, f.service->reclaim(kA, a + P, 2 * P).value());
  TEST_ASSERT_EQUAL_UINT64(0, f.spaces.frame_at(0, a + P));
  TEST_ASSERT_EQUAL_UINT64(0, f.spaces.frame_at(1, b));
  TEST_ASSERT_EQUAL_UINT64(0, f.spaces.frame_at(2, c + 2 * P));
  TEST_ASSERT_EQUAL_UINT64(first + 3 * P, f.spaces.frame_at(2, c + 3 * P));
  TEST_ASSERT_EQUAL_size_t(0, f.spaces.pages[1].size());
  TEST_ASSERT_EQUAL_size_t(2, f.spaces.pages[2].size());
  TEST_ASSERT_EQUAL_UINT64(free_at_start - 2, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(2, f.pool.charged(0));
  // Every client's bookkeeping lost them: regions split, requests on them refused.
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->frame_of(kB, b).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->free(kC, c, 4 * P));
  TEST_ASSERT_STATUS(Status::kOk, f.service->protect(kC, c + 3 * P, P, kVmRead));
  f.check_ok();
  // The frame is handed out again (zeroed).
  f.byte(first + P) = 7;
  const uint64_t d = f.service->allocate(kB, P, mem::kAnywhere, kRW).value();
  TEST_ASSERT_EQUAL_UINT64(first + P, f.service->frame_of(kB, d).value());
  TEST_ASSERT_EQUAL_UINT8(0, f.byte(first + P));
  f.check_ok();
  // The rest, then C's and B's own: the pool is whole again.
  TEST_ASSERT_EQUAL_UINT64(2, f.service->reclaim(kA, a, P).value());
  TEST_ASSERT_EQUAL_UINT64(2, f.service->reclaim(kA, a + 3 * P, P).value());
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kB, d, P));
  TEST_ASSERT_EQUAL_UINT64(free_at_start, f.pool.free_pages());
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.mapping_count());
  f.check_ok();
}

void test_reclaim_without_a_spare_slot_takes_the_tail_too() {
  // A pool and quotas with room for a whole region table of page-sized allocations.
  ServiceFixture<MemoryService::kMaxRegions + 64> f(kServerPages);
  register_abc(f, MemoryService::kMaxRegions + 8);
  const uint64_t a = f.service->allocate(kA, 3 * P, mem::kAnywhere, kRW).value();
  const uint64_t b =
      f.service
          ->share_accept(kB, f.service->share_offer(kA, a, 3 * P, kRW, kB).value(), mem::kAnywhere)
          .value();
  // B's other slots full (page-sized allocations).
  for (uint32_t i = 1; i < MemoryService::kMaxRegions; ++i) {
    TEST_ASSERT_STATUS(Status::kOk,
                       f.service->allocate(kB, P, 0x1000'0000 + i * 2 * P, kRW).status());
  }
  // The middle page: B's region cannot split, so its tail goes too (A's frames only, kept by A);
  // A splits.
  TEST_ASSERT_EQUAL_UINT64(2, f.service->reclaim(kA, a + P, P).value());
  TEST_ASSERT_EQUAL_UINT64(f.spaces.frame_at(0, a), f.spaces.frame_at(1, b));
  TEST_ASSERT_EQUAL_UINT64(0, f.spaces.frame_at(1, b + P));
  TEST_ASSERT_EQUAL_UINT64(0, f.spaces.frame_at(1, b + 2 * P));
  TEST_ASSERT_NOT_EQUAL(0, f.spaces.frame_at(0, a + 2 * P));
  TEST_ASSERT_EQUAL_UINT8(
      1, f.pool.use((f.spaces.frame_at(0, a + 2 * P) - Fixture::kPoolPhys) / P).mappings);
  TEST_ASSERT_EQUAL_UINT8(2,
                          f.pool.use((f.spaces.frame_at(0, a) - Fixture::kPoolPhys) / P).mappings);
  f.check_ok();
}

void test_payer_end_takes_its_pages_from_everyone() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t free_at_start = f.pool.free_pages();
  const uint64_t a = f.service->allocate(kA, 2 * P, mem::kAnywhere, kRW).value();
  const uint64_t b_own = f.service->allocate(kB, P, mem::kAnywhere, kRW).value();
  (void)f.service
      ->share_accept(kB, f.service->share_offer(kA, a, 2 * P, kRW, kB).value(), mem::kAnywhere)
      .value();
  // B's own page shared to A: it stays with A when... B ends below, so it goes too.
  (void)f.service
      ->share_accept(kA, f.service->share_offer(kB, b_own, P, kRW, kA).value(), mem::kAnywhere)
      .value();
  const uint64_t pending = f.service->share_offer(kA, a, P, kRW, kC).value();
  TEST_ASSERT_EQUAL_UINT64(2, f.service->client_ended(kA).value());
  // A's pages left B; B's own page left A (A is gone); the offer to C is stale.
  TEST_ASSERT_EQUAL_size_t(1, f.spaces.pages[1].size());
  TEST_ASSERT_EQUAL_UINT64(free_at_start - 1, f.pool.free_pages());
  TEST_ASSERT_STATUS(Status::kNotFound,
                     f.service->share_accept(kC, pending, mem::kAnywhere).status());
  f.check_ok();
  // A receiver's end leaves the payer's pages alone.
  const uint64_t c_page = f.service->allocate(kC, P, mem::kAnywhere, kRW).value();
  (void)f.service
      ->share_accept(kB, f.service->share_offer(kC, c_page, P, kRW, kB).value(), mem::kAnywhere)
      .value();
  TEST_ASSERT_EQUAL_UINT64(1, f.service->client_ended(kB).value());
  TEST_ASSERT_NOT_EQUAL(0, f.spaces.frame_at(2, c_page));
  TEST_ASSERT_EQUAL_UINT8(
      1, f.pool.use((f.spaces.frame_at(2, c_page) - Fixture::kPoolPhys) / P).mappings);
  TEST_ASSERT_EQUAL_UINT64(1, f.service->client_ended(kC).value());
  TEST_ASSERT_EQUAL_UINT64(free_at_start, f.pool.free_pages());
  f.check_ok();
}

void test_quota_is_the_payers() {
  Fixture f(kServerPages);
  register_abc(f, 4);
  const uint64_t a = f.service->allocate(kA, 4 * P, mem::kAnywhere, kRW).value();
  TEST_ASSERT_STATUS(Status::kNoSpace, f.service->allocate(kA, P, mem::kAnywhere, kRW).status());
  // B has its whole quota left after mapping A's four pages.
  (void)f.service
      ->share_accept(kB, f.service->share_offer(kA, a, 4 * P, kRW, kB).value(), mem::kAnywhere)
      .value();
  TEST_ASSERT_STATUS(Status::kOk, f.service->allocate(kB, 4 * P, mem::kAnywhere, kRW).status());
  // A freeing its mapping does not give A its quota back while B still maps the pages.
  TEST_ASSERT_STATUS(Status::kOk, f.service->free(kA, a, 4 * P));
  TEST_ASSERT_STATUS(Status::kNoSpace, f.service->allocate(kA, P, mem::kAnywhere, kRW).status());
  f.check_ok();
}

void test_offer_table_full() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t a = f.service->allocate(kA, P, mem::kAnywhere, kRW).value();
  uint64_t last = 0;
  for (uint32_t i = 0; i < MemoryService::kMaxOffers; ++i) {
    last = f.service->share_offer(kA, a, P, kRW, kB).value();
  }
  TEST_ASSERT_STATUS(Status::kNoSpace, f.service->share_offer(kA, a, P, kRW, kB).status());
  TEST_ASSERT_STATUS(Status::kOk, f.service->share_cancel(kA, last));
  const uint64_t reused = f.service->share_offer(kA, a, P, kRW, kB).value();
  TEST_ASSERT_NOT_EQUAL(last, reused);  // the same slot, another id: the old one stays stale
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->share_accept(kB, last, mem::kAnywhere).status());
}

void test_frame_of_refusals() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t a = f.service->allocate(kA, P, mem::kAnywhere, kRW).value();
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->frame_of(kStranger, a).status());
  TEST_ASSERT_STATUS(Status::kUnaligned, f.service->frame_of(kA, a + 8).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->frame_of(kA, a + P).status());
  TEST_ASSERT_STATUS(Status::kNotFound, f.service->frame_of(kB, a).status());
}

// The check compares against the page tables' own answer: a backend that disagrees (a frame
// changed behind memsrv's back, a page unmapped, rights widened) makes it fail, and it passes again
// once the tables agree. Also a client's check and an unknown badge's.
void test_check_fails_when_the_page_tables_disagree() {
  Fixture f(kServerPages);
  register_abc(f);
  const uint64_t a = f.service->allocate(kA, 2 * P, mem::kAnywhere, kRW).value();
  (void)f.service
      ->share_accept(kB, f.service->share_offer(kA, a, P, kVmRead, kB).value(), mem::kAnywhere)
      .value();
  TEST_ASSERT_STATUS(Status::kOk, f.service->check(kB).status());
  TEST_ASSERT_STATUS(Status::kAccessDenied, f.service->check(kStranger).status());
  const FakePage saved = f.spaces.pages[0][a + P];
  f.spaces.pages[0][a + P].frame += P;
  MemoryCheckReport r = f.service->check(kA).value();
  TEST_ASSERT_EQUAL_UINT64(MemoryCheckReport::kPageTable, r.failed);
  TEST_ASSERT_EQUAL_UINT64(a + P, r.where);
  f.spaces.pages[0].erase(a + P);
  TEST_ASSERT_EQUAL_UINT64(MemoryCheckReport::kPageTable, f.service->check(kA).value().failed);
  f.spaces.pages[0][a + P] = saved;
  const uint64_t b = f.spaces.pages[1].begin()->first;
  f.spaces.pages[1][b].rights = kRW;  // wider than offered
  TEST_ASSERT_EQUAL_UINT64(MemoryCheckReport::kPageTable, f.service->check(kA).value().failed);
  f.spaces.pages[1][b].rights = kVmRead;
  f.check_ok();
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_share_maps_the_same_frames_and_the_payer_pays);
  RUN_TEST(test_free_of_shared_pages_is_per_mapping);
  RUN_TEST(test_a_receivers_free_leaves_the_owners_other_offers);
  RUN_TEST(test_offer_refusals_change_nothing);
  RUN_TEST(test_accept_refusals_change_nothing);
  RUN_TEST(test_reclaim_takes_pages_from_every_client_and_reuses_the_frame);
  RUN_TEST(test_reclaim_without_a_spare_slot_takes_the_tail_too);
  RUN_TEST(test_payer_end_takes_its_pages_from_everyone);
  RUN_TEST(test_quota_is_the_payers);
  RUN_TEST(test_offer_table_full);
  RUN_TEST(test_frame_of_refusals);
  RUN_TEST(test_check_fails_when_the_page_tables_disagree);
  return UNITY_END();
}
