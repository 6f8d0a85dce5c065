// servers/memsrv/reverse_map under both lock policies in one program (and the configured RmapLock):
// map/share/unmap/reclaim/exit kept equal to the clients' page tables (the rmap checker walks every
// table), failures that change nothing, batching of reclaim and exit, random steps; notifier order,
// waiting and timeout with the semaphore; the refused subscription with the spinlock.
#include <stdio.h>
#include <string.h>

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "libsys/rmap_lock.h"
#include "servers/memsrv/reverse_map.h"
#include "test/host/kernel/vm/fake_machine.h"
#include "unity.h"

namespace {

constexpr uint64_t P = kPageSize;
constexpr uint64_t kFrame = fake::kRamBase;
constexpr uint64_t kVa = 0x40'0000;
constexpr uint8_t kRW = kVmRead | kVmWrite;

void ok(Status s) {
  if (s != Status::kOk) printf("status %s\n", status_name(s));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk), static_cast<int>(s));
}
void is(Status want, Status got) {
  if (want != got) printf("want %s, got %s\n", status_name(want), status_name(got));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(want), static_cast<int>(got));
}

template <typename Lock>
struct Fixture {
  explicit Fixture(RmapConfig config = RmapConfig{}, uint32_t clients_count = 4)
      : clients(mem, clients_count), rmap(clients, with_clients(config, clients_count)) {
    ok(rmap.init());
  }
  static RmapConfig with_clients(RmapConfig c, uint32_t n) {
    c.max_clients = n;
    return c;
  }
  void check() {
    rmap.check_invariants();
    const char* why = "";
    if (!clients.matches(rmap, &why)) TEST_FAIL_MESSAGE(why);
  }
  bool mapped(ClientId c, uint64_t va) {
    return pte::present(clients.space(c).tables().lookup(va));
  }

  fake::PhysicalMemory mem;
  fake::Clients clients;
  ReverseMap<Lock> rmap;
};

// A subscriber that records its calls and does whatever `react` says (answer now, later, never).
struct Subscriber final : RmapNotifier {
  struct Call {
    ClientId client;
    uint64_t va, pages;
    NotifierTicket ticket;
    int order;
  };
  void before_unmap(ClientId client, uint64_t va, uint64_t pages, NotifierTicket ticket) override {
    calls.push_back(Call{client, va, pages, ticket, (*clock)++});
    if (react) react(client, va, pages, ticket);
  }
  std::vector<Call> calls;
  std::function<void(ClientId, uint64_t, uint64_t, NotifierTicket)> react;
  int* clock = nullptr;
};

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

void setUp() {}
void tearDown() {}

// ---- both policies ----

template <typename Lock>
void test_map_is_recorded_and_mapped() {
  Fixture<Lock> f;
  ok(f.rmap.map(1, kVa, kFrame, 16, kRW));
  TEST_ASSERT_EQUAL_UINT64(16, f.rmap.mapping_count());
  TEST_ASSERT_TRUE(f.rmap.contains(kFrame + 5 * P, 1, kVa + 5 * P));
  TEST_ASSERT_TRUE(f.mapped(1, kVa + 15 * P));
  TEST_ASSERT_EQUAL_UINT64(1, f.clients.space(1).counters.batches);  // one request, one batch
  TEST_ASSERT_EQUAL_UINT64(1, f.clients.space(1).counters.ops_before_merge);
  f.check();
}

template <typename Lock>
void test_unmap_needs_the_exact_frames() {
  Fixture<Lock> f;
  ok(f.rmap.map(0, kVa, kFrame, 4, kRW));
  is(Status::kNotFound, f.rmap.unmap(0, kVa, kFrame + P, 4));              // other frames
  is(Status::kNotFound, f.rmap.unmap(1, kVa, kFrame, 4));                  // other client
  is(Status::kNotFound, f.rmap.unmap(0, kVa + 2 * P, kFrame + 2 * P, 4));  // past the end
  TEST_ASSERT_EQUAL_UINT64(4, f.rmap.mapping_count());
  f.check();
  ok(f.rmap.unmap(0, kVa + P, kFrame + P, 2));
  TEST_ASSERT_FALSE(f.mapped(0, kVa + P));
  TEST_ASSERT_TRUE(f.mapped(0, kVa + 3 * P));
  f.check();
}

