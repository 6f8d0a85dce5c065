// memsrv, the memory server (docs/memory-server.md, "The server"): init starts it before the
// programs that use it, with the memory pool's Frames capability (mem::kServerPoolSlot) and the
// endpoint named "memory" to serve (mem::kServerEndpointSlot). It maps the whole pool into its own
// address space (the window: it zeroes frames there before a client gets them, and keeps its own
// tables in pool pages), then serves one request at a time on one thread (this phase: no worker
// per CPU yet) until init tells it to stop.
//
// Who asks is the badge of the endpoint capability the request came through, set by the kernel:
// mem::kInitBadge is init (registrations, stop), a badge init registered is that client, anything
// else is refused. Requests are long-form IPC (mem_protocol.h); capabilities that come with a
// client's request are deleted unused.
#include <stddef.h>
#include <stdint.h>

#include <new>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/mem_protocol.h"
#include "libsys/print.h"
#include "libsys/startup_memory.h"
#include "libsys/syscall_stubs.h"
#include "servers/memsrv/memory_service.h"

namespace {

// Where memsrv maps the pool in its own address space: far from its image and stacks, and from the
// client arena (the same addresses in every task, but this is memsrv's own space).
constexpr uint64_t kPoolWindow = uint64_t{0x5000} << 32;
constexpr uint64_t kForever = UINT64_MAX;

PoolAllocator g_pool;
PoolView g_view;
// The most pages in one vm_batch, from the start argument `batch=N` (1 = page at a time, the
// benchmark's baseline; docs/memory-server.md), or the builder's default.
uint32_t g_batch_max_pages = VmBatchLimits{}.max_pages;

// `batch=N` among the arguments: N (1 .. kVmBatchMaxPages), 0 when absent, UINT32_MAX when bad.
uint32_t batch_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (a[0] != 'b' || a[1] != 'a' || a[2] != 't' || a[3] != 'c' || a[4] != 'h' || a[5] != '=') {
      continue;
    }
    uint64_t n = 0;
    const char* d = a + 6;
    for (; *d >= '0' && *d <= '9' && n <= kVmBatchMaxPages; ++d) n = n * 10 + uint64_t(*d - '0');
    if (*d != '\0' || d == a + 6 || n == 0 || n > kVmBatchMaxPages) return UINT32_MAX;
    return static_cast<uint32_t>(n);
  }
  return 0;
}

// The AddressSpace capability of each registered client, by ClientId.
class ServerSpaces final : public MemoryClientSpaces {
 public:
  Status submit_batch(ClientId client, const VmOp* ops, uint32_t count) override {
    return sys_vm_batch(slots_[client], mem::kServerPoolSlot, ops, count).status;
  }
  void forget(ClientId client) override {
    (void)sys_cap_delete(slots_[client]);
    slots_[client] = kCapSlotNone;
  }
  Status lookup(ClientId client, uint64_t va, uint32_t count, VmLookupEntry* out) override {
    return sys_vm_lookup(slots_[client], va, count, reinterpret_cast<uint64_t>(out)).status;
  }
  void place(ClientId client, uint32_t slot) { slots_[client] = slot; }

 private:
  uint32_t slots_[MemoryService::kMaxClients] = {};
};

ServerSpaces g_spaces;

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

