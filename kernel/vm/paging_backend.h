// What batch apply needs from the machine for one address space: reach the physical frames that
// hold its page tables, get fresh tables, know which frames the caller may map with which rights,
// and invalidate TLBs here and on other CPUs. The kernel implements it over the direct map, the
// frame allocator, invlpg/CR3 and the cross-CPU call; host tests implement it over an in-memory
// "physical memory" and record every invalidation.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/cpu_set.h"

// The TLB work of one batch, sent as one shootdown round. Either the listed pages (at most
// kPages, each invalidated with invlpg) or, when more changed, a full flush of the address space.
struct TlbInvalidation {
  static constexpr uint32_t kPages =
      32;  // the invlpg threshold (Linux's single-page ceiling is 33)

  bool full = false;
  uint32_t page_count = 0;
  uint64_t pages[kPages] = {};

  constexpr bool empty() const { return !full && page_count == 0; }
  constexpr void add(uint64_t va) {
    if (full) return;
    if (page_count == kPages) {
      full = true;
      return;
    }
    pages[page_count++] = va;
  }
};

class PagingBackend {
 public:
  // ---- page-table memory ----
  // The table held in the frame at `phys` (one of this address space's tables).
  virtual uint64_t* table(uint64_t phys) = 0;
  // Sets aside `count` zeroed table frames, all or none (kNoMemory). Batch apply reserves before
  // it writes anything, so running out of memory can never leave a batch half applied.
  [[nodiscard]] virtual Status reserve_tables(uint32_t count) = 0;
  // One reserved frame (physical address); never fails while the reservation lasts.
  virtual uint64_t take_reserved_table() = 0;
  // Returns whatever the last reservation did not use.
  virtual void release_reserved_tables() = 0;

  // ---- frames ----
  // The widest rights the caller holds on every frame of [frame, frame + page_count pages):
  // 0 when any of them is not the caller's to map (e.g. a page-table frame, kernel memory).
  virtual uint8_t frame_rights(uint64_t frame, uint64_t page_count) = 0;

  // ---- TLB ----
  virtual uint32_t current_cpu() = 0;
  // CPUs that have this address space loaded. Read after the entries are written: a CPU that loads
  // the address space later walks the new tables.
  virtual CpuSet active_cpus() = 0;
  virtual void invalidate_page(uint64_t va) = 0;  // local invlpg
  virtual void flush_local() = 0;  // local CR3 reload (no global pages in user space)
  // One round to `targets` (never the current CPU). Returns only when every target has done it,
  // so unmaps and protects are complete when vm_batch returns.
  virtual void shootdown(CpuSet targets, const TlbInvalidation& what) = 0;

 protected:
  ~PagingBackend() = default;
};
