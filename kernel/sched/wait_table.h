// WaitTable: futex-style wait/wake keyed by (address space, address). A thread waits while a
// 32-bit word still holds an expected value; another thread changes the word and wakes up to
// `count` of the threads waiting on it. User-space semaphores and mutexes are built on this
// (wait_while_equal / wake_waiters, kernel/syscall/wait_calls.cc); kernel tests key on kernel
// addresses through the same table.
//
// No lost wake-ups: the word is read and the waiter is enqueued under its bucket's lock, and a
// waker takes the same lock, so a wake that follows a change of the word either finds the waiter
// queued or the waiter reads the new value and does not block.
//
// A bucket is one WaitQueue shared by every key that hashes to it. Each waiter keeps a record on
// its own stack (key, woken); a waker marks up to `count` records of its key, in arrival order,
// and wakes the bucket's queue: a marked waiter returns, an unmarked one (another key, woken by a
// collision) blocks again. The count a wake returns is exactly the number of records it marked,
// and a waiter that both timed out and was marked reports the wake, so the two always agree.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/sched/wait_queue.h"

struct WaitKey {
  const void* space;  // the address space (nullptr: kernel addresses)
  uint64_t address;
  bool operator==(const WaitKey&) const = default;
};

// Reads the word at `address` for wait(); called with the bucket's lock held and interrupts off.
using WaitWordReader = Result<uint32_t> (*)(uint64_t address);

inline constexpr uint64_t kWaitForever = UINT64_MAX;

class WaitTable {
 public:
  static constexpr uint32_t kBucketCount = 64;

  // Blocks while read(key.address) == expected, until a wake marks this waiter (kOk) or
  // timeout_ticks pass (kTimedOut; kWaitForever: never). The word differing at the first read
  // answers kBadState at once; a failed read answers the reader's Status. Killable: a thread
  // interrupted (sched::interrupt, its task killed) leaves with kBadState. Not from idle.
  Status wait(WaitKey key, WaitWordReader read, uint32_t expected, uint64_t timeout_ticks);
  // Wakes up to `count` waiters of `key`, oldest first; returns how many.
  uint32_t wake(WaitKey key, uint32_t count);

  // The table every syscall and kernel test shares.
  static WaitTable& global();

 private:
  struct Waiter {
    WaitKey key;
    bool woken = false;
    Waiter* next = nullptr;
  };
  struct Bucket {
    WaitQueue queue;            // its lock guards `waiters` too
    Waiter* waiters = nullptr;  // oldest first
  };

  Bucket& bucket_for(const WaitKey& key);
  static void unlink(Bucket& bucket, Waiter* waiter);

  Bucket buckets_[kBucketCount];
};
