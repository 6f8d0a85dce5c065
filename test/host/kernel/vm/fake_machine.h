// Host stand-ins for what kernel/vm and servers/memsrv run on: an in-memory "physical memory" that
// holds page tables, fixed frame rights by physical region, address spaces that record every TLB
// invalidation (PagingBackend), and a set of clients for the reverse map (ClientSpaces).
#pragma once

#include <stdint.h>
#include <string.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "base/assert.h"
#include "kernel/arch/pte.h"
#include "kernel/vm/page_tables.h"
#include "kernel/vm/paging_backend.h"
#include "kernel/vm/vm_batch.h"
#include "libsys/user_spin_lock.h"
#include "servers/memsrv/reverse_map.h"

namespace fake {

// Physical layout of the fake machine.
inline constexpr uint64_t kTableBase = 0x0010'0000;  // page-table frames: nobody may map them
inline constexpr uint64_t kRamBase = 0x1'0000'0000;  // ordinary memory: read, write, execute
inline constexpr uint64_t kRamTop = 0x2'0000'0000;
inline constexpr uint64_t kReadOnlyBase = 0x2'0000'0000;  // e.g. a shared read-only image
inline constexpr uint64_t kReadOnlyTop = 0x2'1000'0000;
inline constexpr uint64_t kNoExecBase = 0x2'1000'0000;  // e.g. device memory: read, write
inline constexpr uint64_t kNoExecTop = 0x2'2000'0000;

inline uint8_t region_rights(uint64_t frame) {
  if (frame >= kRamBase && frame < kRamTop) return kVmRead | kVmWrite | kVmExec;
  if (frame >= kReadOnlyBase && frame < kReadOnlyTop) return kVmRead;
  if (frame >= kNoExecBase && frame < kNoExecTop) return kVmRead | kVmWrite;
  return 0;
}

// The rights every frame of a run allows (0 if any is not mappable).
inline uint8_t frame_rights(uint64_t frame, uint64_t pages) {
  if (pages == 0) return 0;
  const uint64_t last = frame + (pages - 1) * kPageSize;
  if (last < frame) return 0;
  // Regions are large and aligned: checking both ends and that they share a region is enough.
  const uint8_t a = region_rights(frame);
  const uint8_t b = region_rights(last);
  if (a != b) return 0;
  const bool same = (frame >= kRamBase && last < kRamTop) ||
                    (frame >= kReadOnlyBase && last < kReadOnlyTop) ||
                    (frame >= kNoExecBase && last < kNoExecTop);
  return same ? a : 0;
}

class PhysicalMemory {
 public:
  struct alignas(4096) Table {
    uint64_t e[pte::kEntries];
  };

  explicit PhysicalMemory(uint32_t max_tables = 1u << 15)
      : slots_(max_tables), limit_(max_tables) {}

  uint64_t* table(uint64_t phys) {
    ASSERT(phys >= kTableBase && (phys & (kPageSize - 1)) == 0);
    const uint64_t i = (phys - kTableBase) / kPageSize;
    ASSERT(i < slots_.size() && slots_[i] != nullptr);
    return slots_[i]->e;
  }
  // 0 when the limit is reached.
  uint64_t allocate() {
    std::lock_guard<std::mutex> g(mu_);
    return allocate_locked();
  }
  // All or nothing.
  bool allocate_n(uint32_t n, std::vector<uint64_t>& out) {
    std::lock_guard<std::mutex> g(mu_);
    if (in_use_ + n > limit_) return false;
    for (uint32_t i = 0; i < n; i++) out.push_back(allocate_locked());
    return true;
  }
  void free(uint64_t phys) {
    std::lock_guard<std::mutex> g(mu_);
    const uint64_t i = (phys - kTableBase) / kPageSize;
    ASSERT(slots_[i] != nullptr);
    memset(slots_[i]->e, 0xa5, sizeof(Table));  // a stale pointer into a freed table reads garbage
    free_.push_back(static_cast<uint32_t>(i));
    in_use_--;
  }
  void set_limit(uint32_t tables) {
    std::lock_guard<std::mutex> g(mu_);
    limit_ = tables < slots_.size() ? tables : static_cast<uint32_t>(slots_.size());
  }
  uint32_t in_use() {
    std::lock_guard<std::mutex> g(mu_);
    return in_use_;
  }

