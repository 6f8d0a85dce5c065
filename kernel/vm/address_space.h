// AddressSpace: one user address space (a PML4 whose upper half is the kernel's) and the kernel's
// PagingBackend for it, so vm_batch_apply edits real page tables: tables come from the frame
// allocator and are reached through the direct map, and the one shootdown round of a batch is a
// cross-CPU call to the CPUs that have the address space loaded.
//
// Which frames a caller may map: the FrameGrant (a frame range and the widest rights on it) given
// at creation, which the kernel's own loader uses, or the one passed with a batch, which the
// vm_batch syscall builds from the caller's Frames capability.
//
// Lifetime: a KernelObject (capabilities of type kAddressSpace hold it), reference counted. The
// last reference frees the page tables, so whoever has it loaded on a CPU holds a reference until
// it has deactivated it.
//
// Activation order (why active_cpus() cannot miss a CPU): a CPU adds itself to the active set
// before it loads CR3, and vm_batch_apply reads the set after writing the entries, with a full
// fence between. Either the applier sees the CPU, or the CPU's CR3 load comes after the writes and
// walks the new tables.
#pragma once

#include <stdint.h>

#include "abi/portcullis/vm_lookup.h"
#include "base/cpu_set.h"
#include "base/range.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/kernel_object.h"
#include "kernel/vm/vm_batch.h"

struct FrameGrant {
  Range<uint64_t> frames;  // physical, page aligned
  uint8_t rights = 0;      // VmRights
};

class AddressSpace final : public KernelObject, private PagingBackend {
 public:
  static constexpr CapabilityType kType = CapabilityType::kAddressSpace;

  // An empty user half; kNoMemory without a frame for the PML4 or the object.
  static Result<RefPtr<AddressSpace>> create(FrameGrant grant);

  // On the calling CPU: mark active, then load CR3 / load the kernel's PML4, then unmark.
  void activate_here();
  void deactivate_here();
  // The context switch's half of deactivate_here: this CPU has already loaded another CR3.
  void leave_here();

  // vm_batch_apply under this address space's lock, with frames from the creation grant.
  VmBatchResult apply(const VmOp* ops, uint32_t count) EXCLUDES(lock_);
  // The same with frames from `frames` only (the creation grant does not count).
  VmBatchResult apply(const VmOp* ops, uint32_t count, const FrameGrant& frames) EXCLUDES(lock_);

  uint64_t pml4() const { return pml4_phys_; }
  const VmBatchCounters& counters() const { return counters_; }
  // A copy taken under the lock (the vm_counters syscall): the fields of one batch together.
  VmBatchCounters counters_snapshot() EXCLUDES(lock_);
  uint64_t lookup(uint64_t va);  // the leaf entry mapping va (0 when none), for tests
  // What [va, +count pages) maps (vm_lookup): each page's frame and rights, or {0, 0}. The caller
  // checked the range (user half, aligned); one walk per page under the lock.
  void lookup_pages(uint64_t va, uint32_t count, VmLookupEntry* out) EXCLUDES(lock_);

 private:
  friend class RefPtr<AddressSpace>;
  AddressSpace(uint64_t pml4_phys, FrameGrant grant)
      : KernelObject(kType), pml4_phys_(pml4_phys), grant_(grant) {}
  // Frees every page-table frame (never the mapped frames: they belong to the grant). No CPU has it
  // loaded: each held a reference while it did.
  ~AddressSpace() override;

  // PagingBackend
  uint64_t* table(uint64_t phys) override;
  Status reserve_tables(uint32_t count) override;
  uint64_t take_reserved_table() override;
  void release_reserved_tables() override;
  uint8_t frame_rights(uint64_t frame, uint64_t page_count) override;
  uint32_t current_cpu() override;
  CpuSet active_cpus() override;
  void invalidate_page(uint64_t va) override;
  void flush_local() override;
  void shootdown(CpuSet targets, const TlbInvalidation& what) override;

  const uint64_t pml4_phys_;
  const FrameGrant grant_;
  // One apply at a time (vm_batch_apply's contract). Waiters answer cross-CPU calls (apply).
  SpinLock lock_{LockClass::kAddressSpace};
  // The frames the batch being applied may map: &grant_ or the caller's.
  const FrameGrant* batch_frames_ GUARDED_BY(lock_) = &grant_;
  VmBatchCounters counters_ GUARDED_BY(lock_);
  uint64_t reserved_head_ = 0;  // reserved table frames, linked through their first word; 0 = none
  // CPUs with this address space loaded. seq_cst: the activation order described at the top.
  AtomicCpuSet<std::memory_order_seq_cst> active_;
};
