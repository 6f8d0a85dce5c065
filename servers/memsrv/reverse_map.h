// The memory server's reverse map: frame -> every (client, virtual address) that maps it, kept in
// step with the clients' page tables. Every change to a mapping goes through here, under the lock
// of the frames' stripes, together with the vm_batch that makes it real, so a reclaim never misses
// a mapping that is being made and never races with one that is being removed:
//   map      record frames [frame, +pages) at va in a client and map them
//   share    map frames that one client already maps into another client
//   unmap    unmap a client's range and forget it
//   reclaim  unmap frames from every client that maps them, one batch per client
//   exit     unmap and forget everything a client maps
//
// The lock type is a template parameter (RmapLock is the configured one, libsys/rmap_lock.h). With
// a lock whose walkers may sleep (SemRmapLock), clients can subscribe RmapNotifiers: every unmap,
// reclaim and exit that reaches a subscribed range calls the subscriber first and waits for its
// answer, at most notifier_timeout_ns, with the stripe locks held. With SpinRmapLock subscribe()
// fails with kNotSupported (kRmapNotifiersNeedSem), and the waiting code is never compiled.
//
// Lock order: stripes in increasing index -> subscriptions -> the entry pool; the client's address
// space lock (inside submit_batch) nests inside the stripes.
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/status.h"
#include "abi/portcullis/vm_op.h"
#include "base/assert.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "libsys/rmap_lock.h"
#include "libsys/wait_wake.h"
#include "servers/memsrv/rmap_notifier.h"
#include "servers/memsrv/rmap_table.h"
#include "servers/memsrv/vm_batch_builder.h"

// How the memory server reaches its clients' address spaces: vm_batch on the client's address-space
// capability in Portcullis, in-memory page tables in host tests.
class ClientSpaces {
 public:
  [[nodiscard]] virtual Status submit_batch(ClientId client, const VmOp* ops, uint32_t count) = 0;

 protected:
  ~ClientSpaces() = default;
};

struct RmapConfig {
  uint32_t max_clients = 64;
  uint32_t max_entries = 1u << 16;         // mappings, all clients together
  uint32_t buckets_per_stripe = 1u << 10;  // power of two
  VmBatchLimits batch_limits{};
  uint64_t notifier_timeout_ns = 100'000'000;  // 100 ms
};

struct RmapCounters {
  std::atomic<uint64_t> maps{0};
  std::atomic<uint64_t> shares{0};
  std::atomic<uint64_t> unmaps{0};
  std::atomic<uint64_t> reclaims{0};
  std::atomic<uint64_t> exits{0};
  std::atomic<uint64_t> mappings_reclaimed{0};
  std::atomic<uint64_t> notifier_calls{0};
  std::atomic<uint64_t> notifier_timeouts{0};
};

template <typename Lock>
class ReverseMap {
 public:
  // Frames are striped by 2 MiB of physical address: a run of frames takes one or two locks, and
  // unrelated clients' frames rarely share one.
  static constexpr uint32_t kStripes = 16;
  static constexpr uint32_t kAllStripes = (1u << kStripes) - 1;
  static constexpr uint32_t kStripeShift = 21;
  static constexpr uint64_t kStripeMaskBytes = (uint64_t{1} << kStripeShift) - 1;
  static constexpr uint32_t kMaxSubscriptions = 16;
  static_assert(kStripes <= 32, "stripe sets are uint32_t masks");

  ReverseMap(ClientSpaces& spaces, const RmapConfig& config) : spaces_(spaces), config_(config) {}
  ReverseMap(const ReverseMap&) = delete;
  ReverseMap& operator=(const ReverseMap&) = delete;

  [[nodiscard]] Status init() {
    TRY(pool_.init(config_.max_entries));
    // Nobody can reach the map yet, but the tables are only ever touched under their stripes'
    // locks: one rule, no exception for start-up.
    StripeGuard g(*this, kAllStripes);
    for (uint32_t i = 0; i < kStripes; i++) {
      TRY(g.table(i).init(&pool_, config_.buckets_per_stripe, config_.max_clients));
    }
    return Status::kOk;
  }