// The run-wise unmap takes a run's entries out a stripe at a time (stripes are 2 MiB of frames):
// a page missing in the last stripe puts back everything taken from the first ones.
template <typename Lock>
void test_unmap_across_stripes_is_all_or_nothing() {
  Fixture<Lock> f;
  const uint64_t frame = kFrame + 500 * P;  // 1,100 pages from here reach three stripes
  ok(f.rmap.map(0, kVa, frame, 1100, kRW));
  ok(f.rmap.unmap(0, kVa + 1090 * P, frame + 1090 * P, 1));
  is(Status::kNotFound, f.rmap.unmap(0, kVa, frame, 1100));
  is(Status::kNotFound, f.rmap.unmap(0, kVa + P, frame, 1089));  // frames one page off
  TEST_ASSERT_EQUAL_UINT64(1099, f.rmap.mapping_count());
  TEST_ASSERT_TRUE(f.rmap.contains(frame, 0, kVa));
  TEST_ASSERT_TRUE(f.mapped(0, kVa + 600 * P));
  f.check();
  ok(f.rmap.unmap(0, kVa, frame, 1090));
  ok(f.rmap.unmap(0, kVa + 1091 * P, frame + 1091 * P, 9));
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.mapping_count());
  f.check();
  ok(f.rmap.map(1, kVa, frame, 1100, kRW));  // every entry went back to the pool
  f.check();
}

// A kernel that turns the unmap away (the client's space refused): the run stays recorded.
template <typename Lock>
void test_refused_unmap_keeps_the_entries() {
  struct RefusingSpaces final : ClientSpaces {
    explicit RefusingSpaces(fake::Clients& c) : inner(c) {}
    Status submit_batch(ClientId client, const VmOp* ops, uint32_t count) override {
      return refuse ? Status::kBadState : inner.submit_batch(client, ops, count);
    }
    fake::Clients& inner;
    bool refuse = false;
  };
  fake::PhysicalMemory mem;
  fake::Clients clients(mem, 2);
  RefusingSpaces spaces(clients);
  RmapConfig config;
  config.max_clients = 2;
  ReverseMap<Lock> rmap(spaces, config);
  ok(rmap.init());
  ok(rmap.map(1, kVa, kFrame + 300 * P, 600, kRW));
  spaces.refuse = true;
  is(Status::kBadState, rmap.unmap(1, kVa, kFrame + 300 * P, 600));
  spaces.refuse = false;
  TEST_ASSERT_EQUAL_UINT64(600, rmap.mapping_count());
  rmap.check_invariants();
  const char* why = "";
  if (!clients.matches(rmap, &why)) TEST_FAIL_MESSAGE(why);
  ok(rmap.unmap(1, kVa, kFrame + 300 * P, 600));
  TEST_ASSERT_EQUAL_UINT64(0, rmap.mapping_count());
  rmap.check_invariants();
}

