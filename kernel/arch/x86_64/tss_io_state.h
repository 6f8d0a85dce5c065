// Per-CPU TSS I/O state: which bitmap each of this CPU's K TSS slots holds, and the rule that loads
// a task's IoBitmap into them on a context switch. The hardware sits behind TssIoHardware (three
// operations); the kernel implements it over its per-CPU TSS blocks, host tests over a fake TSS
// that records every byte written and every activation.
//
// The rule (docs/io-bitmap.md):
//  - a task without ports: make the active slot's I/O map base invalid (points past the TSS limit,
//  so
//    every port faults); one store, no copy, and none at all if it already is;
//  - a task with bitmap B: if a slot holds B's current sequence, activate it (LTR when it is not
//  the
//    active slot) and copy nothing; otherwise refill the least recently used slot, copying only the
//    union of the bytes that slot may have non-0xFF and B's window: [min lo, max hi) (WindowCopy).
//    Linux copies [0, max hi); the benchmarks instantiate the engine with K = 1 and their own copy
//    policies (test/bench/io_copy_policies.h) to reproduce it for comparison.
//
// Hardware contract (what the kernel's TssIoHardware must guarantee):
//  - every slot is a full 64-bit TSS whose limit covers the 8 KiB bitmap *and* one trailing 0xFF
//  byte:
//    the CPU reads two bitmap bytes per check and both must lie inside the limit;
//  - at CPU start every slot's bitmap area is all 0xFF, every map base is invalid, slot 0 is
//  active;
//  - RSP0 and the IST stacks are right in whichever slot is active: the IST pointers are written
//  into
//    every slot once at CPU start (they never change), and the context switch writes the next
//    thread's RSP0 into the active slot only (one store: the kernel's set_kernel_stack), and
//    activate() copies the active slot's RSP0 into the new slot before its LTR, so after
//    activate(i) slot i's RSP0 is the one the context switch last set;
//  - activate(i) clears the busy bit of slot i's GDT descriptor before LTR (LTR of a busy
//  descriptor
//    raises #GP), and the descriptor's base and limit never change after LTR (only they are
//    cached).
//
// Revocation: a change that removes rights returns the CPUs that have the bitmap active; each runs
// invalidate() (through the kernel's cross-CPU call) before the change returns. invalidate() makes
// the active slot's map base invalid, so the next port access faults, and repair_fault() reloads
// and restarts it when the task is still allowed the port. Slots that are not active are left
// alone: they are matched by sequence before they are activated again.
//
// Concurrency: all methods run on the CPU that owns the state, with interrupts disabled (switch_to
// and repair_fault on the way back to user mode, invalidate in the cross-CPU call handler).
#pragma once

#include <stdint.h>
#include <concepts>

#include "kernel/arch/x86_64/io_tss_slots.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/io_counters.h"
#include "kernel/object/io_port_bits.h"
#include "kernel/object/io_tss_view.h"
#include "kernel/object/task_io_ports.h"

class TssIoHardware {
 public:
  // Copies `count` bytes into slot `slot`'s bitmap area at bitmap byte `offset` (`rep movsq`-able:
  // the kernel's copy may round the range out to 8 bytes, both ends stay within the area).
  virtual void write_bitmap(uint32_t slot, uint32_t offset, const uint8_t* bytes,
                            uint32_t count) = 0;
  // Sets slot `slot`'s I/O map base to the bitmap area (valid) or past the TSS limit (invalid).
  virtual void set_io_map_base(uint32_t slot, bool valid) = 0;
  // Makes slot `slot` this CPU's task register (clear busy bit, LTR).
  virtual void activate(uint32_t slot) = 0;

 protected:
  ~TssIoHardware() = default;
};

// What a slot refill copies: `copy`, the bitmap bytes written into the slot, and `dirty`, the
// window outside which the slot is all 0xFF afterwards.
struct IoRefill {
  IoByteWindow copy;
  IoByteWindow dirty;
};

// A copy policy decides, at compile time, whether a slot that holds the bitmap's sequence is reused
// without copying, and which bytes a refill copies given the slot's dirty window and the bitmap's
// window. The kernel instantiates WindowCopy (AlwaysCopy only in the io_copy=always build); the
// other comparisons live with the benchmarks.
template <typename P>
concept IoCopyPolicy = requires(IoByteWindow slot_dirty, IoByteWindow bitmap_window) {
  { P::kReuseBySequence } -> std::convertible_to<bool>;
  { P::refill(slot_dirty, bitmap_window) } -> std::same_as<IoRefill>;
};

// The kernel's rule: sequence check, then copy [min lo, max hi) of the slot's old window and the
// bitmap's. Bytes outside both windows are 0xFF in the slot and in the bitmap: nothing to do there.
struct WindowCopy {
  static constexpr bool kReuseBySequence = true;
  static constexpr IoRefill refill(IoByteWindow slot_dirty, IoByteWindow bitmap_window) {
    return IoRefill{slot_dirty.united(bitmap_window), bitmap_window};
  }
};

