// One operation of a `vm_batch` call: the argument format shared by the kernel (which validates and
// applies it) and the memory server (which builds batches of it). Also the one merge rule both
// sides use, so the server's coalescing and the kernel's own pass can never disagree.
#pragma once

#include <stdint.h>

#include "abi/portcullis/page.h"

// The user half of the canonical address space: [0, 2^47). Everything above is either
// non-canonical or the kernel half, and a batch may touch neither.
inline constexpr uint64_t kUserTop = uint64_t{1} << 47;
// x86-64 physical addresses are at most 52 bits (Intel SDM Vol. 3A 4.1.4, MAXPHYADDR <= 52).
inline constexpr uint64_t kPhysTop = uint64_t{1} << 52;

// Access rights of a mapping. x86 cannot express write-only or execute-only pages, so every map and
// protect carries kVmRead; "no access" is an unmap.
enum VmRights : uint8_t {
  kVmRead = 1u << 0,
  kVmWrite = 1u << 1,
  kVmExec = 1u << 2,
};
inline constexpr uint8_t kVmRightsMask = kVmRead | kVmWrite | kVmExec;
constexpr bool vm_rights_within(uint8_t rights, uint8_t ceiling) {
  return (rights & ~ceiling) == 0;
}

// The limits of one vm_batch call.
inline constexpr uint32_t kVmBatchMaxOps = 256;  // per call (the syscall copies them in)
inline constexpr uint64_t kVmBatchMaxPages = uint64_t{1} << 20;  // 4 GiB of pages per call

enum class VmOpKind : uint8_t {
  kMap = 1,      // [va, va + pages) <- frames [frame, frame + pages), rights
  kUnmap = 2,    // [va, va + pages); pages not mapped are skipped
  kProtect = 3,  // [va, va + pages) get `rights`; every page must be mapped
};

struct VmOp {
  uint64_t va = 0;          // page aligned, user half
  uint64_t frame = 0;       // map only: physical address of the first frame, page aligned; else 0
  uint32_t page_count = 0;  // >= 1
  VmOpKind kind = VmOpKind::kMap;
  uint8_t rights = 0;     // map/protect: VmRights incl. kVmRead; unmap: 0
  uint16_t reserved = 0;  // must be 0 (room for flags without changing the ABI)

  constexpr uint64_t bytes() const { return uint64_t{page_count} << kPageShift; }
  constexpr uint64_t end() const { return va + bytes(); }
  constexpr bool operator==(const VmOp&) const = default;
};
static_assert(sizeof(VmOp) == 24, "VmOp is syscall ABI: its layout must not drift");

constexpr VmOp vm_map_op(uint64_t va, uint64_t frame, uint32_t pages, uint8_t rights) {
  return VmOp{va, frame, pages, VmOpKind::kMap, rights, 0};
}
constexpr VmOp vm_unmap_op(uint64_t va, uint32_t pages) {
  return VmOp{va, 0, pages, VmOpKind::kUnmap, 0, 0};
}
constexpr VmOp vm_protect_op(uint64_t va, uint32_t pages, uint8_t rights) {
  return VmOp{va, 0, pages, VmOpKind::kProtect, rights, 0};
}

// Folds `next` into `last` when the two are one operation written twice: same kind and rights,
// adjacent virtual ranges (either side), and for maps frames adjacent in the same direction. The
// ranges are disjoint, so their order never mattered and nothing is lost; an overlapping or
// non-adjacent op is never merged (an unmap or protect must reach the page tables as written).
// Returns false and leaves `last` alone otherwise. Assumes both ops are well formed (no wrap);
// the kernel merges only after validating.
constexpr bool vm_op_merge(VmOp& last, const VmOp& next) {
  if (last.kind != next.kind || last.rights != next.rights || last.reserved != 0 ||
      next.reserved != 0 || last.page_count == 0 || next.page_count == 0) {
    return false;
  }
  if (uint64_t{last.page_count} + next.page_count > UINT32_MAX) return false;
  const bool is_map = last.kind == VmOpKind::kMap;
  if (next.va == last.end() && (!is_map || next.frame == last.frame + last.bytes())) {
    last.page_count += next.page_count;
    return true;
  }
  if (next.end() == last.va && (!is_map || next.frame + next.bytes() == last.frame)) {
    last.va = next.va;
    last.frame = next.frame;
    last.page_count += next.page_count;
    return true;
  }
  return false;
}