// init's requests (each sets the answer's words). Returns false for the stop.
bool handle_init(MemoryService& service, IpcMessage& m) {
  if (m.label == mem::kStop) {
    drop_caps(m);
    m.word_count = 0;
    m.label = static_cast<uint64_t>(Status::kOk);
    return false;
  }
  if (m.label == mem::kClientEnded && m.word_count == 1) {
    drop_caps(m);
    const uint64_t badge = m.words[0];
    const Result<uint64_t> pages = service.client_ended(badge);
    m.label = static_cast<uint64_t>(pages.status());
    m.word_count = pages.is_ok() ? 1 : 0;
    if (pages.is_ok()) {
      m.words[0] = pages.value();
      sys::printf("memsrv: client 0x%lx ended, %lu pages back (%lu free)\n", badge, pages.value(),
                  g_pool.free_pages());
    }
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
  Result<ClientId> client =
      s == Status::kOk ? service.register_client(m.words[0], m.words[1]) : Result<ClientId>(s);
  if (client.is_error()) {
    drop_caps(m);
    m.label = static_cast<uint64_t>(client.status());
    return true;
  }
  g_spaces.place(client.value(), m.caps[0]);
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

void handle_client(MemoryService& service, IpcMessage& m) {
  const uint64_t* w = m.words;
  const uint8_t words = m.word_count;
  drop_caps(m);
  Status s = Status::kInvalidArgument;
  uint8_t answer_words = 0;
  if (m.label == mem::kAllocate && words == 3) {
    const Result<uint64_t> address = service.allocate(m.badge, w[0], w[1], w[2]);
    s = address.status();
    if (address.is_ok()) {
      m.words[0] = address.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kFree && words == 2) {
    s = service.free(m.badge, w[0], w[1]);
  } else if (m.label == mem::kProtect && words == 3) {
    s = service.protect(m.badge, w[0], w[1], w[2]);
  } else if (m.label == mem::kPoolStats && words == 0) {
    const Result<MemoryServiceStats> stats = service.stats(m.badge);
    s = stats.status();
    if (stats.is_ok()) {
      m.words[0] = stats.value().free_pages;
      m.words[1] = stats.value().total_pages;
      m.words[2] = stats.value().client_pages;
      answer_words = 3;
    }
  } else if (m.label == mem::kShareOffer && words == 4) {
    const Result<uint64_t> offer = service.share_offer(m.badge, w[0], w[1], w[2], w[3]);
    s = offer.status();
    if (offer.is_ok()) {
      m.words[0] = offer.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kShareAccept && words == 2) {
    const Result<uint64_t> address = service.share_accept(m.badge, w[0], w[1]);
    s = address.status();
    if (address.is_ok()) {
      m.words[0] = address.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kShareCancel && words == 1) {
    s = service.share_cancel(m.badge, w[0]);
  } else if (m.label == mem::kWhoAmI && words == 0) {
    const Result<uint64_t> badge = service.who_am_i(m.badge);
    s = badge.status();
    if (badge.is_ok()) {
      m.words[0] = badge.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kReclaim && words == 2) {
    const Result<uint64_t> removed = service.reclaim(m.badge, w[0], w[1]);
    s = removed.status();
    if (removed.is_ok()) {
      m.words[0] = removed.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kFrameOf && words == 1) {
    const Result<uint64_t> frame = service.frame_of(m.badge, w[0]);
    s = frame.status();
    if (frame.is_ok()) {
      m.words[0] = frame.value();
      answer_words = 1;
    }
  } else if (m.label == mem::kCheck && words == 0) {
    s = answer_check(service, m, answer_words);
  } else if (m.label == mem::kBatchLimits && words == 0) {  // bench-mem's query
    s = service.client_of(m.badge).status();
    if (s == Status::kOk) {
      m.words[0] = g_batch_max_pages;
      answer_words = 1;
    }
  } else if (service.client_of(m.badge).is_error()) {
    s = Status::kAccessDenied;  // nobody init told memsrv about
  }
  m.label = static_cast<uint64_t>(s);
  m.word_count = answer_words;
}

}  // namespace

// The rmap's tables, from pool pages in the window; memsrv keeps them until it exits, and the pool
// is never freed, so nothing is given back.
void* allocate_startup_memory(size_t bytes, size_t alignment) {
  if (alignment > kPageSize || bytes == 0) return nullptr;
  return take_pool_pages((bytes + kPageSize - 1) / kPageSize);
}
void free_startup_memory(void*) {}

int main(int argc, char** argv) {
  if (const uint32_t batch = batch_argument(argc, argv); batch != 0) {
    if (batch == UINT32_MAX) {
      sys::printf("memsrv: batch= wants a number of pages from 1 to %lu\n", kVmBatchMaxPages);
      return 1;
    }
    g_batch_max_pages = batch;
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

  RmapConfig config;
  config.max_clients = MemoryService::kMaxClients;
  config.max_entries = static_cast<uint32_t>(pages);
  config.buckets_per_stripe = 256;
  config.batch_limits.max_pages = g_batch_max_pages;
  void* rmap_memory = take_pool_pages((sizeof(ReverseMap<RmapLock>) + kPageSize - 1) / kPageSize);
  void* service_memory = take_pool_pages((sizeof(MemoryService) + kPageSize - 1) / kPageSize);
  if (rmap_memory == nullptr || service_memory == nullptr) return 1;
  auto* rmap = new (rmap_memory) ReverseMap<RmapLock>(g_spaces, config);
  if (const Status s = rmap->init(); s != Status::kOk) {
    sys::printf("memsrv: reverse map: %s\n", status_name(s));
    return 1;
  }
  auto* service = new (service_memory) MemoryService(g_spaces, *rmap, g_pool, g_view);
  const uint64_t free_at_start = g_pool.free_pages();
  sys::printf("memsrv: serving %lu pool pages (%lu free), one worker\n", g_pool.total_pages(),
              free_at_start);
  if (g_batch_max_pages != VmBatchLimits{}.max_pages) {
    sys::printf("memsrv: batch=%u: at most %u page%s per vm_batch\n", g_batch_max_pages,
                g_batch_max_pages, g_batch_max_pages == 1 ? "" : "s");
  }

  IpcMessage m;
  Status s = sys_ipc_receive(mem::kServerEndpointSlot, &m, kForever).status;
  while (s == Status::kOk) {
    bool go_on = true;
    if (m.badge == mem::kInitBadge) {
      go_on = handle_init(*service, m);
    } else {
      handle_client(*service, m);
    }
    m.cap_count = 0;
    if (!go_on) {
      // The last answer; a receive that times out at once.
      (void)sys_ipc_reply_receive(mem::kServerEndpointSlot, &m, 0);
      // Every client has ended by now (init stops memsrv last), so the pool should be as it was
      // when serving began: the boots check this line.
      const uint64_t free_now = g_pool.free_pages();
      if (free_now == free_at_start) {
        sys::printf("memsrv: stopped, every client page back (%lu free)\n", free_now);
      } else {
        sys::printf("memsrv: stopped, %lu pool pages free, %lu at start\n", free_now,
                    free_at_start);
      }
      return 0;
    }
    s = sys_ipc_reply_receive(mem::kServerEndpointSlot, &m, kForever).status;
    // A message that came with ipc_send holds no call to answer (kBadState, nothing received):
    // receive the next one, so a client cannot stop the server that way.
    if (s == Status::kBadState) s = sys_ipc_receive(mem::kServerEndpointSlot, &m, kForever).status;
  }
  sys::printf("memsrv: receive: %s\n", status_name(s));
  return 1;
}