// The naive rule, for comparison: no sequence check, all 8 KiB on every switch to a task with
// ports. The kernel carries it only when built with io_copy=always (the `kernel-always` target,
// which `./portcullis bench io` boots to measure what the window rule saves).
struct AlwaysCopy {
  static constexpr bool kReuseBySequence = false;
  static constexpr IoRefill refill(IoByteWindow, IoByteWindow bitmap_window) {
    return IoRefill{IoByteWindow{0, kIoBitmapByteCount}, bitmap_window};
  }
};

template <uint32_t kSlots, IoCopyPolicy Copy = WindowCopy>
class BasicTssIoState {
  static_assert(kSlots >= 1 && kSlots <= 16);

 public:
  BasicTssIoState(uint32_t cpu, TssIoHardware& hardware) : cpu_(cpu), hardware_(hardware) {}
  BasicTssIoState(const BasicTssIoState&) = delete;
  BasicTssIoState& operator=(const BasicTssIoState&) = delete;
  ~BasicTssIoState() { leave_active_bitmap(); }

  // Context switch to a thread of `next` (nullptr: a kernel thread or a task without ports). After
  // it returns, the active slot permits exactly the ports of `next`'s bitmap as of some moment
  // during the call, or every port faults.
  void switch_to(TaskIoPorts* next) {
    ++counters_.switches;
    load_for(next);
  }

  // The cross-CPU call of a revocation: if `bitmap` is what this CPU has active, make every port
  // fault until the next switch or repair_fault reloads.
  void invalidate(const IoBitmap* bitmap) {
    if (bitmap == nullptr || bitmap != active_bitmap_.get()) return;
    Slot& slot = slots_[active_slot_];
    if (slot.base_valid) {
      hardware_.set_io_map_base(active_slot_, false);
      slot.base_valid = false;
    }
    ++counters_.invalidations;
  }

  // A #GP from IN/OUT in user mode while `task` runs here. Returns true when the task is allowed
  // [port, port + width) and this CPU's copy was stale or invalidated: it has been reloaded and the
  // instruction must be restarted. False: a real violation (deliver the fault to the supervisor).
  bool repair_fault(TaskIoPorts& task, uint32_t port, uint32_t width) {
    if (!task.allows(port, width)) return false;
    // Already current: the TSS permits the access, so this #GP did not come from the bitmap.
    if (is_current_for(&task)) return false;
    ++counters_.stale_repairs;
    load_for(&task);
    return true;
  }

  // True when the active slot is valid and holds the current content of `task`'s bitmap.
  bool is_current_for(const TaskIoPorts* task) const {
    const IoBitmap* bitmap = task == nullptr ? nullptr : task->published();
    if (bitmap == nullptr || bitmap != active_bitmap_.get()) return false;
    const Slot& slot = slots_[active_slot_];
    return slot.base_valid && slot.sequence == bitmap->sequence();
  }

  uint32_t cpu() const { return cpu_; }
  uint32_t active_slot() const { return active_slot_; }
  const IoBitmap* active_bitmap() const { return active_bitmap_.get(); }
  uint64_t slot_sequence(uint32_t slot) const { return slots_[slot].sequence; }
  IoByteWindow slot_window(uint32_t slot) const { return slots_[slot].dirty; }
  bool slot_base_valid(uint32_t slot) const { return slots_[slot].base_valid; }
  IoCounters& counters() { return counters_; }
  const IoCounters& counters() const { return counters_; }
  static constexpr uint32_t slot_count() { return kSlots; }
  uint64_t slot_bitmap_id(uint32_t slot) const { return slot_bitmap_ids_[slot]; }

  // The slots as system_info shows them (on the owning CPU, interrupts off, like every method).
  void view(IoTssView* out) const {
    static_assert(kSlots <= IoTssView::kMaxSlots);
    out->slot_count = kSlots;
    out->active_slot = active_slot_;
    out->active_bitmap_id = active_bitmap_ ? active_bitmap_->id() : 0;
    out->clock = clock_;
    for (uint32_t i = 0; i < kSlots; ++i) {
      const Slot& slot = slots_[i];
      out->slots[i] = IoTssSlotView{slot_bitmap_ids_[i], slot.sequence, slot.last_use, slot.dirty,
                                    slot.base_valid};
    }
  }

 private:
  struct Slot {
    // The sequence of the bitmap content in this slot's area; 0 = none (never matches).
    uint64_t sequence = 0;
    // Every byte of the area outside [lo, hi) is 0xFF (the next refill must reset [lo, hi)).
    IoByteWindow dirty;
    uint64_t last_use = 0;    // LRU clock
    bool base_valid = false;  // the slot's I/O map base points at its bitmap area
  };
  static_assert(sizeof(Slot) == 32, "a power of two: indexing slots_ is one shift");

