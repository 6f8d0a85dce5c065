// Ticket spinlock (FIFO, so no CPU starves under contention) and its RAII guard. The guard disables
// local interrupts for as long as it holds the lock. Never hold one across a call that may sleep.
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/cpu_relax.h"
#include "base/thread_annotations.h"
#include "kernel/lib/irq_state.h"

class CAPABILITY("mutex") SpinLock {
 public:
  constexpr SpinLock() = default;
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

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
  bool is_locked() const {
    return next_.load(std::memory_order_relaxed) != serving_.load(std::memory_order_relaxed);
  }

 private:
  std::atomic<uint32_t> next_{0};
  std::atomic<uint32_t> serving_{0};
};

class SCOPED_CAPABILITY SpinGuard {
 public:
  explicit SpinGuard(SpinLock& lock) ACQUIRE(lock) : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock();
  }
  // Waits with lock_serving(serve_while_waiting).
  SpinGuard(SpinLock& lock, void (*serve_while_waiting)()) ACQUIRE(lock)
      : lock_(lock), flags_(irq_save_disable()) {
    lock_.lock_serving(serve_while_waiting);
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