  [[nodiscard]] Status map(ClientId client, uint64_t va, uint64_t frame, uint32_t pages,
                           uint8_t rights) {
    const Status s = check_run(client, va, frame, pages);
    if (s != Status::kOk) return s;
    StripeGuard g(*this, stripe_mask(frame, pages));
    const Status m = map_locked(g, client, va, frame, pages, rights);
    if (m == Status::kOk) counters_.maps.fetch_add(1, std::memory_order_relaxed);
    return m;
  }

  // Maps the frames `from` maps at [from_va, +pages) into `to` at to_va (both clients then map
  // them).
  [[nodiscard]] Status share(ClientId from, uint64_t from_va, uint64_t frame, uint32_t pages,
                             ClientId to, uint64_t to_va, uint8_t rights) {
    Status s = check_run(from, from_va, frame, pages);
    if (s == Status::kOk) s = check_run(to, to_va, frame, pages);
    if (s != Status::kOk) return s;
    StripeGuard g(*this, stripe_mask(frame, pages));
    for (uint32_t i = 0; i < pages; i++) {
      const uint64_t f = frame + uint64_t{i} * kPageSize;
      if (!g.table_of(f).contains(f, from, from_va + uint64_t{i} * kPageSize))
        return Status::kNotFound;
    }
    s = map_locked(g, to, to_va, frame, pages, rights);
    if (s == Status::kOk) counters_.shares.fetch_add(1, std::memory_order_relaxed);
    return s;
  }

  // Unmaps [va, +pages) of `client`, which must map exactly frames [frame, +pages) there (kNotFound
  // and no change otherwise).
  [[nodiscard]] Status unmap(ClientId client, uint64_t va, uint64_t frame, uint32_t pages) {
    Status s = check_run(client, va, frame, pages);
    if (s != Status::kOk) return s;
    StripeGuard g(*this, stripe_mask(frame, pages));
    // Run-wise: the entries leave their tables a stripe's part of the run at a time (one lookup
    // each, no second pass), and go back to the entry pool together once the kernel has unmapped
    // them; a missing one, or a refused batch, puts them all back.
    RmapChain taken;
    for (uint32_t done = 0; done < pages;) {
      const uint64_t f = frame + uint64_t{done} * kPageSize;
      const uint64_t to_stripe_end = ((f | kStripeMaskBytes) + 1 - f) / kPageSize;
      const uint32_t part =
          pages - done < to_stripe_end ? pages - done : static_cast<uint32_t>(to_stripe_end);
      const uint32_t got =
          g.table_of(f).detach_run(f, client, va + uint64_t{done} * kPageSize, part, taken);
      if (got != part) {
        reattach_all(g, taken);
        return Status::kNotFound;
      }
      done += part;
    }
    notify_before_unmap(g, [&](auto&& touch) { touch(client, va, pages); });
    ClientBatchSink sink(spaces_, client);
    VmBatchBuilder batch(sink, config_.batch_limits);
    s = batch.unmap(va, pages);
    if (s == Status::kOk) s = batch.finish();
    if (s != Status::kOk) {
      reattach_all(g, taken);
      return s;  // a live client's unmap cannot fail: the kernel refused the space
    }
    pool_.give_back(taken);
    counters_.unmaps.fetch_add(1, std::memory_order_relaxed);
    return Status::kOk;
  }

  // Unmaps every frame in frames[0, count) from every client that maps it, one batch per client
  // (contiguous mappings merge), and forgets those mappings. Returns how many there were.
  [[nodiscard]] Result<uint32_t> reclaim(const uint64_t* frames, uint32_t count) {
    uint32_t mask = 0;
    for (uint32_t i = 0; i < count; i++) mask |= 1u << stripe_of(frames[i]);
    StripeGuard g(*this, mask);
    notify_before_unmap(g, [&](auto&& touch) {
      for (uint32_t i = 0; i < count; i++) {
        g.table_of(frames[i]).for_each_of_frame(frames[i],
                                                [&](ClientId c, uint64_t va) { touch(c, va, 1); });
      }
    });
    uint32_t removed = 0;
    for (;;) {
      ClientId client = 0;
      bool any = false;
      for (uint32_t i = 0; i < count && !any; i++) {
        any = g.table_of(frames[i]).some_client_of_frame(frames[i], &client);
      }
      if (!any) break;
      ClientBatchSink sink(spaces_, client);
      VmBatchBuilder batch(sink, config_.batch_limits);
      Status s = Status::kOk;
      for (uint32_t i = 0; i < count; i++) {
        removed += g.table_of(frames[i]).take_of_frame(frames[i], client, [&](uint64_t va) {
          if (s == Status::kOk) s = batch.unmap(va, 1);
        });
      }
      if (s == Status::kOk) s = batch.finish();
      if (s != Status::kOk) return s;
    }
    counters_.reclaims.fetch_add(1, std::memory_order_relaxed);
    counters_.mappings_reclaimed.fetch_add(removed, std::memory_order_relaxed);
    return removed;
  }

