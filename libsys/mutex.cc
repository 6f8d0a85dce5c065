#include "libsys/mutex.h"

#include "libsys/wait_wake.h"

namespace sys {

bool Mutex::try_lock() {
  uint32_t expected = kUnlocked;
  return state_.compare_exchange_strong(expected, kLocked, std::memory_order_acquire,
                                        std::memory_order_relaxed);
}

void Mutex::lock() {
  uint32_t seen = kUnlocked;
  if (state_.compare_exchange_strong(seen, kLocked, std::memory_order_acquire,
                                     std::memory_order_relaxed)) {
    return;
  }
  // Contended: mark the word 2 before sleeping, so the holder's unlock knows to wake. Whoever
  // takes the lock from here on takes it as 2 (there may be other sleepers), which costs at most
  // one wake that finds nobody.
  if (seen != kContended) seen = state_.exchange(kContended, std::memory_order_acquire);
  while (seen != kUnlocked) {
    (void)wait_while_equal(state_, kContended, kWaitForever);
    seen = state_.exchange(kContended, std::memory_order_acquire);
  }
}

void Mutex::unlock() {
  if (state_.exchange(kUnlocked, std::memory_order_release) == kContended) wake_waiters(state_, 1);
}

}  // namespace sys
