#include "kernel/vm/address_space.h"

#include <new>

#include "kernel/arch/arch.h"
#include "kernel/arch/pte.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/vm/page_tables.h"

Result<RefPtr<AddressSpace>> AddressSpace::create(FrameGrant grant) {
  Result<uint64_t> pml4 = alloc_zeroed_frame();
  if (pml4.is_error()) return pml4.status();
  arch::copy_kernel_half(arch::phys_to_virt<uint64_t>(pml4.value()));
  auto* as = new (std::nothrow) AddressSpace(pml4.value(), grant);
  if (as == nullptr) {
    ASSERT(kernel_frames().free(pml4.value()) == Status::kOk);
    return Status::kNoMemory;
  }
  return adopt_ref(as);
}

namespace {
// Frees the tables below `table_phys` (level 4 = PML4: only its user half is ours).
void free_tables(uint64_t table_phys, uint32_t level) {
  const uint64_t* table = arch::phys_to_virt<uint64_t>(table_phys);
  const uint32_t limit = level == pte::kLevels ? pte::kEntries / 2 : pte::kEntries;
  if (level > 1) {
    for (uint32_t i = 0; i < limit; ++i) {
      if (pte::present(table[i])) free_tables(pte::address(table[i]), level - 1);
    }
  }
  ASSERT(kernel_frames().free(table_phys) == Status::kOk);
}
}  // namespace

AddressSpace::~AddressSpace() {
  ASSERT(active_.load().empty());
  free_tables(pml4_phys_, pte::kLevels);
}

void AddressSpace::activate_here() {
  active_.add(arch::current_cpu());
  arch::load_address_space(pml4_phys_);
}

void AddressSpace::deactivate_here() {
  arch::load_address_space(arch::kernel_pml4());
  active_.remove(arch::current_cpu());
}

void AddressSpace::leave_here() { active_.remove(arch::current_cpu()); }

VmBatchResult AddressSpace::apply(const VmOp* ops, uint32_t count) {
  return apply(ops, count, grant_);
}

// lock_'s holder may shoot down TLBs (a cross-CPU call that waits, interrupts off, until every CPU
// with this space loaded has answered), so a CPU waiting for lock_ (interrupts off too) answers
// cross-CPU calls while it waits: otherwise each waits for the other forever. Found by the syscall
// fuzzer (test/system/fuzz/syscall_fuzz.cc): vm_batch from threads of one task on several CPUs.
VmBatchResult AddressSpace::apply(const VmOp* ops, uint32_t count, const FrameGrant& frames) {
  SpinGuard guard(lock_, cross_cpu_call_handle);
  batch_frames_ = &frames;
  const VmBatchResult result = vm_batch_apply(*this, pml4_phys_, ops, count, counters_);
  batch_frames_ = &grant_;
  return result;
}

VmBatchCounters AddressSpace::counters_snapshot() {
  SpinGuard guard(lock_, cross_cpu_call_handle);  // as apply: the holder may be shooting down
  return counters_;
}

uint64_t AddressSpace::lookup(uint64_t va) {
  SpinGuard guard(lock_, cross_cpu_call_handle);  // as apply: the holder may be shooting down
  return PageTables(*this, pml4_phys_).lookup(va);
}

void AddressSpace::lookup_pages(uint64_t va, uint32_t count, VmLookupEntry* out) {
  SpinGuard guard(lock_, cross_cpu_call_handle);
  const PageTables tables(*this, pml4_phys_);
  for (uint32_t i = 0; i < count; ++i) {
    const uint64_t leaf = tables.lookup(va + uint64_t{i} * kPageSize);
    out[i] = VmLookupEntry{};
    if (!pte::present(leaf)) continue;
    out[i].frame = pte::address(leaf);
    out[i].rights = pte::leaf_rights(leaf);
  }
}

uint64_t* AddressSpace::table(uint64_t phys) { return arch::phys_to_virt<uint64_t>(phys); }

Status AddressSpace::reserve_tables(uint32_t count) {
  ASSERT(reserved_head_ == 0);
  for (uint32_t i = 0; i < count; ++i) {
    Result<uint64_t> frame = alloc_zeroed_frame();
    if (frame.is_error()) {
      release_reserved_tables();  // all or none
      return Status::kNoMemory;
    }
    *arch::phys_to_virt<uint64_t>(frame.value()) = reserved_head_;
    reserved_head_ = frame.value();
  }
  return Status::kOk;
}

uint64_t AddressSpace::take_reserved_table() {
  ASSERT(reserved_head_ != 0);
  const uint64_t frame = reserved_head_;
  uint64_t* first = arch::phys_to_virt<uint64_t>(frame);
  reserved_head_ = *first;
  *first = 0;  // the whole table is zero again
  return frame;
}

void AddressSpace::release_reserved_tables() {
  while (reserved_head_ != 0) {
    const uint64_t frame = reserved_head_;
    reserved_head_ = *arch::phys_to_virt<uint64_t>(frame);
    ASSERT(kernel_frames().free(frame) == Status::kOk);
  }
}

// Called by vm_batch_apply only, under lock_ (the PagingBackend interface cannot say so).
uint8_t AddressSpace::frame_rights(uint64_t frame, uint64_t page_count) NO_THREAD_SAFETY_ANALYSIS {
  if (page_count == 0 || page_count > (uint64_t{1} << 40)) return 0;
  const Range<uint64_t> asked{frame, page_count * kPageSize};
  return batch_frames_->frames.contains(asked) ? batch_frames_->rights : 0;
}

uint32_t AddressSpace::current_cpu() { return arch::current_cpu(); }

CpuSet AddressSpace::active_cpus() {
  // vm_batch_apply fences between its entry writes and this load (x86 may let a load pass earlier
  // stores); with the seq_cst mark in activate_here, no CPU that cached an old entry is missed.
  return active_.load();
}

void AddressSpace::invalidate_page(uint64_t va) { arch::invalidate_page(va); }
void AddressSpace::flush_local() { arch::flush_tlb_local(); }

namespace {
struct ShootdownRequest {
  uint64_t pml4;
  const TlbInvalidation* what;
};

void shootdown_here(void* arg) {
  const auto* r = static_cast<const ShootdownRequest*>(arg);
  // A CPU that switched away since the set was read has nothing cached for this address space.
  if (arch::loaded_address_space() != r->pml4) return;
  if (r->what->full) {
    arch::flush_tlb_local();
    return;
  }
  for (uint32_t i = 0; i < r->what->page_count; ++i) arch::invalidate_page(r->what->pages[i]);
}
}  // namespace

void AddressSpace::shootdown(CpuSet targets, const TlbInvalidation& what) {
  ShootdownRequest request{pml4_phys_, &what};
  cross_cpu_call(targets, shootdown_here, &request);
}
