// A MemoryService over in-memory page tables, for the sharing and stress tests: FakeClientSpaces
// applies batches as the kernel would (all or nothing: a map over a mapped page, an unmap or
// protect of an unmapped one refuses the batch) and answers lookups from those tables, and
// ServiceFixture builds the pool, the reverse map and the service over it. Every batch for client k
// comes with client k's lock held in the service, so each client's table needs no lock of its own.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <utility>
#include <vector>

#include "servers/memsrv/memory_service.h"
#include "unity.h"

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

struct FakePage {
  uint64_t frame;
  uint8_t rights;
  bool operator==(const FakePage&) const = default;
};

class FakeClientSpaces final : public MemoryClientSpaces {
 public:
  Status submit_batch(ClientId client, const VmOp* ops, uint32_t count) override {
    batches.fetch_add(1, std::memory_order_relaxed);
    std::map<uint64_t, FakePage> next = pages[client];
    for (uint32_t i = 0; i < count; ++i) {
      const VmOp& op = ops[i];
      for (uint64_t p = 0; p < op.page_count; ++p) {
        const uint64_t va = op.va + p * kPageSize;
        const bool mapped = next.count(va) != 0;
        if (op.kind == VmOpKind::kMap) {
          if (mapped || va == kForbiddenVa) return Status::kAlreadyExists;
          next[va] = FakePage{op.frame + p * kPageSize, op.rights};
        } else if (!mapped) {
          return Status::kNotFound;
        } else if (op.kind == VmOpKind::kUnmap) {
          next.erase(va);
        } else {
          next[va].rights = op.rights;
        }
      }
    }
    pages[client] = std::move(next);
    return Status::kOk;
  }
  Status lookup(ClientId client, uint64_t va, uint32_t count, VmLookupEntry* out) override {
    for (uint32_t i = 0; i < count; ++i) {
      out[i] = VmLookupEntry{};
      const auto it = pages[client].find(va + i * kPageSize);
      if (it != pages[client].end())
        out[i] = VmLookupEntry{it->second.frame, it->second.rights, {}};
    }
    return Status::kOk;
  }
  void forget(ClientId client) override {
    forgotten.fetch_add(1, std::memory_order_relaxed);
    pages[client].clear();
  }
  // A map there is refused as the kernel refuses a page mapped otherwise (an image).
  static constexpr uint64_t kForbiddenVa = 0x7000'0000;

  // The frame client maps at va, or 0.
  uint64_t frame_at(ClientId client, uint64_t va) {
    const auto it = pages[client].find(va);
    return it == pages[client].end() ? 0 : it->second.frame;
  }

  std::array<std::map<uint64_t, FakePage>, MemoryService::kMaxClients> pages;
  std::atomic<int> batches{0};
  std::atomic<int> forgotten{0};
};

template <uint64_t kPoolPages>
struct ServiceFixture {
  static constexpr uint64_t kPoolPhys = 0x4000'0000;
  // `server_pages`: taken before the service starts, as memsrv's own tables are.
  explicit ServiceFixture(uint64_t server_pages = 0) : rmap(spaces, config()) {
    memory.assign(kPoolPages * kPageSize, 0xAB);  // what a previous user left
    view = PoolView{kPoolPhys, memory.data()};
    pool.init(words, uses, kPoolPages);
    if (server_pages != 0) TEST_ASSERT_EQUAL_UINT64(0, pool.take(server_pages).value());
    TEST_ASSERT_STATUS(Status::kOk, rmap.init());
    service = new MemoryService(spaces, rmap, pool, view);
  }
  ~ServiceFixture() { delete service; }
  static RmapConfig config() {
    RmapConfig c;
    c.max_clients = MemoryService::kMaxClients;
    c.max_entries = 4096;
    c.buckets_per_stripe = 16;
    return c;
  }
  // The byte at offset `at` of the frame `frame`, as memsrv's window sees it.
  uint8_t& byte(uint64_t frame, uint64_t at = 0) { return memory[frame - kPoolPhys + at]; }
  MemoryCheckReport check_ok() {
    const Result<MemoryCheckReport> r = service->check(mem::kInitBadge);
    TEST_ASSERT_STATUS(Status::kOk, r.status());
    TEST_ASSERT_EQUAL_UINT64(MemoryCheckReport::kNone, r.value().failed);
    return r.value();
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
