// memsrv, the memory server (docs/memory-server.md, "The server"): init starts it before the
// programs that use it, with the memory pool's Frames capability (mem::kServerPoolSlot) and the
// endpoint named "memory" to serve (mem::kServerEndpointSlot). It maps the whole pool into its own
// address space (the window: it zeroes frames there before a client gets them, and keeps its own
// tables in pool pages), then serves with one worker thread per CPU, each pinned to its CPU and
// all receiving on the one endpoint, until init tells it to stop. Arguments (its manifest line):
//   workers=N            N workers instead of one per online CPU (1 to kMaxWorkers; worker i
//                        runs on CPU i modulo the CPU count)
//   batch=N              at most N pages per vm_batch (1 = page at a time, the benchmark's
//                        baseline; the builder's default otherwise)
//   notify_timeout_ms=M  how long an unmap waits for a notifier's answer (RmapConfig's default
//                        otherwise)
//
// Who asks is the badge of the endpoint capability the request came through, set by the kernel:
// mem::kInitBadge is init (registrations, client ends, stop), a badge init registered is that
// client, anything else is refused. Requests are long-form IPC (mem_protocol.h); capabilities that
// come with a client's request are deleted unused, but for kSubscribe's endpoint.
//
// Built twice (servers/programs.SConscript): `memsrv` with the rmap lock the build configures and
// `memsrv_sem` with the semaphore lock. Only the semaphore build serves notifiers: it then runs one
// more thread, the answer thread, which receives the subscribers' kNotifyDone on an endpoint of its
// own and needs no lock a walk holds, so an unmap waiting for an answer never waits for itself.
#include <stddef.h>
#include <stdint.h>

#include <atomic>
#include <new>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/vm_op.h"
#include "base/thread_annotations.h"
#include "libsys/mem_protocol.h"
#include "libsys/mutex.h"
#include "libsys/print.h"
#include "libsys/startup_memory.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "servers/memsrv/ipc_notifier.h"
#include "servers/memsrv/memory_service.h"

namespace {

using Rmap = ReverseMap<RmapLock>;

// Where memsrv maps the pool in its own address space: far from its image and stacks, and from the
// client arena (the same addresses in every task, but this is memsrv's own space).
constexpr uint64_t kPoolWindow = uint64_t{0x5000} << 32;
constexpr uint64_t kForever = UINT64_MAX;
constexpr uint32_t kServe = mem::kServerEndpointSlot;
// Thread stacks come from memsrv's initial Frames capability (libsys/page_pool.h, 32 pages): each
// thread takes its stack pages plus a guard page, so 8 workers and the answer thread fit.
constexpr uint32_t kMaxWorkers = 8;
constexpr size_t kThreadStackPages = 2;

PoolAllocator g_pool;
PoolView g_view;
// The most pages in one vm_batch, from the argument `batch=N`, or the builder's default.
uint32_t g_batch_max_pages = VmBatchLimits{}.max_pages;

// The AddressSpace capability of each registered client, by ClientId. Workers read a client's
// slot while init's registration of another client writes its own: atomic words. A slot is placed
// before the registration is answered, so before the client's program can send its first request.
class ServerSpaces final : public MemoryClientSpaces {
 public:
  Status submit_batch(ClientId client, const VmOp* ops, uint32_t count) override {
    return sys_vm_batch(slot(client), mem::kServerPoolSlot, ops, count).status;
  }
  void forget(ClientId client) override {
    (void)sys_cap_delete(slots_[client].exchange(kCapSlotNone, std::memory_order_acq_rel));
  }
  Status lookup(ClientId client, uint64_t va, uint32_t count, VmLookupEntry* out) override {
    return sys_vm_lookup(slot(client), va, count, reinterpret_cast<uint64_t>(out)).status;
  }
  void place(ClientId client, uint32_t slot) {
    slots_[client].store(slot, std::memory_order_release);
  }

 private:
  uint32_t slot(ClientId client) const { return slots_[client].load(std::memory_order_acquire); }

