// Lock classes: every kernel SpinLock names the role it plays, and the lock-order checker
// (kernel/lib/lock_order.h, docs/lock-order.md) orders roles, not lock objects: all WaitQueue locks
// are one class, all AddressSpace locks another. Also here: where an acquisition happened
// (LockSite) and how a lock may nest inside another of its own class (LockNesting).
#pragma once

#include <stdint.h>

enum class LockClass : uint8_t {
  kConsole,           // kernel/console.cc: the kernel log
  kHeap,              // kernel/mm/heap.h
  kFrames,            // kernel/mm/frame_allocator.h
  kRunQueue,          // kernel/sched/scheduler.cc: a CPU's run queue
  kTimerList,         // kernel/sched/scheduler.cc: a CPU's timed blocks
  kWaitQueue,         // kernel/sched/wait_queue.h: every WaitQueue but the reaper's
  kReaperQueue,       // kernel/object/task_reaper.cc: the reaper's queue, held around the above
  kCapTree,           // kernel/object/derivation_tree.h: capability slots and derivation tree
  kMemoryPool,        // kernel/object/memory_pool.cc
  kIoBitmapRegistry,  // kernel/object/io_bitmap.h: the list of live IoBitmaps
  kIoBitmap,          // kernel/object/io_bitmap.h: one bitmap's bits and grants
  kTaskIoPorts,       // kernel/object/task_io_ports.h: a task's current bitmap
  kTaskSupervisor,    // kernel/object/task.h: a task's supervisor endpoint
  kAddressSpace,      // kernel/vm/address_space.h: one apply at a time
  kAllocationFaults,  // kernel/mm/allocation_faults.h: a task's fault_inject setting (a leaf)
  kTaskRegistry,      // kernel/object/task.h: the list of live tasks (system_info)
  kThreadRegistry,    // kernel/object/thread.h: the list of live threads (a leaf)
  kTest,              // locks of in-kernel tests that nest nothing
  kTestInversionA,    // test/kernel/lock_inversion_injection.cc only
  kTestInversionB,    // test/kernel/lock_inversion_injection.cc only
  kCount,
};

inline constexpr uint32_t kLockClassCount = static_cast<uint32_t>(LockClass::kCount);
static_assert(kLockClassCount <= 64, "the order graph keeps one 64-bit row per class");

inline constexpr const char* kLockClassNames[] = {
    "console",
    "heap",
    "frames",
    "run_queue",
    "timer_list",
    "wait_queue",
    "reaper_queue",
    "cap_tree",
    "memory_pool",
    "io_bitmap_registry",
    "io_bitmap",
    "task_io_ports",
    "task_supervisor",
    "address_space",
    "allocation_faults",
    "task_registry",
    "thread_registry",
    "test",
    "test_inversion_a",
    "test_inversion_b",
};
static_assert(sizeof(kLockClassNames) / sizeof(kLockClassNames[0]) == kLockClassCount);

constexpr const char* lock_class_name(LockClass c) {
  return c < LockClass::kCount ? kLockClassNames[static_cast<uint32_t>(c)] : "?";
}

// The source position of an acquisition. As a default argument, here() names the caller's file,
// line and function (the builtins take the position of the outermost call), so a guard declared in
// copy_into reports copy_into, not spin_lock.h.
struct LockSite {
  const char* file = nullptr;
  const char* function = nullptr;
  uint32_t line = 0;

  static constexpr LockSite here(const char* file = __builtin_FILE(),
                                 const char* function = __builtin_FUNCTION(),
                                 uint32_t line = __builtin_LINE()) {
    return LockSite{file, function, line};
  }
};

// How an acquisition may nest inside held locks of its own class. kNone: it may not (the checker
// panics). kByAddress: it may, if its address is above every held lock of the class (the rule
// two callers locking the same pair follow, so they cannot deadlock; IoBitmap::same_bits).
enum class LockNesting : uint8_t { kNone, kByAddress };
