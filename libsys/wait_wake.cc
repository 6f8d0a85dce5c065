// libsys/wait_wake.h over the Portcullis syscalls (the host tests use Linux's futex instead).
#include "libsys/wait_wake.h"

#include "libsys/syscall_stubs.h"

namespace {

// The kernel takes at most 2^62 ns besides "no limit" (kernel/syscall/timeout_word.h); anything
// longer (146 years) is as good as no limit, and must not be refused as a bad timeout.
constexpr uint64_t kLongestTimeoutNs = uint64_t{1} << 62;

// The kernel reads the word as a plain u32: std::atomic<uint32_t> must be exactly that.
static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t));
static_assert(std::atomic<uint32_t>::is_always_lock_free);

}  // namespace

Status wait_while_equal(const std::atomic<uint32_t>& word, uint32_t expected, uint64_t timeout_ns) {
  if (timeout_ns != kWaitForever && timeout_ns > kLongestTimeoutNs) timeout_ns = kWaitForever;
  const SyscallResult r = sys_wait_while_equal(&word, expected, timeout_ns);
  // kBadState: the word differed already, which for the caller is a wake like any other.
  return r.status == Status::kBadState ? Status::kOk : r.status;
}

void wake_waiters(const std::atomic<uint32_t>& word, uint32_t count) {
  (void)sys_wake_waiters(&word, count);  // only a bad pointer fails, and then nobody waits there
}

uint64_t monotonic_ns() { return sys_monotonic_ns().extra; }
