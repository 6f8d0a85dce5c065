// The host backend of libsys/wait_wake.h, for host tests and benchmarks: Linux futex(2) and
// clock_gettime(2), called with the raw `syscall` instruction. In Portcullis that backend is the
// wait/wake syscall (sys_wait_while_equal, sys_wake_waiters, sys_monotonic_ns), still to come.
#include "libsys/wait_wake.h"

namespace {

constexpr long kSysFutex = 202;  // x86-64 Linux syscall numbers
constexpr long kSysClockGettime = 228;
constexpr long kFutexWaitPrivate = 0 | 128;  // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
constexpr long kFutexWakePrivate = 1 | 128;  // FUTEX_WAKE | FUTEX_PRIVATE_FLAG
constexpr long kClockMonotonic = 1;
constexpr long kETimedOut = 110;

struct LinuxTimespec {
  int64_t seconds;
  int64_t nanoseconds;
};

long linux_syscall(long number, long a1, long a2, long a3, long a4) {
  long ret;
  register long r10 asm("r10") = a4;
  asm volatile("syscall"
               : "=a"(ret)
               : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
               : "rcx", "r11", "memory");
  return ret;
}

// The kernel reads the word as a plain u32: std::atomic<uint32_t> must be exactly that.
static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t));
static_assert(std::atomic<uint32_t>::is_always_lock_free);

}  // namespace

Status wait_while_equal(const std::atomic<uint32_t>& word, uint32_t expected, uint64_t timeout_ns) {
  LinuxTimespec relative{static_cast<int64_t>(timeout_ns / 1000000000u),
                         static_cast<int64_t>(timeout_ns % 1000000000u)};
  const long ret = linux_syscall(
      kSysFutex, reinterpret_cast<long>(&word), kFutexWaitPrivate, static_cast<long>(expected),
      timeout_ns == kWaitForever ? 0 : reinterpret_cast<long>(&relative));
  // -EAGAIN (word differs) and -EINTR are wake-ups as far as the caller is concerned.
  return ret == -kETimedOut ? Status::kTimedOut : Status::kOk;
}

void wake_waiters(const std::atomic<uint32_t>& word, uint32_t count) {
  linux_syscall(kSysFutex, reinterpret_cast<long>(&word), kFutexWakePrivate,
                static_cast<long>(count), 0);
}

uint64_t monotonic_ns() {
  LinuxTimespec now{0, 0};
  linux_syscall(kSysClockGettime, kClockMonotonic, reinterpret_cast<long>(&now), 0, 0);
  return static_cast<uint64_t>(now.seconds) * 1000000000u + static_cast<uint64_t>(now.nanoseconds);
}
