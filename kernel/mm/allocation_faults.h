// AllocationFaults: one task's fault_inject setting (docs/fault-injection.md). While the task's
// syscalls run, each kernel allocation of a chosen kind asks should_fail(): the first `after`
// allocations of those kinds go through, the next `count` fail as if memory had run out, and then
// the setting turns itself off. The heap and the frame allocator ask through their failure hooks
// (kernel/syscall/syscall_allocation_faults.h decides whose setting applies).
//
// Two global figures keep the cost off every allocation and syscall while nobody injects: how many
// settings are armed (one relaxed load decides "nothing to do") and how many failures were
// injected since boot (kernel_stats).
//
// SMP: a setting is shared by its task's threads, so one lock orders set() and should_fail(); it
// is a leaf (taken with the heap or frame lock held, never the reverse).
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/fault_inject.h"
#include "abi/portcullis/status.h"
#include "base/thread_annotations.h"
#include "kernel/lib/spin_lock.h"

class AllocationFaults {
 public:
  constexpr AllocationFaults() = default;
  AllocationFaults(const AllocationFaults&) = delete;
  AllocationFaults& operator=(const AllocationFaults&) = delete;
  ~AllocationFaults();  // an armed setting stops counting as armed

  // Replaces the setting: `kinds` (kFaultInject* bits) skip `after` allocations, then fail the
  // next `count`; kinds 0 turns it off (after and count must then be 0). kInvalidArgument for an
  // unknown kind bit, count 0 with kinds, or after/count with kinds 0: the setting is unchanged.
  // *injected: the failures the replaced setting injected (also on success only).
  Status set(uint64_t kinds, uint64_t after, uint64_t count, uint64_t* injected) EXCLUDES(lock_);
  // One allocation of `kind` (one kFaultInject* bit): true when it must fail.
  bool should_fail(uint64_t kind) EXCLUDES(lock_);
  bool armed() const EXCLUDES(lock_);

  // Settings armed in the whole kernel; 0 means no allocation can be made to fail.
  static bool any_armed() { return armed_settings_.load(std::memory_order_relaxed) != 0; }
  // Failures injected since boot, in every task.
  static uint64_t total_injected() { return total_injected_.load(std::memory_order_relaxed); }

 private:
  void disarm_locked() REQUIRES(lock_);

  mutable SpinLock lock_;
  uint64_t kinds_ GUARDED_BY(lock_) = 0;  // 0: off
  uint64_t skip_ GUARDED_BY(lock_) = 0;
  uint64_t fail_ GUARDED_BY(lock_) = 0;
  uint64_t injected_ GUARDED_BY(lock_) = 0;  // by the current setting

  static inline std::atomic<uint32_t> armed_settings_{0};
  static inline std::atomic<uint64_t> total_injected_{0};
};
