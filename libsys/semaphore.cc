#include "libsys/semaphore.h"

#include "libsys/wait_wake.h"

bool Semaphore::try_down() {
  uint32_t c = count_.load(std::memory_order_relaxed);
  while (c > 0) {
    if (count_.compare_exchange_weak(c, c - 1, std::memory_order_acquire,
                                     std::memory_order_relaxed)) {
      return true;
    }
  }
  return false;
}

void Semaphore::down() {
  if (try_down()) return;
  sleepers_.fetch_add(1, std::memory_order_seq_cst);
  for (;;) {
    uint32_t c = count_.load(std::memory_order_seq_cst);
    if (c > 0) {
      if (count_.compare_exchange_weak(c, c - 1, std::memory_order_seq_cst)) break;
      continue;
    }
    (void)wait_while_equal(count_, 0, kWaitForever);
  }
  sleepers_.fetch_sub(1, std::memory_order_relaxed);
}

Status Semaphore::down_until(uint64_t deadline_ns) {
  if (try_down()) return Status::kOk;
  sleepers_.fetch_add(1, std::memory_order_seq_cst);
  Status result = Status::kOk;
  for (;;) {
    uint32_t c = count_.load(std::memory_order_seq_cst);
    if (c > 0) {
      if (count_.compare_exchange_weak(c, c - 1, std::memory_order_seq_cst)) break;
      continue;
    }
    const uint64_t now = monotonic_ns();
    if (now >= deadline_ns) {
      result = Status::kTimedOut;
      break;
    }
    (void)wait_while_equal(count_, 0, deadline_ns - now);
  }
  sleepers_.fetch_sub(1, std::memory_order_relaxed);
  return result;
}

void Semaphore::up() {
  count_.fetch_add(1, std::memory_order_seq_cst);
  if (sleepers_.load(std::memory_order_seq_cst) != 0) wake_waiters(count_, 1);
}
