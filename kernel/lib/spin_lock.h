// Ticket spinlock (FIFO, so no CPU starves under contention) and its RAII guard. The guard disables
// local interrupts for as long as it holds the lock. Never hold one across a call that may sleep.
//
// Every kernel lock names its class (kernel/lib/lock_class.h); debug kernels check each acquisition
// against the lock order (kernel/lib/lock_order.h, docs/lock-order.md). There the acquiring call's
// site is a default argument, so a guard reports the line that declared it. Release kernels and
// host builds keep the plain lock's exact code and signatures (even an empty extra argument changes
// the compiler's inlining estimates in the code around a guard), so the two builds are written
// apart.
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/cpu_relax.h"
#include "base/thread_annotations.h"
#include "kernel/lib/irq_state.h"
#include "kernel/lib/lock_class.h"
#include "kernel/lib/lock_order.h"
#include "kernel/lib/lockup_watch.h"

class CAPABILITY("mutex") SpinLock {
 public:
#if !defined(PORTCULLIS_KERNEL)
  constexpr SpinLock() = default;  // host tests of the lock alone; the kernel names every class
#endif
#if PORTCULLIS_LOCK_ORDER
  using Site = lock_order::Site;
  explicit constexpr SpinLock(LockClass lock_class) : class_(lock_class) {}
#else
  explicit constexpr SpinLock(LockClass) {}
#endif
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

#if PORTCULLIS_LOCK_ORDER
  // Checked before the wait, so that an inversion panics instead of hanging. `nesting`: how it
  // may nest inside held locks of its own class.
  // A wait that lasts the lockup limit panics (kernel/lib/lockup_watch.h).
  void lock(LockNesting nesting = LockNesting::kNone, Site site = Site::here()) ACQUIRE() {
    lock_order::acquire(this, class_, nesting, site);
    const uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    LockupWatch watch;
    while (serving_.load(std::memory_order_acquire) != ticket) {
      cpu_relax();
      if (watch.expired()) lock_order::lockup(this, class_, site, watch.seconds());
    }
  }
  // lock(), calling serve() between looks (see below). To the checker the lock counts as held from
  // the first look: what serve() takes is ordered after it.
  template <typename Serve>
  void lock_serving(Serve serve, Site site = Site::here()) ACQUIRE() {
    lock_order::acquire(this, class_, LockNesting::kNone, site);
    const uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    LockupWatch watch;
    while (serving_.load(std::memory_order_acquire) != ticket) {
      serve();
      cpu_relax();
      if (watch.expired()) lock_order::lockup(this, class_, site, watch.seconds());
    }
  }
  void unlock(Site site = Site::here()) RELEASE() {
    lock_order::release(this, site);
    serving_.store(serving_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }
#else
  void lock() ACQUIRE() {
    const uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    while (serving_.load(std::memory_order_acquire) != ticket) cpu_relax();
  }
  // lock(), calling serve() between looks: for a lock whose holder may wait for this CPU with
  // interrupts off (a cross-CPU call made under the lock), so that a waiter keeps answering it.
  template <typename Serve>
  void lock_serving(Serve serve) ACQUIRE() {
    const uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    while (serving_.load(std::memory_order_acquire) != ticket) {
      serve();
      cpu_relax();
    }
  }
  void unlock() RELEASE() {
    serving_.store(serving_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }
#endif
  bool is_locked() const {
    return next_.load(std::memory_order_relaxed) != serving_.load(std::memory_order_relaxed);
  }

 private:
  std::atomic<uint32_t> next_{0};
  std::atomic<uint32_t> serving_{0};
#if PORTCULLIS_LOCK_ORDER
  LockClass class_;
#endif
};

class SCOPED_CAPABILITY SpinGuard {
 public:
#if PORTCULLIS_LOCK_ORDER
  explicit SpinGuard(SpinLock& lock, SpinLock::Site site = SpinLock::Site::here()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock(LockNesting::kNone, site);
  }
  // A lock nested inside held locks of its own class, by the rule `nesting` names.
  SpinGuard(SpinLock& lock, LockNesting nesting, SpinLock::Site site = SpinLock::Site::here())
      ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock(nesting, site);
  }
  // Waits with lock_serving(serve_while_waiting).
  SpinGuard(SpinLock& lock, void (*serve_while_waiting)(),
            SpinLock::Site site = SpinLock::Site::here()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock_serving(serve_while_waiting, site);
  }
#else
  explicit SpinGuard(SpinLock& lock) ACQUIRE(lock) : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock();
  }
  // Same-class nesting (see above); nothing to check here.
  SpinGuard(SpinLock& lock, LockNesting) ACQUIRE(lock) : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock();
  }
  // Waits with lock_serving(serve_while_waiting).
  SpinGuard(SpinLock& lock, void (*serve_while_waiting)()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock_serving(serve_while_waiting);
  }
#endif
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
