// A sleeping mutex over one 32-bit word (the futex mutex of Drepper's "Futexes Are Tricky"):
// 0 unlocked, 1 locked, 2 locked and someone may be asleep on the word. An uncontended lock and
// unlock are one atomic instruction each and no syscall; unlock pays for a wake only when the
// word says 2. Not recursive, not fair: whoever runs when it is released may take it.
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/thread_annotations.h"

namespace sys {

class CAPABILITY("mutex") Mutex {
 public:
  constexpr Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE();
  bool try_lock() TRY_ACQUIRE(true);
  void unlock() RELEASE();
  bool is_locked() const { return state_.load(std::memory_order_relaxed) != kUnlocked; }

 private:
  static constexpr uint32_t kUnlocked = 0;
  static constexpr uint32_t kLocked = 1;
  static constexpr uint32_t kContended = 2;  // locked, and a waiter may sleep on state_
  std::atomic<uint32_t> state_{kUnlocked};
};

class SCOPED_CAPABILITY MutexGuard {
 public:
  explicit MutexGuard(Mutex& mutex) ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~MutexGuard() RELEASE() { mutex_.unlock(); }
  MutexGuard(const MutexGuard&) = delete;
  MutexGuard& operator=(const MutexGuard&) = delete;

 private:
  Mutex& mutex_;
};

}  // namespace sys