  std::atomic<uint32_t> slots_[MemoryService::kMaxClients] = {};
};

ServerSpaces g_spaces;

// The request logic, safe to call from every worker at once (its own per-client locks; the reverse
// map below takes its stripes' locks). Set before the first worker starts.
MemoryService* g_service = nullptr;
Rmap* g_rmap = nullptr;  // thread-safe by itself

uint32_t g_worker_count = 0;
uint64_t g_notifier_timeout_ns = 0;
std::atomic<bool> g_stopping{false};
std::atomic<uint32_t> g_workers_running{0};  // also the word the stopping worker sleeps on

// ---- notifiers (semaphore build) ----

// One per subscription: the notifier the rmap calls, what the client sent and was given.
struct Subscription {
  bool used = false;
  uint64_t badge = 0;    // the subscriber
  uint32_t rmap_id = 0;  // the id the rmap gave, which the client names it by
  uint32_t answer = 0;   // memsrv's copy of the answer endpoint badged for this client
  IpcNotifier notifier;  // holds the slot of the client's endpoint
};
sys::Mutex g_subscriptions_lock;  // never held across a MemoryService call
Subscription g_subscriptions[Rmap::kMaxSubscriptions] GUARDED_BY(g_subscriptions_lock);
// The subscriber of each rmap subscription id (0: none), for the answer thread, which takes no
// lock: set before the client learns the id, cleared before the rmap forgets it.
std::atomic<uint64_t> g_subscriber_badge[Rmap::kMaxSubscriptions];
uint32_t g_answer_endpoint = 0;  // created at start, semaphore build only
std::atomic<bool> g_said_notifiers_need_sem{false};

// Pool pages for memsrv's own tables, placed in the window. `pages` of them or nullptr.
void* take_pool_pages(uint64_t pages) {
  const Result<uint64_t> first = g_pool.take(pages);
  if (first.is_error()) return nullptr;
  return g_view.window + first.value() * kPageSize;
}

Status map_pool(const CapIdentity& pool, uint64_t pages) {
  const VmOp op = vm_map_op(kPoolWindow, pool.base * kPageSize, static_cast<uint32_t>(pages),
                            kVmRead | kVmWrite);
  return sys_vm_batch(kSlotSelfAddressSpace, mem::kServerPoolSlot, &op, 1).status;
}

void drop_caps(const IpcMessage& m) {
  for (uint32_t i = 0; i < m.cap_count; ++i) (void)sys_cap_delete(m.caps[i]);
}

// Ends a subscription: the answer thread stops accepting its tickets, the rmap forgets it
// (a walk waiting for it is released), then memsrv's capabilities for it go.
void end_subscription(Subscription& sub) REQUIRES(g_subscriptions_lock) {
  g_subscriber_badge[sub.rmap_id].store(0, std::memory_order_release);
  g_rmap->unsubscribe(sub.rmap_id);
  (void)sys_cap_delete(sub.notifier.endpoint());
  (void)sys_cap_delete(sub.answer);
  sub.used = false;
  sub.badge = 0;
  sub.answer = 0;
  sub.notifier.set_target(0, 0);
}

// After a client's end or its re-registration, once its old pages are unmapped: whoever holds the
// endpoint it subscribed with has heard of those unmaps (a subscriber that ended with the client
// cost one notifier timeout), and nothing of the old address space is left to watch.
void end_subscriptions_after_unmaps(uint64_t badge) {
  sys::MutexGuard g(g_subscriptions_lock);
  for (Subscription& sub : g_subscriptions) {
    if (sub.used && sub.badge == badge) end_subscription(sub);
  }
}

// kSubscribe: `endpoint` is the capability the client sent (deleted by the caller on error). The
// subscription id, with the answer endpoint's badged copy in *answer.
Result<uint32_t> subscribe(uint64_t badge, uint64_t address, uint64_t length, uint32_t endpoint,
                           uint32_t* answer) {
  if (!RmapLock::kWalkersMaySleep) {
    (void)badge, (void)address, (void)length, (void)endpoint, (void)answer;
    if (!g_said_notifiers_need_sem.exchange(true)) {
      sys::printf("memsrv: subscribe refused: %s\n", kRmapNotifiersNeedSem);
    }
    return Status::kNotSupported;
  } else {
    const ClientId client = TRY(g_service->client_of(badge));
    if (length == 0) return Status::kInvalidArgument;
    if (length % kPageSize != 0) return Status::kUnaligned;
    CapIdentity id;
    TRY(sys_cap_identify(endpoint, &id).status);
    if (id.type != static_cast<uint32_t>(CapabilityType::kEndpoint)) return Status::kWrongType;
    sys::MutexGuard g(g_subscriptions_lock);
    Subscription* sub = nullptr;
    for (Subscription& s : g_subscriptions) {
      if (!s.used && sub == nullptr) sub = &s;
    }
    if (sub == nullptr) return Status::kNoSpace;
    const SyscallResult copy = sys_cap_copy(g_answer_endpoint, kCapSlotAny, kCapWrite | kCapGrant,
                                            kCapCopyBadge, badge, 0);
    if (copy.status != Status::kOk) return copy.status;
    sub->notifier.set_target(endpoint, g_notifier_timeout_ns);
    const Result<uint32_t> rmap_id =
        g_rmap->subscribe(client, address, length / kPageSize, &sub->notifier);
    if (rmap_id.is_error()) {
      (void)sys_cap_delete(copy.extra);
      sub->notifier.set_target(0, 0);
      return rmap_id.status();
    }
    sub->used = true;
    sub->badge = badge;
    sub->rmap_id = rmap_id.value();
    sub->answer = static_cast<uint32_t>(copy.extra);
    g_subscriber_badge[rmap_id.value()].store(badge, std::memory_order_release);
    *answer = sub->answer;
    return rmap_id.value();
  }
}

Status unsubscribe(uint64_t badge, uint64_t rmap_id) {
  sys::MutexGuard g(g_subscriptions_lock);
  for (Subscription& sub : g_subscriptions) {
    if (sub.used && sub.badge == badge && sub.rmap_id == rmap_id) {
      end_subscription(sub);
      return Status::kOk;
    }
  }
  return Status::kNotFound;
}

// The answer thread (semaphore build): kNotifyDone {ticket} from a subscriber, through its badged
// copy of the answer endpoint. It takes no lock, so it answers while a walk holds its stripes'
// locks and client locks, whatever the workers are doing.
void answer_thread(void*) {
  IpcMessage m;
  Status s = sys_ipc_receive(g_answer_endpoint, &m, kForever).status;
  while (s == Status::kOk) {
    if (g_stopping.load(std::memory_order_acquire)) return;  // main's kWorkerStop
    drop_caps(m);
    Status answer = Status::kInvalidArgument;
    if (m.label == mem::kNotifyDone && m.word_count == 1) {
      const uint64_t subscription = m.words[0] >> 32;
      answer = Status::kAccessDenied;
      if (m.badge != 0 && subscription < Rmap::kMaxSubscriptions &&
          g_subscriber_badge[subscription].load(std::memory_order_acquire) == m.badge) {
        g_rmap->answer(
            NotifierTicket{static_cast<uint32_t>(subscription), static_cast<uint32_t>(m.words[0])});
        answer = Status::kOk;
      }
    }
    m.label = static_cast<uint64_t>(answer);
    m.word_count = 0;
    m.cap_count = 0;
    s = sys_ipc_reply_receive(g_answer_endpoint, &m, kForever).status;
    if (s == Status::kBadState) s = sys_ipc_receive(g_answer_endpoint, &m, kForever).status;
  }
  sys::printf("memsrv: answer thread: receive: %s\n", status_name(s));
}

// ---- requests ----

// init's requests (each sets the answer's words). Returns false for the stop.
bool handle_init(IpcMessage& m) {
  if (m.label == mem::kStop) {
    drop_caps(m);
    m.word_count = 0;
    m.label = static_cast<uint64_t>(Status::kOk);
    return false;
  }
  if (m.label == mem::kClientEnded && m.word_count == 1) {
    drop_caps(m);
    const uint64_t badge = m.words[0];
    {
      const Result<uint64_t> pages = g_service->client_ended(badge);
      m.label = static_cast<uint64_t>(pages.status());
      m.word_count = pages.is_ok() ? 1 : 0;
      if (pages.is_ok()) {
        m.words[0] = pages.value();
        sys::printf("memsrv: client 0x%lx ended, %lu pages back (%lu free)\n", badge, pages.value(),
                    g_pool.free_pages());
      }
    }
    end_subscriptions_after_unmaps(badge);
    return true;
  }
  const uint8_t words = m.word_count;
  m.word_count = 0;
  if (m.label != mem::kRegister || words != 2 || m.cap_count != 1) {
    drop_caps(m);
    m.label = static_cast<uint64_t>(Status::kInvalidArgument);
    return true;
  }
  CapIdentity id;
  Status s = sys_cap_identify(m.caps[0], &id).status;
  if (s == Status::kOk && id.type != static_cast<uint32_t>(CapabilityType::kAddressSpace)) {
    s = Status::kWrongType;
  }
  if (s == Status::kOk) {
    const Result<ClientId> client = g_service->register_client(m.words[0], m.words[1]);
    s = client.status();
    if (client.is_ok()) g_spaces.place(client.value(), m.caps[0]);
  }
  if (s != Status::kOk) {
    drop_caps(m);
    m.label = static_cast<uint64_t>(s);
    return true;
  }
  end_subscriptions_after_unmaps(m.words[0]);  // a restart: the old program's
  m.label = static_cast<uint64_t>(Status::kOk);
  return true;
}

// kCheck's answer (clients and init): the counts and what failed, kBadState when something did.
Status answer_check(MemoryService& service, IpcMessage& m, uint8_t& answer_words) {
  const Result<MemoryCheckReport> report = service.check(m.badge);
  if (report.is_error()) return report.status();
  const MemoryCheckReport& r = report.value();
  m.words[0] = r.pages_checked;
  m.words[1] = r.mappings_checked;
  m.words[2] = r.failed;
  m.words[3] = r.where;
  answer_words = 4;
  if (r.failed == MemoryCheckReport::kNone) return Status::kOk;
  sys::printf("memsrv: check failed: invariant %lu at 0x%lx\n", r.failed, r.where);
  return Status::kBadState;
}

// A client's request; sets the answer (label, words, and for kSubscribe a capability).
void handle_client(IpcMessage& m) {
  const uint64_t* w = m.words;
  const uint8_t words = m.word_count;
  Status s = Status::kInvalidArgument;
  uint8_t answer_words = 0;
  uint8_t answer_caps = 0;
  if (m.label == mem::kSubscribe && words == 2 && m.cap_count == 1) {
    uint32_t answer = 0;
    const Result<uint32_t> id = subscribe(m.badge, w[0], w[1], m.caps[0], &answer);
    s = id.status();
    if (id.is_ok()) {
      m.words[0] = id.value();
      answer_words = 1;
      m.caps[0] = answer;
      answer_caps = 1;
    } else {
      drop_caps(m);
    }
    m.label = static_cast<uint64_t>(s);
    m.word_count = answer_words;
    m.cap_count = answer_caps;
    return;
  }
  drop_caps(m);
  m.cap_count = 0;
  if (m.label == mem::kUnsubscribe && words == 1) {
    // It may wait for a walk that is telling this subscription (the answer thread releases it).
    m.label = static_cast<uint64_t>(unsubscribe(m.badge, w[0]));
    m.word_count = 0;
    return;
  }
  if (m.label == mem::kAllocate && words == 3) {
    const Result<uint64_t> address = g_service->allocate(m.badge, w[0], w[1], w[2]);
    s = address.status();
    if (address.is_ok()) {
      m.words[0] = address.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kFree && words == 2) {
    s = g_service->free(m.badge, w[0], w[1]);
  } else if (m.label == mem::kProtect && words == 3) {
    s = g_service->protect(m.badge, w[0], w[1], w[2]);
  } else if (m.label == mem::kPoolStats && words == 0) {
    const Result<MemoryServiceStats> stats = g_service->stats(m.badge);
    s = stats.status();
    if (stats.is_ok()) {
      m.words[0] = stats.value().free_pages;
      m.words[1] = stats.value().total_pages;
      m.words[2] = stats.value().client_pages;
      answer_words = 3;
    }
  } else if (m.label == mem::kShareOffer && words == 4) {
    const Result<uint64_t> offer = g_service->share_offer(m.badge, w[0], w[1], w[2], w[3]);
    s = offer.status();
    if (offer.is_ok()) {
      m.words[0] = offer.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kShareAccept && words == 2) {
    const Result<uint64_t> address = g_service->share_accept(m.badge, w[0], w[1]);
    s = address.status();
    if (address.is_ok()) {
      m.words[0] = address.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kShareCancel && words == 1) {
    s = g_service->share_cancel(m.badge, w[0]);
  } else if (m.label == mem::kWhoAmI && words == 0) {
    const Result<uint64_t> badge = g_service->who_am_i(m.badge);
    s = badge.status();
    if (badge.is_ok()) {
      m.words[0] = badge.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kReclaim && words == 2) {
    const Result<uint64_t> removed = g_service->reclaim(m.badge, w[0], w[1]);
    s = removed.status();
    if (removed.is_ok()) {
      m.words[0] = removed.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kFrameOf && words == 1) {
    const Result<uint64_t> frame = g_service->frame_of(m.badge, w[0]);
    s = frame.status();
    if (frame.is_ok()) {
      m.words[0] = frame.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kCheck && words == 0) {
    s = answer_check(*g_service, m, answer_words);
  } else if (m.label == mem::kBatchLimits && words == 0) {  // bench-mem's query
    s = g_service->client_of(m.badge).status();
    if (s == Status::kOk) {
      m.words[0] = g_batch_max_pages;
      answer_words = 1;
    }
  } else if (m.label == mem::kServerInfo && words == 0) {
    s = g_service->client_of(m.badge).status();
    if (s == Status::kOk) {
      m.words[0] = g_worker_count;
      m.words[1] = RmapLock::kWalkersMaySleep ? 1 : 0;
      m.words[2] = g_notifier_timeout_ns;
      answer_words = 3;
    }
  } else if (m.label == mem::kServerStats && words == 0) {  // the shell's `mem`: read only
    s = g_service->client_of(m.badge).status();
    if (s == Status::kOk) {
      m.words[0] = g_service->client_count();
      m.words[1] = g_rmap->mapping_count();
      answer_words = 2;
    }
  } else if (g_service->client_of(m.badge).is_error()) {
    s = Status::kAccessDenied;  // nobody init told memsrv about
  }
  m.label = static_cast<uint64_t>(s);
  m.word_count = answer_words;
}

// ---- workers ----

// The worker that received init's stop makes every other worker leave: each is blocked in
// receive (or about to be), so it sends them kWorkerStop through memsrv's own capability, one
// send per waiting worker, trying again while none waits, until it is the last one running. A
// worker that receives anything once g_stopping is set leaves (a request then would be dropped:
// its caller gets kBadState; init stops memsrv only after every client has ended).
void stop_other_workers() {
  g_stopping.store(true, std::memory_order_release);
  for (;;) {
    const uint32_t running = g_workers_running.load(std::memory_order_acquire);
    if (running <= 1) return;
    IpcMessage wake;
    wake.label = mem::kWorkerStop;
    const Status s = sys_ipc_send(kServe, &wake).status;
    if (s == Status::kNotFound) {
      (void)wait_while_equal(g_workers_running, running, IpcNotifier::kRetryNs);
    } else if (s != Status::kOk) {
      sys::printf("memsrv: stopping the workers: %s\n", status_name(s));
      return;
    }
  }
}

void worker_ended() {
  g_workers_running.fetch_sub(1, std::memory_order_acq_rel);
  wake_waiters(g_workers_running, ~0u >> 1);
}

void worker(void*) {
  IpcMessage m;
  Status s = sys_ipc_receive(kServe, &m, kForever).status;
  while (s == Status::kOk) {
    if (g_stopping.load(std::memory_order_acquire)) break;
    if (m.badge == mem::kInitBadge) {
      if (!handle_init(m)) {
        stop_other_workers();
        // The stop's answer; a receive that times out at once (anything it takes is dropped as
        // this thread ends).
        m.cap_count = 0;
        (void)sys_ipc_reply_receive(kServe, &m, 0);
        break;
      }
      m.cap_count = 0;
    } else {
      handle_client(m);
    }
    s = sys_ipc_reply_receive(kServe, &m, kForever).status;
    if (s == Status::kNoSpace) {
      // The caller's space had no slot for kSubscribe's answer capability: the call is still
      // held; undo the subscription and answer without it.
      (void)unsubscribe(m.badge, m.words[0]);
      m.label = static_cast<uint64_t>(Status::kNoSpace);
      m.word_count = 0;
      m.cap_count = 0;
      s = sys_ipc_reply_receive(kServe, &m, kForever).status;
    }
    // A message that came with ipc_send holds no call to answer (kBadState, nothing received):
    // receive the next one, so a client cannot stop the server that way.
    if (s == Status::kBadState) s = sys_ipc_receive(kServe, &m, kForever).status;
  }
  if (s != Status::kOk) sys::printf("memsrv: worker: receive: %s\n", status_name(s));
  worker_ended();
}

// A decimal number after `prefix` in `arg`, or false.
bool parse_argument(const char* arg, const char* prefix, uint64_t* value) {
  while (*prefix != '\0') {
    if (*arg++ != *prefix++) return false;
  }
  if (*arg == '\0') return false;
  uint64_t v = 0;
  for (; *arg != '\0'; ++arg) {
    if (*arg < '0' || *arg > '9' || v > UINT64_MAX / 10 - 9) return false;
    v = v * 10 + static_cast<uint64_t>(*arg - '0');
  }
  *value = v;
  return true;
}

sys::Thread g_workers[kMaxWorkers];
sys::Thread g_answer_thread;

}  // namespace

// The rmap's tables, from pool pages in the window; memsrv keeps them until it exits, and the pool
// is never freed, so nothing is given back. Start-up only, before any worker runs.
void* allocate_startup_memory(size_t bytes, size_t alignment) {
  if (alignment > kPageSize || bytes == 0) return nullptr;
  return take_pool_pages((bytes + kPageSize - 1) / kPageSize);
}
void free_startup_memory(void*) {}

int main(int argc, char** argv) {
  const uint32_t cpus = sys::online_cpus();
  uint64_t workers = cpus < kMaxWorkers ? cpus : kMaxWorkers;
  RmapConfig config;
  for (int i = 1; i < argc; ++i) {
    uint64_t value = 0;
    if (parse_argument(argv[i], "workers=", &value) && value >= 1 && value <= kMaxWorkers) {
      workers = value;
    } else if (parse_argument(argv[i], "batch=", &value) && value >= 1 &&
               value <= kVmBatchMaxPages) {
      g_batch_max_pages = static_cast<uint32_t>(value);
    } else if (parse_argument(argv[i], "notify_timeout_ms=", &value) && value <= 60'000) {
      config.notifier_timeout_ns = value * 1'000'000;
    } else {
      sys::printf(
          "memsrv: argument '%s' ignored (workers=1..%u, batch=1..%lu, "
          "notify_timeout_ms=0..60000)\n",
          argv[i], kMaxWorkers, kVmBatchMaxPages);
    }
  }

  CapIdentity pool;
  if (sys_cap_identify(mem::kServerPoolSlot, &pool).status != Status::kOk ||
      pool.type != static_cast<uint32_t>(CapabilityType::kFrames)) {
    sys::printf("memsrv: no memory pool in slot %u\n", mem::kServerPoolSlot);
    return 1;
  }
  // One vm_batch maps the window; a pool larger than one batch is used up to that.
  const uint64_t pages = pool.count < kVmBatchMaxPages ? pool.count : kVmBatchMaxPages;
  if (const Status s = map_pool(pool, pages); s != Status::kOk) {
    sys::printf("memsrv: pool not mapped (%s)\n", status_name(s));
    return 1;
  }
  g_view = PoolView{pool.base * kPageSize, reinterpret_cast<uint8_t*>(kPoolWindow)};
  // The allocator's bitmap and page uses live in the pool's first pages, taken from it at once.
  const uint64_t bitmap_pages = (PoolAllocator::bytes_for(pages) + kPageSize - 1) / kPageSize;
  g_pool.init(reinterpret_cast<uint64_t*>(kPoolWindow),
              reinterpret_cast<PoolAllocator::PageUse*>(
                  kPoolWindow + PoolAllocator::words_for(pages) * sizeof(uint64_t)),
              pages);
  if (g_pool.take(bitmap_pages).is_error()) return 1;

  config.max_clients = MemoryService::kMaxClients;
  config.max_entries = static_cast<uint32_t>(pages);
  config.buckets_per_stripe = 256;
  config.batch_limits.max_pages = g_batch_max_pages;
  g_notifier_timeout_ns = config.notifier_timeout_ns;
  void* rmap_memory = take_pool_pages((sizeof(Rmap) + kPageSize - 1) / kPageSize);
  void* service_memory = take_pool_pages((sizeof(MemoryService) + kPageSize - 1) / kPageSize);
  if (rmap_memory == nullptr || service_memory == nullptr) return 1;
  g_rmap = new (rmap_memory) Rmap(g_spaces, config);
  if (const Status s = g_rmap->init(); s != Status::kOk) {
    sys::printf("memsrv: reverse map: %s\n", status_name(s));
    return 1;
  }
  if (RmapLock::kWalkersMaySleep) {
    const SyscallResult answer = sys_endpoint_create(kCapSlotAny);
    if (answer.status != Status::kOk) {
      sys::printf("memsrv: answer endpoint: %s\n", status_name(answer.status));
      return 1;
    }
    g_answer_endpoint = static_cast<uint32_t>(answer.extra);
  }
  g_service = new (service_memory) MemoryService(g_spaces, *g_rmap, g_pool, g_view);
  const uint64_t free_at_start = g_pool.free_pages();

  sys::ThreadOptions options;
  options.stack_pages = kThreadStackPages;
  if (RmapLock::kWalkersMaySleep) {
    if (const Status s = g_answer_thread.start(answer_thread, nullptr, options); s != Status::kOk) {
      sys::printf("memsrv: answer thread: %s\n", status_name(s));
      return 1;
    }
  }
  // Counted before each start, so a stop that comes early waits for every started worker.
  for (uint32_t i = 0; i < workers; ++i) {
    options.cpu = i % cpus;
    g_workers_running.fetch_add(1, std::memory_order_acq_rel);
    if (const Status s = g_workers[i].start(worker, nullptr, options); s != Status::kOk) {
      worker_ended();
      sys::printf("memsrv: worker %u not started: %s\n", i, status_name(s));
      break;
    }
    g_worker_count = i + 1;
  }
  sys::printf("memsrv: serving %lu pool pages (%lu free), %u workers on %u CPUs, rmap lock %s\n",
              g_pool.total_pages(), free_at_start, g_worker_count, cpus, RmapLock::kName);
  if (g_batch_max_pages != VmBatchLimits{}.max_pages) {
    sys::printf("memsrv: batch=%u: at most %u page%s per vm_batch\n", g_batch_max_pages,
                g_batch_max_pages, g_batch_max_pages == 1 ? "" : "s");
  }
  for (sys::Thread& t : g_workers) t.join();

  if (RmapLock::kWalkersMaySleep) {
    // The answer thread leaves on any message once g_stopping is set; it waits on its endpoint
    // unless it is answering, so a send reaches it soon.
    g_stopping.store(true, std::memory_order_release);
    IpcMessage stop;
    stop.label = mem::kWorkerStop;
    const std::atomic<uint32_t> never_woken{0};
    while (sys_ipc_send(g_answer_endpoint, &stop).status == Status::kNotFound) {
      (void)wait_while_equal(never_woken, 0, IpcNotifier::kRetryNs);
    }
    g_answer_thread.join();
  }
  // Every client has ended by now (init stops memsrv last), so the pool should be as it was when
  // serving began: the boots check this line.
  const uint64_t free_now = g_pool.free_pages();
  if (free_now == free_at_start) {
    sys::printf("memsrv: stopped, every client page back (%lu free)\n", free_now);
  } else {
    sys::printf("memsrv: stopped, %lu pool pages free, %lu at start\n", free_now, free_at_start);
  }
  return 0;
}
