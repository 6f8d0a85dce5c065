// stress_child's `memclient` mode: one of the memsrv workload's clients (servers/stress/
// memsrv_workload.cc), started by init from the stress manifest as a memsrv client (`memory`).
// It asks the controller over the `stress` endpoint what to do (stress_endpoint.h), then until the
// deadline makes random memsrv requests on regions of its own: allocate, touch, protect, free,
// offer to another client (through the controller's mailbox), cancel, accept another's offer,
// reclaim, check; reports its counters and what broke, gives everything back, and waits for the
// end of the run.
// Invariants checked here: every request answers what it must (a refusal only where another
// client or the pool may cause one); a page holds what was written into it until it is freed; an
// accepted share holds the offerer's words; a reclaim removes at least the payer's own mappings;
// memsrv's check passes; the longest free or reclaim goes to the controller, which bounds it.
// Shared pages are read only with wait_while_equal (a syscall that answers kNotFound for a page
// no longer mapped), never with a load: the offerer may reclaim them at any moment, and a load
// from a reclaimed page would fault. The regions sit at fixed addresses in one small window whose
// page tables are made before the hello (memsrv's kAnywhere never reuses an address, and page
// tables are never freed: new ones during the run would show as a leak of frames). The client
// runs on its first thread only, and never uses the heap, for the same reason.
//
// The victim (`victim` on its line; restart= there too) is a client that is killed mid-request:
// besides the same work on its first thread it runs kChurnThreads threads. At the moment the
// controller chose (its hello's answer) those start to make requests without pause (who_am_i and
// pool_stats; with kMapStorm allocate, protect and free slots of their own in the window); once
// each has made a few rounds the first thread says so and
// writes to the null page, so init kills it with requests of those threads queued at memsrv,
// being served or answered to nobody (the storm lasts only until the death: without pause for
// the whole life, its shootdowns slowed every other workload down). init reports its end to
// memsrv (kClientEnded) and starts it again, and the new life says hello again. With memsrv_sem it
// also subscribes to notifiers of its regions with an endpoint of its own, answered by a
// thread of its own: the subscriber dies with the task without unsubscribing, while the others
// free and reclaim pages it shares and memsrv unmaps everything it held. Its thread stacks (and
// the stack window's page tables) come and go with each life, so it warms the window's first slots
// before its hello, as the controller does the whole window (leak_accounting.h). A request of a
// dead life that a worker held may still be served once the new life is registered
// (docs/memory-server.md, "Limits of this phase"): a restarted life's churn threads accept what
// such a request leaves (a slot already mapped, or gone) and clear their slots once more before the
// report.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_op.h"
#include "base/c_string.h"
#include "libsys/mem_client.h"
#include "libsys/page_pool.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "servers/stress/child/modes.h"
#include "servers/stress/line_words.h"
#include "servers/stress/random.h"
#include "servers/stress/sleep.h"
#include "servers/stress/stress_endpoint.h"