  // The client is gone: unmap and forget all it maps, drop subscriptions watching it. Returns how
  // many mappings there were.
  [[nodiscard]] Result<uint32_t> exit_client(ClientId client) {
    if (client >= config_.max_clients) return Status::kOutOfRange;
    StripeGuard g(*this, kAllStripes);
    // All the client's user half: the notifier pass narrows it to each subscription's range.
    notify_before_unmap(g, [&](auto&& touch) { touch(client, 0, kUserTop / kPageSize); });
    ClientBatchSink sink(spaces_, client);
    VmBatchBuilder batch(sink, config_.batch_limits);
    Status s = Status::kOk;
    uint32_t removed = 0;
    for (uint32_t i = 0; i < kStripes; i++) {
      removed += g.table(i).take_of_client(client, [&](uint64_t, uint64_t va) {
        if (s == Status::kOk) s = batch.unmap(va, 1);
      });
    }
    if (s == Status::kOk) s = batch.finish();
    drop_subscriptions_of(client);
    if (s != Status::kOk) return s;
    counters_.exits.fetch_add(1, std::memory_order_relaxed);
    return removed;
  }

  // f(client, va) for every mapping of `frame`, under its stripe's lock. f must not sleep.
  template <typename F>
  void walk(uint64_t frame, F&& f) {
    StripeGuard g(*this, 1u << stripe_of(frame));
    g.table_of(frame).for_each_of_frame(frame, f);
  }
  // f(MaySleep, client, va): a walker that may block. Only exists for a sleeping lock.
  template <typename F>
  void walk_may_sleep(uint64_t frame, F&& f) requires Lock::kWalkersMaySleep {
    StripeGuard g(*this, 1u << stripe_of(frame));
    const MaySleep may_sleep = g.may_sleep();
    g.table_of(frame).for_each_of_frame(frame,
                                        [&](ClientId c, uint64_t va) { f(may_sleep, c, va); });
  }

  // ---- notifiers ----
  // Watch [va, +pages) of `client`. Returns the subscription id.
  [[nodiscard]] Result<uint32_t> subscribe(ClientId client, uint64_t va, uint64_t pages,
                                           RmapNotifier* notifier) {
    if constexpr (!Lock::kWalkersMaySleep) {
      (void)client, (void)va, (void)pages, (void)notifier;
      return Status::kNotSupported;  // kRmapNotifiersNeedSem
    } else {
      if (notifier == nullptr || pages == 0 || client >= config_.max_clients)
        return Status::kInvalidArgument;
      if ((va & (kPageSize - 1)) != 0) return Status::kUnaligned;
      if (pages > (kUserTop >> kPageShift) || va >= kUserTop || va + pages * kPageSize > kUserTop) {
        return Status::kAccessDenied;
      }
      RmapLockGuard<Lock> sg(subs_lock_);
      for (uint32_t i = 0; i < kMaxSubscriptions; i++) {
        Subscription& s = subs_[i];
        if (s.active) continue;
        s.active = true;
        s.client = client;
        s.va = va;
        s.pages = pages;
        s.notifier = notifier;
        answers_[i].unresponsive.store(false, std::memory_order_relaxed);
        subscription_count_.fetch_add(1, std::memory_order_release);
        return i;
      }
      return Status::kNoSpace;
    }
  }

  void unsubscribe(uint32_t id) {
    if (id >= kMaxSubscriptions) return;
    RmapLockGuard<Lock> sg(subs_lock_);
    end_subscription(id);
  }

