// A user-space spinlock: test-and-test-and-set with `pause`. Not the kernel's ticket lock: user
// threads are preempted at any moment, and a FIFO lock hands the lock to the next ticket even when
// that thread is not running, so every waiter then spins for a whole time slice. Here whoever is
// running when the lock is released takes it. It never disables interrupts (user space cannot).
#pragma once

#include <atomic>

#include "base/cpu_relax.h"
#include "base/thread_annotations.h"

class CAPABILITY("mutex") UserSpinLock {
 public:
  constexpr UserSpinLock() = default;
  UserSpinLock(const UserSpinLock&) = delete;
  UserSpinLock& operator=(const UserSpinLock&) = delete;

  void lock() ACQUIRE() {
    for (;;) {
      if (!held_.exchange(true, std::memory_order_acquire)) return;
      // Spin on a plain load so the cache line stays shared until the holder lets go.
      while (held_.load(std::memory_order_relaxed)) cpu_relax();
    }
  }
  bool try_lock() TRY_ACQUIRE(true) { return !held_.exchange(true, std::memory_order_acquire); }
  void unlock() RELEASE() { held_.store(false, std::memory_order_release); }
  bool is_locked() const { return held_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> held_{false};
};
