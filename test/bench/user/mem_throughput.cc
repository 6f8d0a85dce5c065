// The throughput part of `./portcullis bench mem` (docs/benchmarking.md, "Throughput: spin vs
// sem"): requests per million ticks when several clients use memsrv at once, for the rmap lock of
// the memsrv build booted (spin or sem) and its worker count (`workers=N` on its module line).
//
// The programs (test/bench/user/mem_throughput.manifest): the lead (`mem_bench throughput-lead`)
// serves the endpoint named "bench"; each client (`mem_bench throughput`) is a program of its own,
// so memsrv knows it by its own badge and serves it under its own client lock. A client calls the
// lead to say hello (its badge); the lead holds every hello (a serving thread per client) until
// all have come, then answers each with the client's index, so its CPU (index mod 4), and a start
// tick common to all; it runs the workload on a thread pinned to that CPU from the start tick on,
// then tells the lead its first and last tick and how many memsrv requests it made. Ticks are the
// TSC, which under QEMU -icount counts the guest instructions of every CPU on one clock, so the
// span from the first client's start to the last one's end is the work of the whole system
// (memsrv's workers, the kernel, the clients, and any CPU that spins), not a latency.
//
// Two workloads, one after the other, each started together:
//   mixed      each client loops allocate 4 pages / write each / protect read-only / free over its
//              own memory: its own client lock; the rmap stripe of its frames (the pool is first
//              fit, so the clients' runs mostly fall in the same 2 MiB stripe) held across each
//              map and unmap vm_batch; the pool's lock.
//   contended  the lead allocates 4 pages per client in one run (one stripe) and, on each
//              client's call, offers it its 4 pages, one offer per page; the client accepts each
//              (a one-page mapping of the lead's frame) and frees it again. Every offer and
//              accept holds the lead's client lock (an accept holds both clients), every accept
//              and free the same rmap stripe across its vm_batch. A page of its own per client:
//              a free cancels every offer of its frames, so clients may not share one frame's
//              offers.
// Requests counted are memsrv requests (allocate, protect, free; offer, accept, free), the calls
// to the lead not included (their cost is in the span).
#include "mem_throughput.h"

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_op.h"
#include "base/thread_annotations.h"
#include "bench_timing.h"
#include "libsys/mem_client.h"
#include "libsys/mutex.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"