  // The subscriber's answer to one notification (from any thread, at any time).
  void answer(NotifierTicket ticket) {
    if constexpr (Lock::kWalkersMaySleep) {
      if (ticket.subscription >= kMaxSubscriptions) return;
      SubscriberAnswer& s = answers_[ticket.subscription];
      uint32_t acked = s.acked.load(std::memory_order_relaxed);
      while (static_cast<int32_t>(ticket.sequence - acked) > 0 &&
             !s.acked.compare_exchange_weak(acked, ticket.sequence, std::memory_order_acq_rel)) {
      }
      s.unresponsive.store(false, std::memory_order_relaxed);
      wake_waiters(s.acked, ~0u >> 1);
    } else {
      (void)ticket;  // nothing to answer: subscribe() refused
    }
  }

  // ---- inspection (tests, debugging) ----
  bool contains(uint64_t frame, ClientId client, uint64_t va) {
    StripeGuard g(*this, 1u << stripe_of(frame));
    return g.table_of(frame).contains(frame, client, va);
  }
  uint64_t mapping_count() {
    StripeGuard g(*this, kAllStripes);
    uint64_t n = 0;
    for (uint32_t i = 0; i < kStripes; i++) n += g.table(i).size();
    return n;
  }
  void check_invariants() {
    StripeGuard g(*this, kAllStripes);
    uint64_t n = 0;
    for (uint32_t i = 0; i < kStripes; i++) {
      g.table(i).check_invariants();
      n += g.table(i).size();
    }
    ASSERT(n == pool_.in_use());
  }
  const RmapCounters& counters() const { return counters_; }
  const RmapConfig& config() const { return config_; }

 private:
  struct alignas(64) Stripe {
    Lock lock;
    RmapTable table GUARDED_BY(lock);
  };

  // Holds a set of stripe locks, taken in increasing index order (the one lock order there is), and
  // is the only way to a stripe's table: table(i) checks that this guard holds stripe i. The set is
  // chosen at run time, which the analysis cannot name, so the constructor and destructor are left
  // out of it; every table access goes through table(), where the lock's assert_held() vouches.
  class StripeGuard {
   public:
    StripeGuard(ReverseMap& map, uint32_t mask) NO_THREAD_SAFETY_ANALYSIS : map_(map), mask_(mask) {
      ASSERT(mask != 0);
      for (uint32_t m = mask; m != 0; m &= m - 1) map_.stripes_[__builtin_ctz(m)].lock.lock();
    }
    ~StripeGuard() NO_THREAD_SAFETY_ANALYSIS {
      for (uint32_t i = kStripes; i-- > 0;) {
        if (mask_ & (1u << i)) map_.stripes_[i].lock.unlock();
      }
    }
    StripeGuard(const StripeGuard&) = delete;
    StripeGuard& operator=(const StripeGuard&) = delete;

    RmapTable& table(uint32_t stripe) const {
      DEBUG_ASSERT(stripe < kStripes && (mask_ & (1u << stripe)) != 0);
      Stripe& s = map_.stripes_[stripe];
      s.lock.assert_held();
      return s.table;
    }
    RmapTable& table_of(uint64_t frame) const { return table(stripe_of(frame)); }

    // A member template so that explicitly instantiating ReverseMap<SpinRmapLock> leaves it out.
    template <typename L = Lock>
    MaySleep may_sleep() const requires L::kWalkersMaySleep {
      return map_.stripes_[__builtin_ctz(mask_)].lock.may_sleep();
    }

   private:
    ReverseMap& map_;
    const uint32_t mask_;
  };

  // Submits a client's batches and remembers how many pages the kernel accepted, so a failed map
  // can undo exactly what was applied.
  class ClientBatchSink final : public VmBatchSink {
   public:
    ClientBatchSink(ClientSpaces& spaces, ClientId client) : spaces_(spaces), client_(client) {}
    Status submit_batch(const VmOp* ops, uint32_t count) override {
      const Status s = spaces_.submit_batch(client_, ops, count);
      if (s == Status::kOk) {
        for (uint32_t i = 0; i < count; i++) applied_pages_ += ops[i].page_count;
      }
      return s;
    }
    uint64_t applied_pages() const { return applied_pages_; }

   private:
    ClientSpaces& spaces_;
    const ClientId client_;
    uint64_t applied_pages_ = 0;
  };

