// Kernel page tables. The boot code built the PML4 (identity and direct map of the first 4 GiB with
// 2 MiB pages, the kernel window); here the kernel extends the direct map over all RAM, marks the
// LAPIC page uncached, and (for tests) maps single 4 KiB pages in its own half. Entries and the
// walk are the same pte:: helpers user address spaces use.
#include "kernel/arch/x86_64/paging.h"

#include "abi/portcullis/vm_op.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/test_seam.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/pte.h"
#include "kernel/mm/kernel_memory.h"

extern "C" uint8_t boot_pml4[];

namespace {

bool g_nx_enabled = false;

uint64_t* pml4() { return reinterpret_cast<uint64_t*>(boot_pml4); }
uint64_t* table_at(uint64_t phys) { return arch::phys_to_virt<uint64_t>(phys); }
uint64_t direct_map_address(uint64_t phys) {
  return reinterpret_cast<uint64_t>(arch::phys_to_virt(phys));
}

// Links a zeroed frame into a missing table entry on the way to `va`; on no memory it records why
// and stops the walk. Tables in the user half grant everything (the leaf decides, as for address
// spaces).
struct NewTable {
  uint64_t va;
  Status* status;
  bool operator()(uint64_t* slot, uint32_t) const {
    Result<uint64_t> frame = alloc_zeroed_frame();
    if (frame.is_error()) {
      *status = frame.status();
      return false;
    }
    pte::store(slot, va < kUserTop ? pte::make_table(frame.value())
                                   : pte::make_kernel_table(frame.value()));
    return true;
  }
};

}  // namespace

void paging_init() { g_nx_enabled = (x86::rdmsr(x86::kMsrEfer) & x86::kEferNxe) != 0; }

Status arch::map_page(uint64_t virt, uint64_t phys, uint32_t flags) {
  if ((virt | phys) & (kPageSize - 1)) return Status::kUnaligned;
  Status status = Status::kOk;
  const pte::WalkEnd end =
      pte::walk<1, pte::LargePages::kPossible>(pml4(), virt, table_at, NewTable{virt, &status});
  if (status != Status::kOk) return status;
  if (end.level != 1) return Status::kAlreadyExists;  // inside a large page
  uint64_t* slot = end.slot(virt);
  if (pte::present(pte::load(slot))) return Status::kAlreadyExists;
  uint64_t e = (phys & pte::kAddressMask) | pte::kPresent;
  if (flags & kWritable) e |= pte::kWritable;
  if (flags & kUser) e |= pte::kUser;
  if ((flags & kNoExecute) && g_nx_enabled) e |= pte::kNoExecute;
  if (flags & kUncached) e |= pte::kCacheDisable | pte::kWriteThrough;
  pte::store(slot, e);
  return Status::kOk;
}

Status arch::unmap_page(uint64_t virt) {
  if (virt & (kPageSize - 1)) return Status::kUnaligned;
  const pte::WalkEnd end = pte::find<1, pte::LargePages::kPossible>(pml4(), virt, table_at);
  if (end.level != 1 || !pte::present(pte::load(end.slot(virt)))) return Status::kNotFound;
  pte::store(end.slot(virt), 0);
  x86::invlpg(virt);
  return Status::kOk;
}

Result<uint64_t> arch::translate(uint64_t virt) {
  const pte::WalkEnd end = pte::find<1, pte::LargePages::kPossible>(pml4(), virt, table_at);
  const uint64_t e = pte::load(end.slot(virt));
  if (!pte::present(e)) return Status::kNotFound;
  // A leaf at end.level: a 4 KiB page, or a large page covering level_span(end.level) bytes.
  const uint64_t page_bytes = pte::level_span(end.level);
  return (pte::address(e) & ~(page_bytes - 1)) | (virt & (page_bytes - 1));
}

Status arch::extend_direct_map(uint64_t phys_end) {
  // The boot tables cover 4 GiB; RAM above that gets 2 MiB pages on demand.
  constexpr uint64_t k2M = pte::level_span(2);
  for (uint64_t phys = 4ull << 30; phys < phys_end; phys += k2M) {
    const uint64_t va = direct_map_address(phys);
    Status status = Status::kOk;
    const pte::WalkEnd end =
        pte::walk<2, pte::LargePages::kPossible>(pml4(), va, table_at, NewTable{va, &status});
    if (status != Status::kOk) return status;
    if (end.level != 2 || pte::present(pte::load(end.slot(va)))) continue;  // already mapped
    pte::store(end.slot(va), phys | pte::kPresent | pte::kWritable | pte::kHuge |
                                 (g_nx_enabled ? pte::kNoExecute : 0));
  }
  return Status::kOk;
}

void paging_mark_uncached(uint64_t phys) {
  // The 2 MiB direct-map page holding an MMIO register block (the LAPIC) must not be cached.
  const uint64_t va = direct_map_address(phys);
  const pte::WalkEnd end = pte::find<2, pte::LargePages::kPossible>(pml4(), va, table_at);
  const uint64_t e = pte::load(end.slot(va));
  if (!pte::present(e)) return;
  pte::store(end.slot(va), e | pte::kCacheDisable | pte::kWriteThrough);
  x86::invlpg(va);
}

void paging_drop_identity_map() {
  pml4()[0] = 0;
  x86::write_cr3(x86::read_cr3());
}

uint64_t arch::kernel_pml4() { return arch::kernel_image_virt_to_phys(boot_pml4); }

void arch::copy_kernel_half(uint64_t* target) {
  for (uint32_t i = pte::kEntries / 2; i < pte::kEntries; ++i) target[i] = pml4()[i];
}

void arch::load_address_space(uint64_t pml4_phys) { x86::write_cr3(pml4_phys); }
uint64_t arch::loaded_address_space() { return x86::read_cr3() & pte::kAddressMask; }
void arch::invalidate_page(uint64_t virt) { x86::invlpg(virt); }
bool arch::has_no_execute() { return g_nx_enabled; }