namespace mem_throughput {
namespace {

using bench::rdtsc;

constexpr uint32_t kMemory = 3;  // memory=3 on the manifest lines
constexpr uint32_t kBench = 4;   // the endpoint named "bench": serve (the lead) or call
constexpr uint32_t kBootCpus = 4;
constexpr uint32_t kMaxClients = 4;
constexpr uint32_t kMixedPages = 4;
constexpr uint32_t kOfferPages = kIpcMessageWords;  // one offer id per answer word
// The serving threads look whether every client is done this often (the timer ticks at 100 Hz).
constexpr uint64_t kServeTimeoutNs = 20'000'000;
// From the last hello to the start: time for the lead to answer every held hello and for the
// clients' threads to start.
constexpr uint64_t kStartMargin = 2'000'000;

// The lead's protocol on "bench" (labels of this benchmark's own, not memsrv's).
constexpr uint64_t kHello = 0x5450'5400'0000'0001;   // {workload, badge} -> {start, index, count}
constexpr uint64_t kRefill = 0x5450'5400'0000'0002;  // {badge} -> kOfferPages offer ids
constexpr uint64_t kDone = 0x5450'5400'0000'0003;    // {workload, first, last, requests}
constexpr uint64_t kFailed = uint64_t{1} << 63;      // in kDone's requests: a request failed

enum Workload : uint32_t { kMixed, kContended, kWorkloads };
const char* const kWorkloadNames[kWorkloads] = {"mixed", "contended"};
constexpr uint64_t kRequestsPerIteration[kWorkloads] = {3, 3 * kOfferPages};

// Waits until the TSC passes `tick`, yielding: the lead's thread and memsrv's workers may share
// this CPU and must run meanwhile; and with pause, which under -icount lets QEMU run the other
// vCPUs (docs/benchmarking.md). A timed sleep would not do: the timer ticks at 100 Hz, so it
// oversleeps by up to 10 ms, far more than the start margin.
void wait_until(uint64_t tick) {
  while (rdtsc() < tick) {
    (void)sys_thread_yield();
    asm volatile("pause" ::: "memory");
  }
}

Status call(IpcMessage& m) {
  const Status s = sys_ipc_call(kBench, &m).status;
  return s != Status::kOk ? s : static_cast<Status>(m.label);
}

// --- a client ------------------------------------------------------------------------------------

struct Start {
  uint64_t tick = 0;
  uint32_t index = 0;
  uint64_t iterations = 0;
};

// The lead answers once every client has said hello, with the start tick.
Result<Start> hello(Workload w, uint64_t badge) {
  IpcMessage m;
  m.label = kHello;
  m.word_count = 2;
  m.words[0] = w;
  m.words[1] = badge;
  TRY(call(m));
  return Start{m.words[0], static_cast<uint32_t>(m.words[1]), m.words[2]};
}

// One allocate / touch / protect / free; false if memsrv refused any.
bool mixed_iteration() {
  const uint64_t bytes = uint64_t{kMixedPages} * kPageSize;
  const Result<uint64_t> a = sys::mem::allocate(kMemory, bytes);
  if (a.is_error()) return false;
  for (uint64_t p = 0; p < kMixedPages; ++p) {
    *reinterpret_cast<volatile uint64_t*>(a.value() + p * kPageSize) = p + 1;
  }
  const bool protected_ok = sys::mem::protect(kMemory, a.value(), bytes, kVmRead) == Status::kOk;
  return sys::mem::free(kMemory, a.value(), bytes) == Status::kOk && protected_ok;
}

// The lead offers this client its pages; accept each, read it, free each.
bool contended_iteration(uint64_t badge) {
  IpcMessage m;
  m.label = kRefill;
  m.word_count = 1;
  m.words[0] = badge;
  if (call(m) != Status::kOk) return false;
  uint64_t ids[kOfferPages];
  for (uint32_t k = 0; k < kOfferPages; ++k) ids[k] = m.words[k];
  uint64_t at[kOfferPages] = {};
  bool ok = true;
  for (uint32_t k = 0; k < kOfferPages; ++k) {
    const Result<uint64_t> a = sys::mem::share_accept(kMemory, ids[k]);
    if (a.is_error()) {
      ok = false;
      continue;
    }
    at[k] = a.value();
    (void)*reinterpret_cast<volatile uint64_t*>(at[k]);
  }
  for (uint32_t k = 0; k < kOfferPages; ++k) {
    if (at[k] != 0 && sys::mem::free(kMemory, at[k], kPageSize) != Status::kOk) ok = false;
  }
  return ok;
}

struct Run {
  Workload workload = kMixed;
  uint64_t badge = 0;
  Start start;
  uint64_t first = 0;
  uint64_t last = 0;
  uint64_t requests = 0;
  bool failed = false;
};

void run_workload(Run& r) {
  wait_until(r.start.tick);
  r.first = rdtsc();
  for (uint64_t i = 0; i < r.start.iterations && !r.failed; ++i) {
    const bool ok = r.workload == kMixed ? mixed_iteration() : contended_iteration(r.badge);
    if (!ok) r.failed = true;
    r.requests += kRequestsPerIteration[r.workload];
  }
  r.last = rdtsc();
}

// Both workloads on a thread pinned to the client's CPU (the first hello tells which): hello,
// run from the start tick, tell the lead. False if anything failed.
bool run_client(uint64_t badge, Start first) {
  bool ok = true;
  for (uint32_t w = 0; w < kWorkloads; ++w) {
    Run r;
    r.workload = static_cast<Workload>(w);
    r.badge = badge;
    if (w == 0) {
      r.start = first;
    } else {
      const Result<Start> start = hello(r.workload, r.badge);
      if (start.is_error()) {
        sys::printf("bench mem: throughput client: hello: %s\n", status_name(start.status()));
        return false;
      }
      r.start = start.value();
    }
    run_workload(r);
    if (r.failed) {
      sys::printf("bench mem: throughput client %u: a %s request failed\n", r.start.index,
                  kWorkloadNames[w]);
      ok = false;
    }
    IpcMessage m;
    m.label = kDone;
    m.word_count = 4;
    m.words[0] = w;
    m.words[1] = r.first;
    m.words[2] = r.last;
    m.words[3] = r.requests | (r.failed ? kFailed : 0);
    if (call(m) != Status::kOk) return false;
  }
  return ok;
}

}  // namespace

int client_main() {
  const Result<uint64_t> badge = sys::mem::who_am_i(kMemory);
  if (badge.is_error()) {
    sys::printf("bench mem: throughput client: who_am_i: %s\n", status_name(badge.status()));
    return 1;
  }
  const Result<Start> first = hello(kMixed, badge.value());
  if (first.is_error()) {
    sys::printf("bench mem: throughput client: hello: %s\n", status_name(first.status()));
    return 1;
  }
  bool ok = false;
  auto body = [&] { ok = run_client(badge.value(), first.value()); };
  sys::Thread runner;
  if (bench::start_pinned(runner, first.value().index % kBootCpus, body) != Status::kOk) return 1;
  runner.join();
  return ok ? 0 : 1;
}

// --- the lead ------------------------------------------------------------------------------------

namespace {

struct Tally {
  uint64_t start = 0;                // the common start tick, set when every client has said hello
  std::atomic<uint32_t> started{0};  // 1 once `start` is set; the held hellos sleep on it
  uint32_t hellos = 0;               // a bit per client index
  uint32_t dones = 0;
  uint64_t first = UINT64_MAX;  // the earliest first tick of any client
  uint64_t last_first = 0;      // the latest (the start's skew: last_first - first)
  uint64_t last = 0;
  uint64_t requests = 0;
  bool failed = false;
};

// The lead's state, shared by its serving threads (one per client, so that every client's hello
// can be held until the last one comes, and a refill or a done still finds a free thread).
struct Lead {
  uint32_t clients = kMaxClients;
  uint64_t iterations[kWorkloads] = {160, 64};  // 1,920 and 3,072 requests in all
  uint64_t shared = 0;  // kOfferPages pages per client, one run; set before the threads start
  std::atomic<bool> finished{false};
  std::atomic<bool> receive_failed{false};
  sys::Mutex lock;
  uint64_t badges[kMaxClients] GUARDED_BY(lock) = {};
  uint32_t known GUARDED_BY(lock) = 0;
  Tally tally[kWorkloads] GUARDED_BY(lock);