namespace stress {
namespace {

constexpr uint32_t kMaxClients = 8;
constexpr uint32_t kRegions = 8;
constexpr uint64_t kRegionMaxPages = 8;
constexpr uint64_t kRegionStridePages = 16;
// 2 MiB aligned and inside the user half, away from memsrv's arena and the program's image and
// stack: the whole window is under one page table.
constexpr uint64_t kWindowBase = uint64_t{0x5000} << 32;
// The victim's churn slots follow the regions (the same page table): thread t maps 1 + t pages.
constexpr uint32_t kChurnThreads = 2;
constexpr uint64_t kChurnStridePages = 8;
constexpr uint64_t kChurnBase = kWindowBase + kRegions * kRegionStridePages * kPageSize;
constexpr uint64_t kWindowPages = kRegions * kRegionStridePages + kChurnThreads * kChurnStridePages;
static_assert(kWindowPages <= 512, "the window is under one page table (prepare_window)");
// Rounds every churn thread has made before the victim dies (so they are mid-request).
constexpr uint32_t kChurnRoundsBeforeDeath = 4;
constexpr uint64_t kSubscriberReceiveNs = 20'000'000;
constexpr uint64_t kChurnIdleNs = 50'000'000;
constexpr uint64_t kDieWaitNs = 1'000'000;
// The churn threads' storm maps (allocate, protect, free) only when this is set: off, since a map
// storm of a task on several CPUs slowed every workload down (docs/stress.md says how).
constexpr bool kMapStorm = false;
constexpr uint64_t kProgressNs = 1'000'000'000;
constexpr uint64_t kParkRetryNs = 5'000'000;
constexpr uint32_t kCheckEvery = 64;  // requests between two memsrv checks

enum class RegionState : uint8_t { kEmpty, kOwned, kAccepted };

struct Region {
  RegionState state = RegionState::kEmpty;
  uint64_t pages = 0;
  uint32_t pattern = 0;
  bool offered = false;
  uint64_t offer_id = 0;
};

struct Client {
  uint32_t memory = kSlotMemoryServer;
  uint64_t index = 0;
  uint64_t count = 0;
  uint64_t ops = 0;
  uint64_t checks = 0;
  uint64_t longest_unmap_ns = 0;  // free or reclaim, since the last progress or report
  uint64_t peer_badges[kMaxClients] = {};
  Region regions[kRegions];
};

uint64_t now_ns() { return sys_monotonic_ns().extra; }

void note_unmap_time(Client& c, uint64_t start) {
  const uint64_t took = now_ns() - start;
  if (took > c.longest_unmap_ns) c.longest_unmap_ns = took;
}

uint64_t region_address(uint32_t slot) {
  return kWindowBase + slot * kRegionStridePages * kPageSize;
}

uint32_t* page_word(uint32_t slot, uint64_t page) {
  return reinterpret_cast<uint32_t*>(region_address(slot) + page * kPageSize);
}

// One call on the stress endpoint; the answer in `m`. Anything but kOk ends the client.
Status call_controller(IpcMessage& m) {
  const Status s = sys_ipc_call(kMemClientStressSlot, &m).status;
  if (s == Status::kOk && m.label == kStressExitLabel) return Status::kBadState;
  return s;
}

void report_violation(MemClientViolation what, uint64_t a, uint64_t b) {
  IpcMessage m;
  m.label = kMemViolationLabel;
  m.word_count = 3;
  m.words[0] = static_cast<uint64_t>(what);
  m.words[1] = a;
  m.words[2] = b;
  (void)call_controller(m);
}

// A memsrv answer that must be kOk, or one of `allowed` (refusals another client or the pool's
// state may cause). True for kOk.
bool expect(Status s, MemClientRequest request, Status allowed0 = Status::kOk,
            Status allowed1 = Status::kOk) {
  if (s == Status::kOk) return true;
  if (s != allowed0 && s != allowed1) {
    report_violation(MemClientViolation::kUnexpectedStatus, static_cast<uint64_t>(request),
                     static_cast<uint64_t>(s));
  }
  return false;
}

// The words a region's pages hold: the pattern plus the page's index, in each page's first word.
void fill(uint32_t slot, const Region& r) {
  for (uint64_t p = 0; p < r.pages; ++p) {
    __atomic_store_n(page_word(slot, p), r.pattern + static_cast<uint32_t>(p), __ATOMIC_RELAXED);
  }
}

void touch(Client& c, uint32_t slot) {
  const Region& r = c.regions[slot];
  for (uint64_t p = 0; p < r.pages; ++p) {
    const uint32_t word = __atomic_load_n(page_word(slot, p), __ATOMIC_RELAXED);
    if (word != r.pattern + static_cast<uint32_t>(p)) {
      report_violation(MemClientViolation::kContentChanged, region_address(slot) + p * kPageSize,
                       word);
      return;
    }
  }
  c.checks++;
}

void allocate(Client& c, Random& random, uint32_t slot) {
  Region& r = c.regions[slot];
  const uint64_t pages = 1 + random.below(kRegionMaxPages);
  const Result<uint64_t> got =
      sys::mem::allocate(c.memory, pages * kPageSize, region_address(slot), kVmRead | kVmWrite);
  // The pool or the client's table may be full for a while: other clients hold it.
  if (!expect(got.status(), MemClientRequest::kAllocate, Status::kNoSpace, Status::kNoMemory)) {
    return;
  }
  r = Region{RegionState::kOwned, pages, static_cast<uint32_t>(random.next()), false, 0};
  fill(slot, r);
}

void protect(Client& c, uint32_t slot) {
  const Region& r = c.regions[slot];
  const uint64_t address = region_address(slot);
  if (!expect(sys::mem::protect(c.memory, address, r.pages * kPageSize, kVmRead),
              MemClientRequest::kProtect)) {
    return;
  }
  touch(c, slot);  // readable still, and unchanged
  (void)expect(sys::mem::protect(c.memory, address, r.pages * kPageSize, kVmRead | kVmWrite),
               MemClientRequest::kProtect);
}

void release(Client& c, uint32_t slot) {
  Region& r = c.regions[slot];
  const uint64_t start = now_ns();
  const Status s = sys::mem::free(c.memory, region_address(slot), r.pages * kPageSize);
  note_unmap_time(c, start);
  // An accepted share is gone already if its payer reclaimed it.
  if (r.state == RegionState::kAccepted) {
    (void)expect(s, MemClientRequest::kFree, Status::kNotFound);
  } else {
    (void)expect(s, MemClientRequest::kFree);
  }
  r = Region{};
}

uint64_t peer_badge(Client& c, uint64_t peer) {
  if (c.peer_badges[peer] != 0) return c.peer_badges[peer];
  IpcMessage m;
  m.label = kMemPeerLabel;
  m.word_count = 1;
  m.words[0] = peer;
  if (call_controller(m) == Status::kOk && m.label == kMemOkLabel) c.peer_badges[peer] = m.words[0];
  return c.peer_badges[peer];
}

void offer(Client& c, Random& random, uint32_t slot) {
  Region& r = c.regions[slot];
  if (c.count < 2 || r.offered) return;
  uint64_t peer = random.below(static_cast<uint32_t>(c.count - 1));
  if (peer >= c.index) ++peer;  // anyone but this client
  const uint64_t badge = peer_badge(c, peer);
  if (badge == 0) return;  // that client has not said hello yet
  const Result<uint64_t> id =
      sys::mem::share_offer(c.memory, region_address(slot), r.pages * kPageSize, kVmRead, badge);
  // The offer table (64 at once for all clients) may be full; the victim is not registered
  // between its death and its next life.
  if (!expect(id.status(), MemClientRequest::kOffer, Status::kNoSpace, Status::kNotFound)) return;
  r.offered = true;
  r.offer_id = id.value();
  IpcMessage m;
  m.label = kMemOfferLabel;
  m.word_count = 4;
  m.words[0] = peer;
  m.words[1] = r.offer_id;
  m.words[2] = r.pages;
  m.words[3] = r.pattern;
  if (call_controller(m) != Status::kOk || m.label != kMemOkLabel) {
    // Gone meanwhile if the receiver (the victim) died.
    (void)expect(sys::mem::share_cancel(c.memory, r.offer_id), MemClientRequest::kCancel,
                 Status::kNotFound);
    r.offered = false;
  }
}

void cancel(Client& c, uint32_t slot) {
  Region& r = c.regions[slot];
  if (!r.offered) return;
  // Accepted meanwhile: used up, so not found.
  (void)expect(sys::mem::share_cancel(c.memory, r.offer_id), MemClientRequest::kCancel,
               Status::kNotFound);
  r.offered = false;
}

// Reads an accepted share's words through wait_while_equal; false once it is gone (reclaimed).
bool check_shared(Client& c, uint32_t slot) {
  const Region& r = c.regions[slot];
  for (uint64_t p = 0; p < r.pages; ++p) {
    const uint32_t expected = r.pattern + static_cast<uint32_t>(p);
    const Status s = sys_wait_while_equal(page_word(slot, p), expected, 0).status;
    if (s == Status::kNotFound) return false;
    if (s != Status::kTimedOut) {
      report_violation(MemClientViolation::kSharedContent, region_address(slot) + p * kPageSize,
                       static_cast<uint64_t>(s));
      return false;
    }
  }
  c.checks++;
  return true;
}

void accept(Client& c, uint32_t slot) {
  IpcMessage m;
  m.label = kMemTakeLabel;
  m.word_count = 1;
  m.words[0] = c.index;
  if (call_controller(m) != Status::kOk || m.label != kMemOkLabel) return;
  const uint64_t offer_id = m.words[0];
  Region& r = c.regions[slot];
  const Result<uint64_t> got = sys::mem::share_accept(c.memory, offer_id, region_address(slot));
  // Stale: the offerer freed, reclaimed or cancelled it first; or our region table is full.
  if (!expect(got.status(), MemClientRequest::kAccept, Status::kNotFound, Status::kNoSpace)) {
    return;
  }
  r = Region{RegionState::kAccepted, m.words[1], static_cast<uint32_t>(m.words[2]), false, 0};
  (void)check_shared(c, slot);
}

void reclaim(Client& c, uint32_t slot) {
  Region& r = c.regions[slot];
  const uint64_t start = now_ns();
  const Result<uint64_t> removed =
      sys::mem::reclaim(c.memory, region_address(slot), r.pages * kPageSize);
  note_unmap_time(c, start);
  if (expect(removed.status(), MemClientRequest::kReclaim)) {
    // Our own mapping and every receiver's: whole regions, so a multiple of its pages.
    if (removed.value() < r.pages || removed.value() % r.pages != 0) {
      report_violation(MemClientViolation::kReclaimCount, removed.value(), r.pages);
    } else {
      c.checks++;
    }
  }
  r = Region{};  // gone either way: never touched again
}

void check(Client& c) {
  const Result<sys::mem::CheckResult> result = sys::mem::check(c.memory);
  if (!expect(result.status(), MemClientRequest::kCheck)) return;
  if (result.value().status != Status::kOk) {
    report_violation(MemClientViolation::kCheckFailed, result.value().failed, result.value().where);
  } else {
    c.checks++;
  }
}

void one_request(Client& c, Random& random) {
  const uint32_t slot = random.below(kRegions);
  Region& r = c.regions[slot];
  const uint32_t pick = random.below(10);
  switch (r.state) {
    case RegionState::kEmpty:
      if (pick < 6) {
        allocate(c, random, slot);
      } else {
        accept(c, slot);
      }
      break;
    case RegionState::kOwned:
      if (pick < 2) {
        touch(c, slot);
      } else if (pick < 4) {
        protect(c, slot);
      } else if (pick < 6) {
        offer(c, random, slot);
      } else if (pick < 7) {
        cancel(c, slot);
      } else if (pick < 8) {
        reclaim(c, slot);
      } else {
        release(c, slot);
      }
      break;
    case RegionState::kAccepted:
      if (pick < 5 && check_shared(c, slot)) break;
      release(c, slot);
      break;
  }
  c.ops++;
}

Status send_counts(uint64_t label, Client& c) {
  IpcMessage m;
  m.label = label;
  m.word_count = 3;
  m.words[0] = c.ops;
  m.words[1] = c.checks;
  m.words[2] = c.longest_unmap_ns;
  TRY(call_controller(m));
  c.ops = 0;
  c.checks = 0;
  c.longest_unmap_ns = 0;
  return Status::kOk;
}

// Makes the window's page tables now, before the controller's first leak snapshot: one page
// does it, the window being under one page table. The first region's page, which no request of
// a dead life (the victim's churn threads') can have mapped.
Status prepare_window(const Client& c) {
  TRY(sys::mem::allocate(c.memory, kPageSize, kWindowBase, kVmRead));
  return sys::mem::free(c.memory, kWindowBase, kPageSize);
}

// ---- the victim ----------------------------------------------------------------------------

struct Victim;

struct ChurnThread {
  Victim* victim = nullptr;
  uint32_t index = 0;
  std::atomic<uint32_t> rounds{0};
  sys::Thread thread;
};

struct Victim {
  uint32_t memory = kSlotMemoryServer;
  bool restarted = false;  // a life after the first: a dead life's request may still land
  std::atomic<bool> stop_churn{false};
  // Set when the moment to die has come: the churn threads wait for it, so that their storm of
  // requests (and its TLB shootdowns) lasts from there to the death, not the whole life.
  std::atomic<uint32_t> storm{0};
  bool map_storm = false;  // allocate, protect, free (memsrv_sem); else requests that never map
  ChurnThread churn[kChurnThreads];
  // memsrv_sem: the subscription to notifiers of the window, its endpoint and its thread.
  bool subscribed = false;
  sys::mem::Subscription subscription;
  uint32_t notify = 0;
  std::atomic<bool> stop_subscriber{false};
  sys::Thread subscriber;