  // What a subscription watches (subs_, under subs_lock_).
  struct Subscription {
    bool active = false;
    ClientId client = 0;
    uint64_t va = 0;
    uint64_t pages = 0;
    RmapNotifier* notifier = nullptr;
    uint32_t sent = 0;  // sequence of the last notification

    uint64_t end() const { return va + pages * kPageSize; }
  };
  // The subscriber's side of subscription i (answers_[i], no lock: answers come from any thread at
  // any time): the last sequence answered (the word waiters sleep on), and whether it let a
  // notification time out (then walks notify it but stop waiting until it answers again).
  struct SubscriberAnswer {
    std::atomic<uint32_t> acked{0};
    std::atomic<bool> unresponsive{false};
  };

  static uint32_t stripe_of(uint64_t frame) { return (frame >> kStripeShift) % kStripes; }
  static uint32_t stripe_mask(uint64_t frame, uint32_t pages) {
    const uint64_t first = frame >> kStripeShift;
    const uint64_t last = (frame + (uint64_t{pages} - 1) * kPageSize) >> kStripeShift;
    if (last < first || last - first + 1 >= kStripes) return kAllStripes;
    uint32_t mask = 0;
    for (uint64_t g = first; g <= last; g++) mask |= 1u << (g % kStripes);
    return mask;
  }

  Status check_run(ClientId client, uint64_t va, uint64_t frame, uint32_t pages) const {
    if (pages == 0) return Status::kInvalidArgument;
    if (client >= config_.max_clients) return Status::kOutOfRange;
    if (((va | frame) & (kPageSize - 1)) != 0) return Status::kUnaligned;
    const uint64_t bytes = uint64_t{pages} * kPageSize;
    if (va + bytes < va || frame + bytes < frame) return Status::kOverflow;
    return Status::kOk;
  }

  // Records, then maps; on any failure undoes both (the kernel applied a prefix of the batches).
  Status map_locked(const StripeGuard& g, ClientId client, uint64_t va, uint64_t frame,
                    uint32_t pages, uint8_t rights) {
    for (uint32_t i = 0; i < pages; i++) {
      const uint64_t f = frame + uint64_t{i} * kPageSize;
      const Status s = g.table_of(f).add(f, client, va + uint64_t{i} * kPageSize);
      if (s != Status::kOk) {
        forget_run(g, client, va, frame, i);
        return s;
      }
    }
    ClientBatchSink sink(spaces_, client);
    VmBatchBuilder batch(sink, config_.batch_limits);
    Status s = batch.map(va, frame, pages, rights);
    if (s == Status::kOk) s = batch.finish();
    if (s != Status::kOk) {
      const uint64_t applied = sink.applied_pages();
      if (applied > 0) {
        ClientBatchSink undo_sink(spaces_, client);
        VmBatchBuilder undo(undo_sink, config_.batch_limits);
        Status u = undo.unmap(va, static_cast<uint32_t>(applied));
        if (u == Status::kOk) u = undo.finish();
        ASSERT(u == Status::kOk);  // unmapping what was just mapped cannot fail
      }
      forget_run(g, client, va, frame, pages);
    }
    return s;
  }

  // Entries unmap detached go back into their tables.
  static void reattach_all(const StripeGuard& g, RmapChain& chain) {
    for (RmapEntry* e = chain.head; e != nullptr;) {
      RmapEntry* next = e->hash_next;
      g.table_of(e->frame).reattach(e);
      e = next;
    }
    chain = RmapChain{};
  }

  void forget_run(const StripeGuard& g, ClientId client, uint64_t va, uint64_t frame,
                  uint32_t pages) {
    for (uint32_t i = 0; i < pages; i++) {
      const uint64_t f = frame + uint64_t{i} * kPageSize;
      (void)g.table_of(f).remove(f, client, va + uint64_t{i} * kPageSize);
    }
  }

  // visit(touch) calls touch(client, va, pages) for every range about to be unmapped. Only a lock
  // whose walkers may sleep compiles the notifying part.
  template <typename Visit>
  void notify_before_unmap(StripeGuard& guard, Visit&& visit) {
    if constexpr (Lock::kWalkersMaySleep) {
      if (subscription_count_.load(std::memory_order_acquire) == 0) return;
      notify_and_wait(guard.may_sleep(), visit);
    } else {
      (void)guard, (void)visit;
    }
  }

