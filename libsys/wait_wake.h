// The seam through which user-space waiters sleep: block while a 32-bit word holds an expected
// value, wake sleepers on a word, read a monotonic clock. In Portcullis these are the
// wait_while_equal, wake_waiters and monotonic_ns syscalls (libsys/wait_wake.cc; user space only);
// on the host (tests, benchmarks) the Linux futex and clock_gettime syscalls
// (test/host/support/wait_wake_linux.cc). Everything that sleeps in libsys (Semaphore, Mutex,
// Thread::join) is written once against this header.
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/status.h"

inline constexpr uint64_t kWaitForever = ~uint64_t{0};

// Sleeps while `word` == `expected`, at most `timeout_ns` (kWaitForever: no limit). Returns kOk
// when woken, when the word already differs, or spuriously (callers re-check their condition in a
// loop), and kTimedOut when the time ran out.
[[nodiscard]] Status wait_while_equal(const std::atomic<uint32_t>& word, uint32_t expected,
                                      uint64_t timeout_ns);
// Wakes up to `count` sleepers on `word`.
void wake_waiters(const std::atomic<uint32_t>& word, uint32_t count);
// Nanoseconds on a clock that never goes back (deadlines for timed waits).
uint64_t monotonic_ns();