 private:
  uint64_t allocate_locked() {
    if (in_use_ >= limit_) return 0;
    uint32_t i;
    if (!free_.empty()) {
      i = free_.back();
      free_.pop_back();
    } else {
      ASSERT(next_ < slots_.size());
      i = next_++;
      slots_[i] = std::make_unique<Table>();
    }
    memset(slots_[i]->e, 0, sizeof(Table));
    in_use_++;
    return kTableBase + uint64_t{i} * kPageSize;
  }

  std::mutex mu_;
  std::vector<std::unique_ptr<Table>> slots_;  // sized once: readers never see it move
  std::vector<uint32_t> free_;
  uint32_t next_ = 0;
  uint32_t limit_;
  uint32_t in_use_ = 0;
};

struct TlbEvent {
  enum Kind { kInvlpg, kFlushLocal, kShootdown } kind;
  uint64_t va = 0;       // kInvlpg
  CpuSet targets;        // kShootdown
  TlbInvalidation what;  // kShootdown
};

class AddressSpace final : public PagingBackend {
 public:
  explicit AddressSpace(PhysicalMemory& mem, CpuSet active = CpuSet::single(0), uint32_t cpu = 0)
      : mem_(mem), active_(active), cpu_(cpu) {
    pml4_ = mem_.allocate();
    ASSERT(pml4_ != 0);
  }
  ~AddressSpace() { free_tree(pte::kLevels, pml4_); }
  AddressSpace(const AddressSpace&) = delete;
  AddressSpace& operator=(const AddressSpace&) = delete;

  VmBatchResult apply(const VmOp* ops, uint32_t count) {
    return vm_batch_apply(*this, pml4_, ops, count, counters);
  }
  uint64_t pml4() const { return pml4_; }
  PageTables tables() { return PageTables(*this, pml4_); }
  // va -> leaf entry, every present leaf.
  std::map<uint64_t, uint64_t> leaves() {
    std::map<uint64_t, uint64_t> out;
    tables().for_each_present([&](uint64_t va, uint64_t e) { out[va] = e; });
    return out;
  }
  void set_active(CpuSet active, uint32_t cpu) {
    active_ = active;
    cpu_ = cpu;
  }

  // PagingBackend
  uint64_t* table(uint64_t phys) override { return mem_.table(phys); }
  Status reserve_tables(uint32_t count) override {
    ASSERT(reserved_.empty());
    return mem_.allocate_n(count, reserved_) ? Status::kOk : Status::kNoMemory;
  }
  uint64_t take_reserved_table() override {
    ASSERT(!reserved_.empty());
    const uint64_t t = reserved_.back();
    reserved_.pop_back();
    return t;
  }
  void release_reserved_tables() override {
    for (uint64_t t : reserved_) mem_.free(t);
    reserved_.clear();
  }
  uint8_t frame_rights(uint64_t frame, uint64_t pages) override {
    return fake::frame_rights(frame, pages);
  }
  uint32_t current_cpu() override { return cpu_; }
  CpuSet active_cpus() override { return active_; }
  void invalidate_page(uint64_t va) override {
    if (record) events.push_back(TlbEvent{TlbEvent::kInvlpg, va, {}, {}});
  }
  void flush_local() override {
    if (record) events.push_back(TlbEvent{TlbEvent::kFlushLocal, 0, {}, {}});
  }
  void shootdown(CpuSet targets, const TlbInvalidation& what) override {
    ASSERT(!targets.contains(cpu_));
    if (record) events.push_back(TlbEvent{TlbEvent::kShootdown, 0, targets, what});
  }