  // The client's index, assigned at its first call; `clients` if there is no room.
  uint32_t index_of(uint64_t badge) REQUIRES(lock) {
    for (uint32_t i = 0; i < known; ++i) {
      if (badges[i] == badge) return i;
    }
    if (known == clients) return clients;
    badges[known] = badge;
    return known++;
  }

  // kHello: held (this thread asleep) until every client has said hello for the workload; the
  // last one sets the start tick and wakes the others.
  Status hello(uint64_t workload, uint64_t badge, IpcMessage& m) EXCLUDES(lock) {
    Tally* t = nullptr;
    uint32_t i = 0;
    {
      sys::MutexGuard g(lock);
      t = &tally[workload];
      i = index_of(badge);
      if (i == clients) return Status::kNoSpace;
      t->hellos |= 1u << i;
      if (t->hellos == (1u << clients) - 1 && t->started.load() == 0) {
        t->start = rdtsc() + kStartMargin;
        t->started.store(1, std::memory_order_release);
        wake_waiters(t->started, kMaxClients);
      }
    }
    while (t->started.load(std::memory_order_acquire) == 0) {
      (void)wait_while_equal(t->started, 0, kWaitForever);
    }
    sys::MutexGuard g(lock);
    m.words[0] = t->start;
    m.words[1] = i;
    m.words[2] = iterations[workload];
    return Status::kOk;
  }

