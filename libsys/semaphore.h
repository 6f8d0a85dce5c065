// A counting semaphore whose waiters sleep (through wait_wake.h) instead of spinning: down() takes
// a unit or sleeps until up() gives one back. The count word is also the word sleepers wait on.
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/status.h"

class Semaphore {
 public:
  constexpr explicit Semaphore(uint32_t count) : count_(count) {}
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  void down();
  [[nodiscard]] bool try_down();
  // Like down(), giving up at `deadline_ns` (monotonic_ns() time): kOk or kTimedOut.
  [[nodiscard]] Status down_until(uint64_t deadline_ns);
  void up();

  uint32_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  // count_: units available. sleepers_: threads that may be asleep on count_ == 0; up() pays for a
  // wake syscall only when it is non-zero. Both are sequentially consistent so that either up()
  // sees a sleeper or the sleeper sees the new count (the futex re-checks the word atomically).
  std::atomic<uint32_t> count_;
  std::atomic<uint32_t> sleepers_{0};
};