  VmBatchCounters counters;
  bool record = true;
  std::vector<TlbEvent> events;

 private:
  void free_tree(uint32_t level, uint64_t phys) {
    if (level > 1) {
      const uint64_t* t = mem_.table(phys);
      const uint32_t limit = level == pte::kLevels ? pte::kEntries / 2 : pte::kEntries;
      for (uint32_t i = 0; i < limit; i++) {
        if (pte::present(t[i])) free_tree(level - 1, pte::address(t[i]));
      }
    }
    mem_.free(phys);
  }

  PhysicalMemory& mem_;
  uint64_t pml4_ = 0;
  CpuSet active_;
  uint32_t cpu_;
  std::vector<uint64_t> reserved_;
};

// After a batch: every translation that changed must be gone from every CPU where the address
// space is active (a TLB may have cached any translation that existed before). Returns the first
// stale (cpu, va) or false.
inline bool find_stale_translation(const std::map<uint64_t, uint64_t>& before,
                                   const std::map<uint64_t, uint64_t>& after,
                                   const std::vector<TlbEvent>& events, CpuSet active,
                                   uint32_t self, uint32_t* bad_cpu, uint64_t* bad_va) {
  for (const auto& [va, e] : before) {
    auto it = after.find(va);
    if (it != after.end() && it->second == e) continue;
    for (uint32_t cpu : active) {
      bool gone = false;
      for (const TlbEvent& ev : events) {
        if (cpu == self) {
          if (ev.kind == TlbEvent::kFlushLocal || (ev.kind == TlbEvent::kInvlpg && ev.va == va))
            gone = true;
        } else if (ev.kind == TlbEvent::kShootdown && ev.targets.contains(cpu)) {
          if (ev.what.full) gone = true;
          for (uint32_t p = 0; p < ev.what.page_count; p++) gone |= ev.what.pages[p] == va;
        }
      }
      if (!gone) {
        *bad_cpu = cpu;
        *bad_va = va;
        return true;
      }
    }
  }
  return false;
}

// One address space per client, each with the lock vm_batch runs under in the kernel.
class Clients final : public ClientSpaces {
 public:
  Clients(PhysicalMemory& mem, uint32_t count) {
    for (uint32_t i = 0; i < count; i++) {
      spaces_.push_back(std::make_unique<Space>(mem));
      spaces_.back()->as.record = false;
    }
  }
  Status submit_batch(ClientId client, const VmOp* ops, uint32_t count) override {
    if (client >= spaces_.size()) return Status::kBadHandle;
    Space& s = *spaces_[client];
    s.lock.lock();
    const VmBatchResult r = s.as.apply(ops, count);
    s.lock.unlock();
    return r.status;
  }
  AddressSpace& space(ClientId c) { return spaces_[c]->as; }
  uint32_t count() const { return static_cast<uint32_t>(spaces_.size()); }

  // The rmap checker: every present leaf of every client's page tables is in the rmap, and the rmap
  // holds nothing else (same count; entries are unique). Call with no rmap operation in flight.
  template <typename Rmap>
  bool matches(Rmap& rmap, const char** why) {
    uint64_t leaves = 0;
    bool ok = true;
    for (ClientId c = 0; c < count(); c++) {
      space(c).tables().for_each_present([&](uint64_t va, uint64_t e) {
        leaves++;
        if (!rmap.contains(pte::address(e), c, va)) ok = false;
      });
    }
    if (!ok) {
      *why = "a page-table mapping is missing from the rmap";
      return false;
    }
    if (leaves != rmap.mapping_count()) {
      *why = "the rmap holds mappings that no page table has";
      return false;
    }
    return true;
  }

 private:
  struct Space {
    explicit Space(PhysicalMemory& mem) : as(mem) {}
    UserSpinLock lock;  // the address space's lock in the kernel (a spinlock there too)
    AddressSpace as;
  };
  std::vector<std::unique_ptr<Space>> spaces_;
};

}  // namespace fake
