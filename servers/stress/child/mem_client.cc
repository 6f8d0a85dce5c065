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
// memsrv's check passes.
// Shared pages are read only with wait_while_equal (a syscall that answers kNotFound for a page
// no longer mapped), never with a load: the offerer may reclaim them at any moment, and a load
// from a reclaimed page would fault. The regions sit at fixed addresses in one small window whose
// page tables are made before the hello (memsrv's kAnywhere never reuses an address, and page
// tables are never freed: new ones during the run would show as a leak of frames). The client
// runs on its first thread only, and never uses the heap, for the same reason.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/mem_client.h"
#include "libsys/syscall_stubs.h"
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
constexpr uint64_t kWindowPages = kRegions * kRegionStridePages;
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
  uint64_t peer_badges[kMaxClients] = {};
  Region regions[kRegions];
};

uint64_t now_ns() { return sys_monotonic_ns().extra; }

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
  const Status s = sys::mem::free(c.memory, region_address(slot), r.pages * kPageSize);
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
  // The offer table (64 at once for all clients) may be full.
  if (!expect(id.status(), MemClientRequest::kOffer, Status::kNoSpace)) return;
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
    (void)expect(sys::mem::share_cancel(c.memory, r.offer_id), MemClientRequest::kCancel);
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
  const Result<uint64_t> removed =
      sys::mem::reclaim(c.memory, region_address(slot), r.pages * kPageSize);
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
  m.word_count = 2;
  m.words[0] = c.ops;
  m.words[1] = c.checks;
  TRY(call_controller(m));
  c.ops = 0;
  c.checks = 0;
  return Status::kOk;
}

// Makes the window's page tables now, before the controller's first leak snapshot.
Status prepare_window(const Client& c) {
  TRY(sys::mem::allocate(c.memory, kWindowPages * kPageSize, kWindowBase, kVmRead));
  return sys::mem::free(c.memory, kWindowBase, kWindowPages * kPageSize);
}

}  // namespace

int mem_client_main(int argc, char** argv) {
  Client c;
  if (!line_value(argc, argv, "index", c.index) || !line_value(argc, argv, "of", c.count) ||
      c.count > kMaxClients || c.index >= c.count) {
    return 1;
  }
  if (prepare_window(c) != Status::kOk) return 2;
  const Result<uint64_t> badge = sys::mem::who_am_i(c.memory);
  if (badge.is_error()) return 3;
  IpcMessage m;
  m.label = kMemHelloLabel;
  m.word_count = 3;
  m.words[0] = c.index;
  m.words[1] = c.count;
  m.words[2] = badge.value();
  // The workload is not selected, or the run is over: nothing to do.
  if (call_controller(m) != Status::kOk || m.label != kMemGoLabel) return 0;
  const uint64_t deadline = m.words[1];
  Random random(mix_seed(m.words[0], "memclient", c.index));
  uint64_t next_progress = now_ns() + kProgressNs;
  for (uint32_t n = 1; now_ns() < deadline; ++n) {
    one_request(c, random);
    if (n % kCheckEvery == 0) check(c);
    if (now_ns() >= next_progress) {
      if (send_counts(kMemProgressLabel, c) != Status::kOk) return 4;
      next_progress += kProgressNs;
    }
  }
  for (uint32_t slot = 0; slot < kRegions; ++slot) {
    if (c.regions[slot].state != RegionState::kEmpty) release(c, slot);
  }
  check(c);
  if (send_counts(kMemReportLabel, c) != Status::kOk) return 0;
  // Parked until the run is over (stress_endpoint.h says why).
  for (;;) {
    m = IpcMessage{};
    m.label = kMemParkLabel;
    if (call_controller(m) != Status::kOk || m.label != kMemParkLaterLabel) return 0;
    sleep_ns(kParkRetryNs);
  }
}

}  // namespace stress