template <typename Lock>
void test_share_maps_the_same_frames_into_another_client() {
  Fixture<Lock> f;
  ok(f.rmap.map(0, kVa, kFrame, 8, kRW));
  ok(f.rmap.share(0, kVa + 2 * P, kFrame + 2 * P, 4, 2, 0x90'0000, kVmRead));
  is(Status::kNotFound,
     f.rmap.share(0, kVa, kFrame + P, 2, 3, kVa, kRW));  // 0 does not map that there
  is(Status::kNotFound, f.rmap.share(1, kVa, kFrame, 1, 3, kVa, kRW));
  std::vector<std::pair<ClientId, uint64_t>> seen;
  f.rmap.walk(kFrame + 3 * P, [&](ClientId c, uint64_t va) { seen.push_back({c, va}); });
  TEST_ASSERT_EQUAL_size_t(2, seen.size());
  TEST_ASSERT_EQUAL_HEX64(pte::make_leaf(kFrame + 3 * P, kVmRead),
                          f.clients.space(2).tables().lookup(0x90'1000));
  f.check();
}

template <typename Lock>
void test_reclaim_unmaps_everywhere_one_batch_per_client() {
  Fixture<Lock> f;
  ok(f.rmap.map(0, kVa, kFrame, 64, kRW));
  ok(f.rmap.share(0, kVa, kFrame, 64, 1, 0x80'0000, kRW));
  ok(f.rmap.share(0, kVa + 32 * P, kFrame + 32 * P, 32, 2, 0x100'0000, kRW));
  ok(f.rmap.map(3, kVa, kFrame + 100 * P, 4, kRW));  // not reclaimed
  for (ClientId c = 0; c < 4; c++) f.clients.space(c).counters = VmBatchCounters{};
  std::vector<uint64_t> frames;
  for (uint32_t i = 0; i < 64; i++) frames.push_back(kFrame + i * P);
  Result<uint32_t> r = f.rmap.reclaim(frames.data(), static_cast<uint32_t>(frames.size()));
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_UINT32(64 + 64 + 32, r.value());
  for (ClientId c = 0; c < 3; c++) {
    TEST_ASSERT_EQUAL_UINT64(1, f.clients.space(c).counters.batches);  // one batch per client
    TEST_ASSERT_EQUAL_UINT64(
        1, f.clients.space(c).counters.ops_before_merge);  // merged by the builder
  }
  TEST_ASSERT_EQUAL_UINT64(0, f.clients.space(3).counters.batches);
  TEST_ASSERT_EQUAL_UINT64(4, f.rmap.mapping_count());
  TEST_ASSERT_FALSE(f.mapped(1, 0x80'0000));
  f.check();
  // Reclaiming frames nobody maps does nothing.
  TEST_ASSERT_EQUAL_UINT32(0, f.rmap.reclaim(frames.data(), 1).value());
}

template <typename Lock>
void test_exit_unmaps_and_forgets_the_client() {
  Fixture<Lock> f;
  ok(f.rmap.map(1, kVa, kFrame, 300, kRW));  // spans several stripes
  ok(f.rmap.map(1, 0x200'0000, kFrame + 0x100'0000, 5, kRW));
  ok(f.rmap.share(1, kVa, kFrame, 10, 2, kVa, kRW));
  f.clients.space(1).counters = VmBatchCounters{};
  Result<uint32_t> r = f.rmap.exit_client(1);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_UINT32(305, r.value());
  TEST_ASSERT_EQUAL_UINT64(10, f.rmap.mapping_count());  // client 2's share stays
  TEST_ASSERT_TRUE(f.mapped(2, kVa));
  TEST_ASSERT_TRUE(f.clients.space(1).leaves().empty());
  TEST_ASSERT_EQUAL_UINT64(1, f.clients.space(1).counters.batches);
  // Newest-first per stripe merges back into a handful of runs, not 305 ops.
  TEST_ASSERT_TRUE(f.clients.space(1).counters.ops_before_merge <= 8);
  f.check();
  is(Status::kOutOfRange, f.rmap.exit_client(99).status());
}

template <typename Lock>
void test_failed_map_changes_nothing() {
  Fixture<Lock> f;
  ok(f.rmap.map(0, kVa + 2 * P, kFrame + 50 * P, 1, kRW));
  // The kernel refuses (page 2 is mapped): no rmap entry may stay behind.
  is(Status::kAlreadyExists, f.rmap.map(0, kVa, kFrame, 4, kRW));
  // Rights the frames do not allow, frames nobody may map.
  is(Status::kAccessDenied, f.rmap.map(0, 0x80'0000, fake::kReadOnlyBase, 2, kRW));
  is(Status::kAccessDenied, f.rmap.map(0, 0x80'0000, fake::kTableBase, 1, kVmRead));
  is(Status::kUnaligned, f.rmap.map(0, kVa + 1, kFrame, 1, kRW));
  is(Status::kOutOfRange, f.rmap.map(7, kVa, kFrame, 1, kRW));
  TEST_ASSERT_EQUAL_UINT64(1, f.rmap.mapping_count());
  f.check();
}

template <typename Lock>
void test_partial_page_at_a_time_map_is_undone() {
  RmapConfig config;
  config.batch_limits = VmBatchLimits::page_at_a_time();
  Fixture<Lock> f(config);
  ok(f.rmap.map(0, kVa + 3 * P, kFrame + 90 * P, 1, kRW));
  // Pages 0-2 go through one batch each, page 3 is refused: the first three must be unmapped again.
  is(Status::kAlreadyExists, f.rmap.map(0, kVa, kFrame, 6, kRW));
  TEST_ASSERT_FALSE(f.mapped(0, kVa));
  TEST_ASSERT_FALSE(f.mapped(0, kVa + 2 * P));
  TEST_ASSERT_TRUE(f.mapped(0, kVa + 3 * P));
  TEST_ASSERT_EQUAL_UINT64(1, f.rmap.mapping_count());
  f.check();
}

template <typename Lock>
void test_full_entry_pool_changes_nothing() {
  RmapConfig config;
  config.max_entries = 10;
  Fixture<Lock> f(config);
  ok(f.rmap.map(0, kVa, kFrame, 8, kRW));
  is(Status::kNoSpace, f.rmap.map(1, kVa, kFrame + 100 * P, 3, kRW));
  TEST_ASSERT_EQUAL_UINT64(8, f.rmap.mapping_count());
  TEST_ASSERT_TRUE(f.clients.space(1).leaves().empty());
  f.check();
  ok(f.rmap.map(1, kVa, kFrame + 100 * P, 2, kRW));
  f.check();
}

template <typename Lock>
void test_random_steps_keep_rmap_and_page_tables_equal() {
  Fixture<Lock> f(RmapConfig{}, 5);
  std::mt19937_64 rng(11);
  struct Mapping {
    ClientId client;
    uint64_t va, frame;
    uint32_t pages;
  };
  std::vector<Mapping> live;
  uint64_t next_va[5] = {kVa, kVa, kVa, kVa, kVa};
  for (int step = 0; step < 600; step++) {
    const int what = static_cast<int>(rng() % 10);
    const ClientId c = static_cast<ClientId>(rng() % 5);
    if (what < 4 || live.empty()) {
      const uint32_t pages = 1 + static_cast<uint32_t>(rng() % 40);
      const uint64_t frame = kFrame + (rng() % 4096) * P;
      const Status s = f.rmap.map(c, next_va[c], frame, pages, kRW);
      if (s == Status::kOk) live.push_back({c, next_va[c], frame, pages});
      next_va[c] += (pages + rng() % 3) * P;
    } else if (what < 6) {
      const size_t i = rng() % live.size();
      ok(f.rmap.unmap(live[i].client, live[i].va, live[i].frame, live[i].pages));
      live.erase(live.begin() + static_cast<long>(i));
    } else if (what < 8) {
      const Mapping m = live[rng() % live.size()];
      if (m.client == c) continue;
      if (f.rmap.share(m.client, m.va, m.frame, m.pages, c, next_va[c], kRW) == Status::kOk) {
        live.push_back({c, next_va[c], m.frame, m.pages});
      }
      next_va[c] += m.pages * P;
    } else if (what < 9) {
      std::vector<uint64_t> frames;
      const Mapping m = live[rng() % live.size()];
      for (uint32_t i = 0; i < m.pages; i++) frames.push_back(m.frame + i * P);
      TEST_ASSERT_TRUE(f.rmap.reclaim(frames.data(), static_cast<uint32_t>(frames.size())).is_ok());
      // Every mapping that touched one of those frames lost those pages: forget them wholesale.
      std::vector<Mapping> kept;
      for (const Mapping& l : live) {
        const bool hit = l.frame < m.frame + m.pages * P && m.frame < l.frame + l.pages * P;
        if (!hit) {
          kept.push_back(l);
          continue;
        }
        // Keep the untouched parts: unmap them for real so the books stay simple.
        for (uint32_t i = 0; i < l.pages; i++) {
          const uint64_t fr = l.frame + i * P;
          if (fr >= m.frame && fr < m.frame + m.pages * P) continue;
          ok(f.rmap.unmap(l.client, l.va + i * P, fr, 1));
        }
      }
      live = kept;
    } else {
      TEST_ASSERT_TRUE(f.rmap.exit_client(c).is_ok());
      std::vector<Mapping> kept;
      for (const Mapping& l : live) {
        if (l.client != c) kept.push_back(l);
      }
      live = kept;
    }
    if (step % 10 == 0) f.check();
  }
  f.check();
  const RmapCounters& n = f.rmap.counters();
  printf(
      "random steps: %llu maps, %llu shares, %llu unmaps, %llu reclaims, %llu exits, %llu live\n",
      (unsigned long long)n.maps.load(), (unsigned long long)n.shares.load(),
      (unsigned long long)n.unmaps.load(), (unsigned long long)n.reclaims.load(),
      (unsigned long long)n.exits.load(), (unsigned long long)f.rmap.mapping_count());
  TEST_ASSERT_TRUE(n.shares.load() > 20 && n.reclaims.load() > 20 && n.exits.load() > 10);
}

// ---- the spinlock build ----

void test_spin_refuses_subscriptions() {
  Fixture<SpinRmapLock> f;
  Subscriber s;
  int clock = 0;
  s.clock = &clock;
  Result<uint32_t> r = f.rmap.subscribe(0, kVa, 4, &s);
  is(Status::kNotSupported, r.status());
  TEST_ASSERT_NOT_NULL(strstr(kRmapNotifiersNeedSem, "rmap_lock=sem"));
  ok(f.rmap.map(0, kVa, kFrame, 4, kRW));
  ok(f.rmap.unmap(0, kVa, kFrame, 4));
  TEST_ASSERT_EQUAL_size_t(0, s.calls.size());
  TEST_ASSERT_FALSE(SpinRmapLock::kWalkersMaySleep);
}

// ---- the semaphore build: notifiers ----

void test_sem_notifiers_run_in_order_before_the_unmap() {
  Fixture<SemRmapLock> f;
  int clock = 0;
  Subscriber a, b, other;
  a.clock = b.clock = other.clock = &clock;
  bool mapped_when_called = true;
  auto answer_now = [&](ClientId c, uint64_t va, uint64_t, NotifierTicket t) {
    mapped_when_called &= f.mapped(c, va);
    f.rmap.answer(t);
  };
  a.react = b.react = other.react = answer_now;
  ok(f.rmap.map(0, kVa, kFrame, 16, kRW));
  ok(f.rmap.share(0, kVa, kFrame, 16, 1, kVa, kRW));
  const uint32_t ida = f.rmap.subscribe(0, kVa, 8, &a).value();
  const uint32_t idb = f.rmap.subscribe(0, kVa + 4 * P, 100, &b).value();
  ok(f.rmap.subscribe(2, kVa, 16, &other).status());  // client 2 maps nothing: never called
  TEST_ASSERT_TRUE(ida < idb);
  std::vector<uint64_t> frames = {kFrame + 5 * P, kFrame + 6 * P, kFrame + 1 * P};
  TEST_ASSERT_EQUAL_UINT32(6, f.rmap.reclaim(frames.data(), 3).value());
  TEST_ASSERT_TRUE_MESSAGE(mapped_when_called,
                           "a subscriber was called after its page was unmapped");
  TEST_ASSERT_EQUAL_size_t(1, a.calls.size());
  TEST_ASSERT_EQUAL_size_t(1, b.calls.size());
  TEST_ASSERT_EQUAL_size_t(0, other.calls.size());
  TEST_ASSERT_TRUE(a.calls[0].order < b.calls[0].order);  // subscription order
  // a watches pages 0-7 of client 0 and pages 1, 5, 6 went: told [1, 7).
  TEST_ASSERT_EQUAL_HEX64(kVa + P, a.calls[0].va);
  TEST_ASSERT_EQUAL_UINT64(6, a.calls[0].pages);
  TEST_ASSERT_EQUAL_HEX64(kVa + 5 * P, b.calls[0].va);
  TEST_ASSERT_EQUAL_UINT64(2, b.calls[0].pages);
  TEST_ASSERT_FALSE(f.mapped(0, kVa + 5 * P));
  TEST_ASSERT_FALSE(f.mapped(1, kVa + 5 * P));
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.counters().notifier_timeouts.load());
  f.check();
}

void test_sem_walk_waits_for_a_late_answer() {
  // A timeout far past the answer's 30 ms: on a loaded machine the answering thread may start late,
  // and that must not count as a timeout here (test_sem_dead_subscriber_times_out covers those).
  RmapConfig config;
  config.notifier_timeout_ns = 5'000'000'000;
  Fixture<SemRmapLock> f(config);
  int clock = 0;
  Subscriber s;
  s.clock = &clock;
  std::vector<std::thread> answerers;
  s.react = [&](ClientId, uint64_t, uint64_t, NotifierTicket t) {
    answerers.emplace_back([&f, t] {
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      f.rmap.answer(t);
    });
  };
  ok(f.rmap.map(0, kVa, kFrame, 4, kRW));
  ok(f.rmap.subscribe(0, kVa, 4, &s).status());
  const auto t0 = std::chrono::steady_clock::now();
  ok(f.rmap.unmap(0, kVa, kFrame, 4));
  const double waited = ms_since(t0);
  for (auto& t : answerers) t.join();
  TEST_ASSERT_TRUE_MESSAGE(waited >= 25, "the walk did not wait for the subscriber");
  TEST_ASSERT_EQUAL_UINT64(0, f.rmap.counters().notifier_timeouts.load());
  TEST_ASSERT_FALSE(f.mapped(0, kVa));
  f.check();
}

void test_sem_dead_subscriber_times_out() {
  RmapConfig config;
  config.notifier_timeout_ns = 50'000'000;  // 50 ms
  Fixture<SemRmapLock> f(config);
  int clock = 0;
  Subscriber dead;
  dead.clock = &clock;  // never answers
  ok(f.rmap.map(0, kVa, kFrame, 4, kRW));
  ok(f.rmap.subscribe(0, kVa, 4, &dead).status());
  uint64_t frame = kFrame;
  auto t0 = std::chrono::steady_clock::now();
  TEST_ASSERT_EQUAL_UINT32(1, f.rmap.reclaim(&frame, 1).value());
  const double first = ms_since(t0);
  TEST_ASSERT_TRUE_MESSAGE(first >= 45, "reclaim did not wait for the timeout");
  TEST_ASSERT_TRUE_MESSAGE(first < 2000, "reclaim waited far past the timeout");
  TEST_ASSERT_EQUAL_UINT64(1, f.rmap.counters().notifier_timeouts.load());
  TEST_ASSERT_FALSE(f.mapped(0, kVa));  // unmapped all the same
  // Once it has let one pass, it is still told but no longer waited for.
  frame = kFrame + P;
  t0 = std::chrono::steady_clock::now();
  TEST_ASSERT_EQUAL_UINT32(1, f.rmap.reclaim(&frame, 1).value());
  TEST_ASSERT_TRUE(ms_since(t0) < 40);
  TEST_ASSERT_EQUAL_size_t(2, dead.calls.size());
  TEST_ASSERT_EQUAL_UINT64(1, f.rmap.counters().notifier_timeouts.load());
  // Answering (even late) makes it waited for again.
  f.rmap.answer(dead.calls[1].ticket);
  dead.react = [&](ClientId, uint64_t, uint64_t, NotifierTicket t) { f.rmap.answer(t); };
  ok(f.rmap.unmap(0, kVa + 2 * P, kFrame + 2 * P, 1));
  TEST_ASSERT_EQUAL_size_t(3, dead.calls.size());
  TEST_ASSERT_EQUAL_UINT64(1, f.rmap.counters().notifier_timeouts.load());
  f.check();
}

void test_sem_unmap_and_exit_notify_and_unsubscribe_stops() {
  Fixture<SemRmapLock> f;
  int clock = 0;
  Subscriber s;
  s.clock = &clock;
  s.react = [&](ClientId, uint64_t, uint64_t, NotifierTicket t) { f.rmap.answer(t); };
  ok(f.rmap.map(3, kVa, kFrame, 8, kRW));
  const uint32_t id = f.rmap.subscribe(3, kVa, 8, &s).value();
  ok(f.rmap.unmap(3, kVa + 6 * P, kFrame + 6 * P, 2));
  TEST_ASSERT_EQUAL_size_t(1, s.calls.size());
  TEST_ASSERT_EQUAL_HEX64(kVa + 6 * P, s.calls[0].va);
  ok(f.rmap.unmap(3, kVa + 0 * P, kFrame, 1));
  TEST_ASSERT_EQUAL_size_t(2, s.calls.size());
  f.rmap.unsubscribe(id);
  ok(f.rmap.unmap(3, kVa + 1 * P, kFrame + P, 1));
  TEST_ASSERT_EQUAL_size_t(2, s.calls.size());
  ok(f.rmap.subscribe(3, kVa, 8, &s).status());
  TEST_ASSERT_TRUE(f.rmap.exit_client(3).is_ok());
  TEST_ASSERT_EQUAL_size_t(3, s.calls.size());
  TEST_ASSERT_EQUAL_UINT64(8, s.calls[2].pages);
  // Exit dropped the subscription: a new client 3 is not watched.
  ok(f.rmap.map(3, kVa, kFrame, 1, kRW));
  ok(f.rmap.unmap(3, kVa, kFrame, 1));
  TEST_ASSERT_EQUAL_size_t(3, s.calls.size());
  f.check();
}

void test_sem_subscription_arguments_are_checked() {
  Fixture<SemRmapLock> f;
  Subscriber s;
  is(Status::kInvalidArgument, f.rmap.subscribe(0, kVa, 1, nullptr).status());
  is(Status::kInvalidArgument, f.rmap.subscribe(0, kVa, 0, &s).status());
  is(Status::kUnaligned, f.rmap.subscribe(0, kVa + 1, 1, &s).status());
  is(Status::kAccessDenied, f.rmap.subscribe(0, 0xffff'8000'0000'0000ull, 1, &s).status());
  for (uint32_t i = 0; i < ReverseMap<SemRmapLock>::kMaxSubscriptions; i++) {
    ok(f.rmap.subscribe(0, kVa, 1, &s).status());
  }
  is(Status::kNoSpace, f.rmap.subscribe(0, kVa, 1, &s).status());
}

void test_sem_walkers_may_sleep() {
  Fixture<SemRmapLock> f;
  ok(f.rmap.map(0, kVa, kFrame, 1, kRW));
  ok(f.rmap.share(0, kVa, kFrame, 1, 1, kVa, kRW));
  int visits = 0;
  f.rmap.walk_may_sleep(kFrame, [&](MaySleep, ClientId, uint64_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // allowed: we hold a semaphore
    visits++;
  });
  TEST_ASSERT_EQUAL_INT(2, visits);
}

// ---- the configured lock ----

void test_configured_lock_is_the_one_built_for() {
#if defined(PORTCULLIS_RMAP_LOCK_OVERRIDE_SEM)
  const char* want = "sem";
#elif defined(PORTCULLIS_RMAP_LOCK_OVERRIDE_SPIN)
  const char* want = "spin";
#elif defined(PORTCULLIS_RMAP_LOCK_SEM)
  const char* want = "sem";
#else
  const char* want = "spin";
#endif
  printf("configured rmap lock: %s\n", RmapLock::kName);
  TEST_ASSERT_EQUAL_STRING(want, RmapLock::kName);
  // What the server does with a subscription in this build.
  Fixture<RmapLock> f;
  int clock = 0;
  Subscriber s;
  s.clock = &clock;
  s.react = [&](ClientId, uint64_t, uint64_t, NotifierTicket t) { f.rmap.answer(t); };
  const Status sub = f.rmap.subscribe(0, kVa, 1, &s).status();
  ok(f.rmap.map(0, kVa, kFrame, 1, kRW));
  ok(f.rmap.unmap(0, kVa, kFrame, 1));
  if (RmapLock::kWalkersMaySleep) {
    ok(sub);
    TEST_ASSERT_EQUAL_size_t(1, s.calls.size());
  } else {
    is(Status::kNotSupported, sub);
    TEST_ASSERT_EQUAL_size_t(0, s.calls.size());
  }
}

#define RUN_BOTH(test)          \
  RUN_TEST(test<SpinRmapLock>); \
  RUN_TEST(test<SemRmapLock>)

int main() {
  UNITY_BEGIN();
  RUN_BOTH(test_map_is_recorded_and_mapped);
  RUN_BOTH(test_unmap_needs_the_exact_frames);
  RUN_BOTH(test_unmap_across_stripes_is_all_or_nothing);
  RUN_BOTH(test_refused_unmap_keeps_the_entries);
  RUN_BOTH(test_share_maps_the_same_frames_into_another_client);
  RUN_BOTH(test_reclaim_unmaps_everywhere_one_batch_per_client);
  RUN_BOTH(test_exit_unmaps_and_forgets_the_client);
  RUN_BOTH(test_failed_map_changes_nothing);
  RUN_BOTH(test_partial_page_at_a_time_map_is_undone);
  RUN_BOTH(test_full_entry_pool_changes_nothing);
  RUN_BOTH(test_random_steps_keep_rmap_and_page_tables_equal);
  RUN_TEST(test_spin_refuses_subscriptions);
  RUN_TEST(test_sem_notifiers_run_in_order_before_the_unmap);
  RUN_TEST(test_sem_walk_waits_for_a_late_answer);
  RUN_TEST(test_sem_dead_subscriber_times_out);
  RUN_TEST(test_sem_unmap_and_exit_notify_and_unsubscribe_stops);
  RUN_TEST(test_sem_subscription_arguments_are_checked);
  RUN_TEST(test_sem_walkers_may_sleep);
  RUN_TEST(test_configured_lock_is_the_one_built_for);
  return UNITY_END();
}