  // kRefill: this client's pages offered to it again, one offer per page.
  Status refill(uint64_t badge, IpcMessage& m) EXCLUDES(lock) {
    uint32_t i = 0;
    {
      sys::MutexGuard g(lock);
      i = index_of(badge);
    }
    if (i == clients) return Status::kNoSpace;
    for (uint32_t k = 0; k < kOfferPages; ++k) {
      const uint64_t page = shared + (uint64_t{i} * kOfferPages + k) * kPageSize;
      m.words[k] = TRY(sys::mem::share_offer(kMemory, page, kPageSize, kVmRead, badge));
    }
    return Status::kOk;
  }

  void done(const IpcMessage& m) EXCLUDES(lock) {
    sys::MutexGuard g(lock);
    Tally& t = tally[m.words[0]];
    t.dones += 1;
    if (m.words[1] < t.first) t.first = m.words[1];
    if (m.words[1] > t.last_first) t.last_first = m.words[1];
    if (m.words[2] > t.last) t.last = m.words[2];
    t.requests += m.words[3] & ~kFailed;
    if ((m.words[3] & kFailed) != 0) t.failed = true;
    bool all = true;
    for (const Tally& each : tally) all = all && each.dones == clients;
    if (all) finished.store(true, std::memory_order_release);
  }