  template <typename Visit>
  void notify_and_wait(MaySleep may_sleep, Visit& visit) {
    uint64_t lo[kMaxSubscriptions];
    uint64_t hi[kMaxSubscriptions];
    NotifierTicket waits[kMaxSubscriptions];
    uint32_t wait_count = 0;
    // One timeout for everything, from before the first call: a notifier that blocks while it
    // tells its subscriber (an IPC send retried until it is received) spends from the same budget.
    const uint64_t deadline = monotonic_ns() + config_.notifier_timeout_ns;
    {
      RmapLockGuard<Lock> sg(subs_lock_);
      for (uint32_t i = 0; i < kMaxSubscriptions; i++) {
        lo[i] = ~uint64_t{0};
        hi[i] = 0;
      }
      visit([&](ClientId client, uint64_t va, uint64_t pages) {
        const uint64_t end = va + pages * kPageSize;
        for (uint32_t i = 0; i < kMaxSubscriptions; i++) {
          const Subscription& s = subs_[i];
          if (!s.active || s.client != client) continue;
          const uint64_t a = va > s.va ? va : s.va;
          const uint64_t b = end < s.end() ? end : s.end();
          if (a >= b) continue;
          if (a < lo[i]) lo[i] = a;
          if (b > hi[i]) hi[i] = b;
        }
      });
      // In subscription order; every subscriber hears before anything is unmapped.
      for (uint32_t i = 0; i < kMaxSubscriptions; i++) {
        if (hi[i] <= lo[i]) continue;
        Subscription& s = subs_[i];
        const NotifierTicket ticket{i, ++s.sent};
        counters_.notifier_calls.fetch_add(1, std::memory_order_relaxed);
        s.notifier->before_unmap_may_block(may_sleep, s.client, lo[i], (hi[i] - lo[i]) / kPageSize,
                                           ticket);
        if (!answers_[i].unresponsive.load(std::memory_order_relaxed)) waits[wait_count++] = ticket;
      }
    }
    // All subscribers answer in parallel, within that one timeout.
    for (uint32_t w = 0; w < wait_count; w++) {
      if (wait_for_answer(may_sleep, waits[w], deadline) == Status::kTimedOut) {
        counters_.notifier_timeouts.fetch_add(1, std::memory_order_relaxed);
        answers_[waits[w].subscription].unresponsive.store(true, std::memory_order_relaxed);
      }
    }
  }

  Status wait_for_answer(MaySleep, NotifierTicket ticket, uint64_t deadline_ns) {
    const std::atomic<uint32_t>& acked = answers_[ticket.subscription].acked;
    for (;;) {
      const uint32_t a = acked.load(std::memory_order_acquire);
      if (static_cast<int32_t>(a - ticket.sequence) >= 0) return Status::kOk;
      const uint64_t now = monotonic_ns();
      if (now >= deadline_ns) return Status::kTimedOut;
      (void)wait_while_equal(acked, a, deadline_ns - now);
    }
  }

  void drop_subscriptions_of(ClientId client) {
    RmapLockGuard<Lock> sg(subs_lock_);
    for (uint32_t i = 0; i < kMaxSubscriptions; i++) {
      if (subs_[i].active && subs_[i].client == client) end_subscription(i);
    }
  }

  // Anyone still waiting on it is released as if answered.
  void end_subscription(uint32_t id) REQUIRES(subs_lock_) {
    Subscription& s = subs_[id];
    if (!s.active) return;
    s.active = false;
    s.notifier = nullptr;
    subscription_count_.fetch_sub(1, std::memory_order_release);
    answers_[id].acked.store(s.sent, std::memory_order_release);
    if constexpr (Lock::kWalkersMaySleep) wake_waiters(answers_[id].acked, ~0u >> 1);
  }

  ClientSpaces& spaces_;
  const RmapConfig config_;
  RmapEntryPool pool_;
  Stripe stripes_[kStripes];
  Lock subs_lock_;
  Subscription subs_[kMaxSubscriptions] GUARDED_BY(subs_lock_);
  SubscriberAnswer answers_[kMaxSubscriptions];
  std::atomic<uint32_t> subscription_count_{0};
  RmapCounters counters_;
};