  void load_for(TaskIoPorts* next) {
    const IoBitmap* published = next == nullptr ? nullptr : next->published();
    if (published == nullptr) {
      go_portless();
      return;
    }
    if (published != active_bitmap_.get()) {
      // Take a reference and mark this CPU under the task's lock: a COW split either sees the mark
      // (and targets this CPU) or has already published its new bitmap, which is what we get.
      RefPtr<IoBitmap> fresh = next->activate_on(cpu_);
      if (!fresh) {
        go_portless();
        return;
      }
      // Unmarking the old bitmap before the TSS stopped using it is safe: this CPU is in the kernel
      // and does not return to user mode before the slot below holds `fresh`.
      if (active_bitmap_ && active_bitmap_ != fresh) active_bitmap_->mark_inactive(cpu_);
      active_bitmap_ = static_cast<RefPtr<IoBitmap>&&>(fresh);
    }
    load(*active_bitmap_);
  }

  void go_portless() {
    ++counters_.portless_switches;
    Slot& slot = slots_[active_slot_];
    if (slot.base_valid) {
      hardware_.set_io_map_base(active_slot_, false);  // the one store
      slot.base_valid = false;
    }
    leave_active_bitmap();
  }

  void leave_active_bitmap() {
    if (!active_bitmap_) return;
    active_bitmap_->mark_inactive(cpu_);
    active_bitmap_.reset();  // may free a bitmap its last task dropped while it was active here
  }

  void load(const IoBitmap& bitmap) {
    // This CPU marked itself active (seq_cst) before this read: a change stamped after it targets
    // this CPU, a change stamped before it is what we see or copy.
    const uint64_t sequence = bitmap.sequence();
    if constexpr (Copy::kReuseBySequence) {
      for (uint32_t i = 0; i < kSlots; ++i) {
        if (slots_[i].sequence == sequence) {
          ++counters_.slot_hits;
          slot_bitmap_ids_[i] = bitmap.id();
          activate(i);
          return;
        }
      }
    }
    ++counters_.slot_misses;
    const uint32_t victim = least_recently_used();
    Slot& slot = slots_[victim];
    bitmap.read_locked([&](const IoBitmapSnapshot& snapshot) {
      const IoRefill refill = Copy::refill(slot.dirty, snapshot.window);
      if (!refill.copy.empty()) {
        hardware_.write_bitmap(victim, refill.copy.lo, snapshot.bytes + refill.copy.lo,
                               refill.copy.size());
      }
      counters_.bytes_copied += refill.copy.size();
      ++counters_.loads;
      slot.sequence = snapshot.sequence;  // read under the same lock as the bytes
      slot.dirty = refill.dirty;
      slot_bitmap_ids_[victim] = bitmap.id();
    });
    activate(victim);
  }

  void activate(uint32_t index) {
    if (index != active_slot_) {
      hardware_.activate(index);
      active_slot_ = index;
    }
    Slot& slot = slots_[index];
    if (!slot.base_valid) {
      hardware_.set_io_map_base(index, true);
      slot.base_valid = true;
    }
    slot.last_use = ++clock_;
  }

  uint32_t least_recently_used() const {
    uint32_t best = 0;
    for (uint32_t i = 1; i < kSlots; ++i) {
      if (slots_[i].last_use < slots_[best].last_use) best = i;
    }
    return best;
  }

  const uint32_t cpu_;
  TssIoHardware& hardware_;
  Slot slots_[kSlots];
  // The bitmap object each slot was last loaded or matched for, for system_info only (slots are
  // matched by sequence, and a COW copy shares its original's until its first change). Apart from
  // Slot so that a Slot stays 32 bytes: the portless switch indexes slots_ with one shift (inside
  // Slot it cost the IPC round trip between tasks 4 guest instructions, `bench ipc`).
  uint64_t slot_bitmap_ids_[kSlots] = {};
  uint32_t active_slot_ = 0;
  uint64_t clock_ = 0;
  // The bitmap this CPU is marked active on (IoBitmap::active_on_ has cpu_ exactly while this is
  // set).
  RefPtr<IoBitmap> active_bitmap_;
  IoCounters counters_;
};

// The kernel's instance: K = the build option io_tss_slots, the window rule (or, built with
// io_copy=always, the naive one).
#if defined(PORTCULLIS_IO_COPY_ALWAYS)
using KernelIoCopy = AlwaysCopy;
#else
using KernelIoCopy = WindowCopy;
#endif
using TssIoState = BasicTssIoState<kIoTssSlots, KernelIoCopy>;
extern template class BasicTssIoState<kIoTssSlots, KernelIoCopy>;