  // One request on "bench"; the answer in `m`.
  void handle(IpcMessage& m) {
    for (uint32_t i = 0; i < m.cap_count; ++i) (void)sys_cap_delete(m.caps[i]);
    m.cap_count = 0;
    Status s = Status::kInvalidArgument;
    uint8_t words = 0;
    if (m.label == kHello && m.word_count == 2 && m.words[0] < kWorkloads) {
      s = hello(m.words[0], m.words[1], m);
      words = 3;
    } else if (m.label == kRefill && m.word_count == 1) {
      s = refill(m.words[0], m);
      words = kOfferPages;
    } else if (m.label == kDone && m.word_count == 4 && m.words[0] < kWorkloads) {
      done(m);
      s = Status::kOk;
    }
    m.label = static_cast<uint64_t>(s);
    m.word_count = s == Status::kOk ? words : 0;
  }
};

// A serving thread: receives on "bench" until every client is done (receives time out now and
// then to look).
void serve(Lead& lead) {
  IpcMessage m;
  Status s = sys_ipc_receive(kBench, &m, kServeTimeoutNs).status;
  for (;;) {
    if (s == Status::kTimedOut || s == Status::kBadState) {
      if (lead.finished.load(std::memory_order_acquire)) return;
      s = sys_ipc_receive(kBench, &m, kServeTimeoutNs).status;
      continue;
    }
    if (s != Status::kOk) {
      sys::printf("bench mem: throughput: receive: %s\n", status_name(s));
      lead.receive_failed.store(true);
      return;
    }
    lead.handle(m);
    s = sys_ipc_reply_receive(kBench, &m, kServeTimeoutNs).status;
  }
}

// x100 fixed point, as "12", "12.5" or "12.25".
void print_centi(uint64_t centi) {
  if (centi % 100 == 0) {
    sys::printf("%lu", centi / 100);
  } else if (centi % 10 == 0) {
    sys::printf("%lu.%lu", centi / 100, (centi % 100) / 10);
  } else {
    sys::printf("%lu.%02lu", centi / 100, centi % 100);
  }
}

uint64_t centi_per_million(const Tally& t) {
  const uint64_t span = t.last - t.first;
  return span == 0 ? 0 : t.requests * 100'000'000 / span;
}

void print_rows(Lead& lead, const char* lock, uint64_t workers) REQUIRES(lead.lock) {
  sys::printf(
      "bench mem: throughput, memsrv rmap lock %s, %lu workers, %u clients (one program each, "
      "pinned to CPUs 0-%u); span = the first client's start to the last one's end, in ticks "
      "(guest instructions of all CPUs, QEMU -icount shift=0)\n",
      lock, workers, lead.clients, lead.clients - 1);
  sys::printf(
      "| workload | lock | workers | requests | span (ticks) | requests per million ticks | "
      "start skew (ticks) |\n|---|---|---:|---:|---:|---:|---:|\n");
  for (uint32_t w = 0; w < kWorkloads; ++w) {
    const Tally& t = lead.tally[w];
    sys::printf("| %s | %s | %lu | %lu | %lu | ", kWorkloadNames[w], lock, workers, t.requests,
                t.last - t.first);
    print_centi(centi_per_million(t));
    sys::printf(" | %lu |\n", t.last_first - t.first);
  }
  // For tooling (build/bench/mem-throughput.csv, test/harness/bench_mem_report.py).
  sys::printf(
      "bench mem: tput,lock,workers,workload,clients,requests,span_ticks,"
      "requests_per_million_ticks,start_skew_ticks\n");
  for (uint32_t w = 0; w < kWorkloads; ++w) {
    const Tally& t = lead.tally[w];
    sys::printf("bench mem: tput,%s,%lu,%s,%u,%lu,%lu,", lock, workers, kWorkloadNames[w],
                lead.clients, t.requests, t.last - t.first);
    print_centi(centi_per_million(t));
    sys::printf(",%lu\n", t.last_first - t.first);
  }
}

}  // namespace

int lead_main(int argc, char** argv) {
  Lead lead;
  for (int i = 1; i < argc; ++i) {
    if (bench::same_text(argv[i], "quick")) {
      lead.iterations[kMixed] = 3;
      lead.iterations[kContended] = 2;
    }
  }
  const Result<sys::mem::ServerInfo> info = sys::mem::server_info(kMemory);
  if (info.is_error()) {
    sys::printf("bench mem: throughput: server_info: %s\n", status_name(info.status()));
    return 1;
  }
  const char* lock_name = info.value().notifiers ? "sem" : "spin";
  const Result<uint64_t> shared =
      sys::mem::allocate(kMemory, uint64_t{lead.clients} * kOfferPages * kPageSize);
  if (shared.is_error()) {
    sys::printf("bench mem: throughput: the shared pages: %s\n", status_name(shared.status()));
    return 1;
  }
  lead.shared = shared.value();

  {
    sys::Thread servers[kMaxClients];
    sys::ThreadOptions options;
    options.stack_pages = 2;  // from the 32 initial frames (memory=SLOT: libsys keeps to them)
    auto body = [](void* arg) { serve(*static_cast<Lead*>(arg)); };
    for (uint32_t i = 0; i < lead.clients; ++i) {
      if (const Status s = servers[i].start(body, &lead, options); s != Status::kOk) {
        sys::printf("bench mem: throughput: serving thread: %s\n", status_name(s));
        return 1;  // (the clients then wait for ever: the boot times out)
      }
    }
  }  // joined
  if (lead.receive_failed.load()) return 1;
  sys::MutexGuard g(lead.lock);
  print_rows(lead, lock_name, info.value().workers);
  bool ok = true;
  for (uint32_t w = 0; w < kWorkloads; ++w) {
    if (lead.tally[w].failed || lead.tally[w].requests == 0) {
      sys::printf("bench mem: throughput: %s: a request failed\n", kWorkloadNames[w]);
      ok = false;
    }
  }
  const Result<sys::mem::CheckResult> check = sys::mem::check(kMemory);
  if (check.is_error() || check.value().status != Status::kOk) {
    sys::printf("bench mem: throughput: memsrv's check failed\n");
    ok = false;
  }
  if (sys::mem::free(kMemory, lead.shared, uint64_t{lead.clients} * kOfferPages * kPageSize) !=
      Status::kOk) {
    ok = false;
  }
  if (!ok) return 1;
  sys::printf("bench mem: throughput done, every row measured\n");
  return 0;
}

}  // namespace mem_throughput
