// Ticket spinlock (FIFO, so no CPU starves under contention) and its RAII guard. The guard disables
// local interrupts for as long as it holds the lock. Never hold one across a call that may sleep.
//
// Every kernel lock names its class (kernel/lib/lock_class.h); debug kernels check each acquisition
// against the lock order (kernel/lib/lock_order.h). The acquiring call's site is a default
// argument, so a guard reports the line that declared it.
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/cpu_relax.h"
#include "base/thread_annotations.h"
#include "kernel/lib/irq_state.h"
#include "kernel/lib/lock_class.h"
#include "kernel/lib/lock_order.h"

class CAPABILITY("mutex") SpinLock {
 public:
  using Site = lock_order::Site;

#if !defined(PORTCULLIS_KERNEL)
  constexpr SpinLock() = default;  // host tests of the lock alone; the kernel names every class
#endif
#if PORTCULLIS_LOCK_ORDER
  explicit constexpr SpinLock(LockClass lock_class) : class_(lock_class) {}
#else
  explicit constexpr SpinLock(LockClass) {}
#endif
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

  void lock(LockNesting nesting = LockNesting::kNone, Site site = Site::here()) ACQUIRE() {
    check_acquire(nesting, site);
    const uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    while (serving_.load(std::memory_order_acquire) != ticket) cpu_relax();
  }
  // lock(), calling serve() between looks: for a lock whose holder may wait for this CPU with
  // interrupts off (a cross-CPU call made under the lock), so that a waiter keeps answering it.
  // To the checker the lock counts as held from the first look: what serve() takes is ordered
  // after it.
  template <typename Serve>
  void lock_serving(Serve serve, Site site = Site::here()) ACQUIRE() {
    check_acquire(LockNesting::kNone, site);
    const uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    while (serving_.load(std::memory_order_acquire) != ticket) {
      serve();
      cpu_relax();
    }
  }
  void unlock(Site site = Site::here()) RELEASE() {
    check_release(site);
    serving_.store(serving_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }
  bool is_locked() const {
    return next_.load(std::memory_order_relaxed) != serving_.load(std::memory_order_relaxed);
  }

 private:
#if PORTCULLIS_LOCK_ORDER
  void check_acquire(LockNesting nesting, Site site) {
    lock_order::acquire(this, class_, nesting, site);
  }
  void check_release(Site site) { lock_order::release(this, site); }
#else
  void check_acquire(LockNesting, Site) {}
  void check_release(Site) {}
#endif

  std::atomic<uint32_t> next_{0};
  std::atomic<uint32_t> serving_{0};
#if PORTCULLIS_LOCK_ORDER
  LockClass class_;
#endif
};

class SCOPED_CAPABILITY SpinGuard {
 public:
  using Site = lock_order::Site;

  explicit SpinGuard(SpinLock& lock, Site site = Site::here()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock(LockNesting::kNone, site);
  }
  // A lock nested inside held locks of its own class, by the rule `nesting` names.
  SpinGuard(SpinLock& lock, LockNesting nesting, Site site = Site::here()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock(nesting, site);
  }
  // Waits with lock_serving(serve_while_waiting).
  SpinGuard(SpinLock& lock, void (*serve_while_waiting)(), Site site = Site::here()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock_serving(serve_while_waiting, site);
  }
  ~SpinGuard() RELEASE() {
    lock_.unlock();
    irq_restore(flags_);
  }
  SpinGuard(const SpinGuard&) = delete;
  SpinGuard& operator=(const SpinGuard&) = delete;

 private:
  SpinLock& lock_;
  IrqFlags flags_;
};