  // Before the threads' destructors join them (an early return).
  ~Victim() {
    stop_churn.store(true, std::memory_order_release);
    stop_subscriber.store(true, std::memory_order_release);
  }
};

uint64_t churn_address(uint32_t index) {
  return kChurnBase + index * kChurnStridePages * kPageSize;
}
uint64_t churn_length(uint32_t index) { return (1 + index) * kPageSize; }

// One churn thread: once the storm is on, allocate, protect, free its slot until the task dies
// (or is told to stop). In a restarted life a
// dead life's allocate may have mapped the slot (kAlreadyExists: free it and go on) or its free
// unmapped it (kNotFound).
void churn_main(void* arg) {
  ChurnThread& t = *static_cast<ChurnThread*>(arg);
  Victim& v = *t.victim;
  const uint64_t address = churn_address(t.index);
  const uint64_t length = churn_length(t.index);
  const Status stale = v.restarted ? Status::kNotFound : Status::kOk;
  while (!v.stop_churn.load(std::memory_order_acquire)) {
    if (v.storm.load(std::memory_order_acquire) == 0) {
      (void)wait_while_equal(v.storm, 0, kChurnIdleNs);
      continue;
    }
    if (!v.map_storm) {
      // Requests that never reach the address space (docs/stress.md says why, for the spin build).
      (void)expect(sys::mem::who_am_i(v.memory).status(), MemClientRequest::kWhoAmI);
      (void)expect(sys::mem::pool_stats(v.memory).status(), MemClientRequest::kCheck);
      t.rounds.fetch_add(1, std::memory_order_release);
      continue;
    }
    const Result<uint64_t> got = sys::mem::allocate(v.memory, length, address, kVmRead | kVmWrite);
    if (got.status() == Status::kAlreadyExists && v.restarted) {
      (void)sys::mem::free(v.memory, address, length);
    } else if (expect(got.status(), MemClientRequest::kAllocate, Status::kNoSpace,
                      Status::kNoMemory)) {
      (void)expect(sys::mem::protect(v.memory, address, length, kVmRead),
                   MemClientRequest::kProtect, stale);
      (void)expect(sys::mem::free(v.memory, address, length), MemClientRequest::kFree, stale);
    }
    t.rounds.fetch_add(1, std::memory_order_release);
  }
}

bool churn_warm(Victim& v) {
  for (ChurnThread& t : v.churn) {
    if (t.rounds.load(std::memory_order_acquire) < kChurnRoundsBeforeDeath) return false;
  }
  return true;
}

// The subscriber's thread: answers every notification until told to stop.
void subscriber_main(void* arg) {
  Victim& v = *static_cast<Victim*>(arg);
  while (!v.stop_subscriber.load(std::memory_order_acquire)) {
    IpcMessage m;
    const Status s = sys_ipc_receive(v.notify, &m, kSubscriberReceiveNs).status;
    if (s == Status::kOk && m.label == ::mem::kNotifyUnmap) {
      (void)sys::mem::notify_done(v.subscription.answer, m.words[2]);
    }
  }
}

// The lowest slots of libsys's stack window (first fit: where this life's few threads' stacks
// go) mapped and freed once, so that their page tables exist before the hello in every life, as
// they will after. Only those: each request is a vm_batch, and this runs at every restart.
constexpr size_t kWarmStackSlots = 8;
static_assert(kWarmStackSlots >= kChurnThreads + 1 && kWarmStackSlots <= sys::kStackWindowSlots);

void warm_stack_window() {
  void* stacks[kWarmStackSlots];
  size_t count = 0;
  while (count < kWarmStackSlots) {
    Result<void*> stack = sys::allocate_pages(1, 1);
    if (!stack.is_ok()) break;
    stacks[count++] = stack.value();
  }
  for (size_t i = 0; i < count; ++i) sys::free_pages(stacks[i], 1, 1);
}

// Before the hello: the stack window, and with memsrv_sem the subscription (its thread first, so
// that no notification waits for a receiver).
Status prepare_victim(Victim& v) {
  warm_stack_window();
  const Result<sys::mem::ServerInfo> info = sys::mem::server_info(v.memory);
  if (info.is_error()) return info.status();
  // A storm of requests that never map, with either build (docs/stress.md, "The memsrv
  // workload's faults": an open problem); kMapStorm turns the maps back on.
  v.map_storm = kMapStorm;
  if (!info.value().notifiers) return Status::kOk;
  const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
  TRY(endpoint.status);
  v.notify = static_cast<uint32_t>(endpoint.extra);
  TRY(v.subscriber.start(subscriber_main, &v, sys::ThreadOptions{}));
  // The regions only (what it holds and shares with the others), not the churn slots: their storm
  // would wait for this task's own thread at every unmap.
  const Result<sys::mem::Subscription> sub = sys::mem::subscribe(
      v.memory, v.notify, kWindowBase, kRegions * kRegionStridePages * kPageSize);
  if (sub.is_error()) {
    v.stop_subscriber.store(true, std::memory_order_release);
    v.subscriber.join();
    return sub.status();
  }
  v.subscription = sub.value();
  v.subscribed = true;
  return Status::kOk;
}

Status start_churn(Victim& v) {
  for (uint32_t i = 0; i < kChurnThreads; ++i) {
    v.churn[i].victim = &v;
    v.churn[i].index = i;
    sys::ThreadOptions small;
    small.stack_pages = 2;
    TRY(v.churn[i].thread.start(churn_main, &v.churn[i], small));
  }
  return Status::kOk;
}

// After the deadline: the churn threads joined, and in a restarted life the slots cleared of what
// a dead life's request may have left.
void stop_churn(Victim& v) {
  v.stop_churn.store(true, std::memory_order_release);
  wake_waiters(v.storm, kChurnThreads);
  for (ChurnThread& t : v.churn) t.thread.join();
  if (!v.restarted) return;
  for (uint32_t i = 0; i < kChurnThreads; ++i) {
    (void)sys::mem::free(v.memory, churn_address(i), churn_length(i));
  }
}

// At the exit: the subscription ended and its thread joined.
void end_subscription(Victim& v) {
  if (!v.subscribed) return;
  (void)expect(sys::mem::unsubscribe(v.memory, v.subscription.id), MemClientRequest::kSubscribe);
  (void)sys_cap_delete(v.subscription.answer);
  v.subscribed = false;
  v.stop_subscriber.store(true, std::memory_order_release);
  v.subscriber.join();
  (void)sys_cap_delete(v.notify);
}

// Starts the churn threads' storm and waits until each has made a few rounds, says so, then
// faults: init kills the task with the churn threads' requests in flight.
void die(const Client& c, Victim& v) {
  v.storm.store(1, std::memory_order_release);
  wake_waiters(v.storm, kChurnThreads);
  while (!churn_warm(v)) sleep_ns(kDieWaitNs);  // a sleep: a yield would only spin here
  IpcMessage m;
  m.label = kMemDyingLabel;
  m.word_count = 2;
  m.words[0] = c.index;
  m.words[1] = v.subscribed ? 1 : 0;
  (void)call_controller(m);
  *reinterpret_cast<volatile uint64_t*>(uintptr_t{8}) = 1;
}

bool has_word(int argc, char** argv, const char* word) {
  for (int i = 1; i < argc; ++i) {
    if (base::same_text(argv[i], word)) return true;
  }
  return false;
}

}  // namespace

int mem_client_main(int argc, char** argv) {
  Client c;
  if (!line_value(argc, argv, "index", c.index) || !line_value(argc, argv, "of", c.count) ||
      c.count > kMaxClients || c.index >= c.count) {
    return 1;
  }
  const bool is_victim = has_word(argc, argv, "victim");
  if (const Status s = prepare_window(c); s != Status::kOk) {
    (void)sys::printf("memclient %lu: window not prepared: %s\n", c.index, status_name(s));
    return 2;
  }
  Victim v;
  if (const Status s = is_victim ? prepare_victim(v) : Status::kOk; s != Status::kOk) {
    (void)sys::printf("memclient %lu: victim not prepared: %s\n", c.index, status_name(s));
    return 5;
  }
  const Result<uint64_t> badge = sys::mem::who_am_i(c.memory);
  if (badge.is_error()) return 3;
  IpcMessage m;
  m.label = kMemHelloLabel;
  m.word_count = 4;
  m.words[0] = c.index;
  m.words[1] = c.count;
  m.words[2] = badge.value();
  m.words[3] = is_victim ? kMemHelloVictim : 0;
  // The workload is not selected, or the run is over: nothing to do.
  if (call_controller(m) != Status::kOk || m.label != kMemGoLabel) {
    end_subscription(v);
    return 0;
  }
  const uint64_t deadline = m.words[1];
  const uint64_t die_at = is_victim ? m.words[2] : 0;
  v.restarted = m.words[3] != 0;
  Random random(mix_seed(m.words[0], "memclient", c.index + kMaxClients * m.words[3]));
  if (const Status s = is_victim ? start_churn(v) : Status::kOk; s != Status::kOk) {
    (void)sys::printf("memclient %lu: churn threads not started: %s\n", c.index, status_name(s));
    return 6;
  }
  uint64_t next_progress = now_ns() + kProgressNs;
  for (uint32_t n = 1; now_ns() < deadline; ++n) {
    one_request(c, random);
    if (n % kCheckEvery == 0) check(c);
    if (now_ns() >= next_progress) {
      if (send_counts(kMemProgressLabel, c) != Status::kOk) return 4;
      next_progress += kProgressNs;
    }
    if (die_at != 0 && now_ns() >= die_at) {
      die(c, v);
      report_violation(MemClientViolation::kDidNotDie, c.index, 0);
      return 7;
    }
  }
  if (is_victim) stop_churn(v);
  for (uint32_t slot = 0; slot < kRegions; ++slot) {
    if (c.regions[slot].state != RegionState::kEmpty) release(c, slot);
  }
  check(c);
  if (send_counts(kMemReportLabel, c) != Status::kOk) {
    end_subscription(v);
    return 0;
  }
  // Parked until the run is over (stress_endpoint.h says why).
  for (;;) {
    m = IpcMessage{};
    m.label = kMemParkLabel;
    if (call_controller(m) != Status::kOk || m.label != kMemParkLaterLabel) break;
    sleep_ns(kParkRetryNs);
  }
  end_subscription(v);
  return 0;
}

}  // namespace stress
