// Kernel page tables. The boot code built the PML4 (identity and direct map of the first 4 GiB with
// 2 MiB pages, the kernel window); here the kernel maps and unmaps 4 KiB pages in its own half,
// extends the direct map over all RAM, and marks the LAPIC page uncached.
#include "kernel/arch/x86_64/paging.h"

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/mm/kernel_memory.h"

extern "C" uint8_t boot_pml4[];

namespace {

constexpr uint64_t kPresent = 1ull << 0;
constexpr uint64_t kWrite = 1ull << 1;
constexpr uint64_t kUserBit = 1ull << 2;
constexpr uint64_t kWriteThrough = 1ull << 3;
constexpr uint64_t kCacheDisable = 1ull << 4;
constexpr uint64_t kHuge = 1ull << 7;
constexpr uint64_t kNx = 1ull << 63;
constexpr uint64_t kAddrMask = 0x000FFFFFFFFFF000ull;
constexpr uint64_t kKernelVma = 0xFFFFFFFF80000000ull;

bool g_nx_enabled = false;

uint64_t* pml4() { return reinterpret_cast<uint64_t*>(boot_pml4); }
uint64_t* table_at(uint64_t entry) { return arch::phys_to_virt<uint64_t>(entry & kAddrMask); }
unsigned index_at(uint64_t va, int level) { return (va >> (12 + 9 * level)) & 0x1FF; }

// Walks to the page table for `va`, creating missing levels when `create`; null when absent or when
// a huge page covers the address.
Result<uint64_t*> leaf_table(uint64_t va, bool create) {
  uint64_t* table = pml4();
  for (int level = 3; level >= 1; --level) {
    uint64_t& e = table[index_at(va, level)];
    if ((e & kPresent) == 0) {
      if (!create) return Status::kNotFound;
      Result<uint64_t> frame = alloc_zeroed_frame();
      if (frame.is_error()) return frame.status();
      e = frame.value() | kPresent | kWrite | (va < 0x800000000000ull ? kUserBit : 0);
    } else if (e & kHuge) {
      return Status::kAlreadyExists;
    }
    table = table_at(e);
  }
  return table;
}

}  // namespace

uint64_t kernel_pml4_phys() { return reinterpret_cast<uint64_t>(boot_pml4) - kKernelVma; }

void paging_init() {
  g_nx_enabled = (x86::rdmsr(x86::kMsrEfer) & (1ull << 11)) != 0;
}

Status arch::map_page(uint64_t virt, uint64_t phys, uint32_t flags) {
  if ((virt | phys) & (kPageSize - 1)) return Status::kUnaligned;
  Result<uint64_t*> table = leaf_table(virt, true);
  if (table.is_error()) return table.status();
  uint64_t& pte = table.value()[index_at(virt, 0)];
  if (pte & kPresent) return Status::kAlreadyExists;
  uint64_t e = phys | kPresent;
  if (flags & kWritable) e |= kWrite;
  if (flags & kUser) e |= kUserBit;
  if ((flags & kNoExecute) && g_nx_enabled) e |= kNx;
  if (flags & kUncached) e |= kCacheDisable | kWriteThrough;
  pte = e;
  return Status::kOk;
}

Status arch::unmap_page(uint64_t virt) {
  if (virt & (kPageSize - 1)) return Status::kUnaligned;
  Result<uint64_t*> table = leaf_table(virt, false);
  if (table.is_error()) return Status::kNotFound;
  uint64_t& pte = table.value()[index_at(virt, 0)];
  if ((pte & kPresent) == 0) return Status::kNotFound;
  pte = 0;
  x86::invlpg(virt);
  return Status::kOk;
}

Result<uint64_t> arch::translate(uint64_t virt) {
  uint64_t* table = pml4();
  for (int level = 3; level >= 0; --level) {
    const uint64_t e = table[index_at(virt, level)];
    if ((e & kPresent) == 0) return Status::kNotFound;
    if (level == 0 || (e & kHuge)) {
      const uint64_t page_bytes = 1ull << (12 + 9 * level);
      return (e & kAddrMask & ~(page_bytes - 1)) | (virt & (page_bytes - 1));
    }
    table = table_at(e);
  }
  return Status::kNotFound;
}

Status arch::extend_direct_map(uint64_t phys_end) {
  // The boot tables cover 4 GiB; RAM above that gets 2 MiB pages on demand.
  constexpr uint64_t k2M = 2ull << 20;
  for (uint64_t phys = 4ull << 30; phys < phys_end; phys += k2M) {
    const uint64_t va = arch::kDirectMapBase + phys;
    uint64_t* table = pml4();
    for (int level = 3; level >= 2; --level) {
      uint64_t& e = table[index_at(va, level)];
      if ((e & kPresent) == 0) {
        Result<uint64_t> frame = alloc_zeroed_frame();
        if (frame.is_error()) return frame.status();
        e = frame.value() | kPresent | kWrite;
      }
      table = table_at(e);
    }
    uint64_t& pde = table[index_at(va, 1)];
    if ((pde & kPresent) == 0) pde = phys | kPresent | kWrite | kHuge | (g_nx_enabled ? kNx : 0);
  }
  return Status::kOk;
}

void paging_mark_uncached(uint64_t phys) {
  // The 2 MiB direct-map page holding an MMIO register block (the LAPIC) must not be cached.
  const uint64_t va = arch::kDirectMapBase + phys;
  uint64_t* table = pml4();
  for (int level = 3; level >= 1; --level) {
    uint64_t& e = table[index_at(va, level)];
    if ((e & kPresent) == 0) return;
    if (level == 1 || (e & kHuge)) {
      e |= kCacheDisable | kWriteThrough;
      x86::invlpg(va);
      return;
    }
    table = table_at(e);
  }
}

void paging_drop_identity_map() {
  pml4()[0] = 0;
  x86::write_cr3(x86::read_cr3());
}

uint64_t arch::kernel_pml4() { return kernel_pml4_phys(); }

void arch::copy_kernel_half(uint64_t* target) {
  for (int i = 256; i < 512; ++i) target[i] = pml4()[i];
}

void arch::load_address_space(uint64_t pml4_phys) { x86::write_cr3(pml4_phys); }
uint64_t arch::loaded_address_space() { return x86::read_cr3() & kAddrMask; }
void arch::invalidate_page(uint64_t virt) { x86::invlpg(virt); }
bool arch::has_no_execute() { return g_nx_enabled; }
