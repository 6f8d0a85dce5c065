// The reverse map's lock, chosen when Portcullis is built (`scons rmap_lock=spin|sem`, which
// defines PORTCULLIS_RMAP_LOCK_SPIN or PORTCULLIS_RMAP_LOCK_SEM):
//   SpinRmapLock  a spinlock: cheapest when held briefly and threads are not preempted; a walker
//                 holding it may not sleep, so rmap notifiers are refused.
//   SemRmapLock   a semaphore: waiters sleep, and a walker holding it may sleep too (it hands out
//                 MaySleep), which is what notifiers need: the walk waits for the subscriber.
// Both are policies for templates (ReverseMap<Lock>) so host tests instantiate the two in one
// build; RmapLock names the one the memory server is built with. Both are capabilities for clang's
// thread-safety analysis, so data they guard is checked under either policy.
#pragma once

#include "base/assert.h"
#include "base/thread_annotations.h"
#include "libsys/may_sleep.h"
#include "libsys/semaphore.h"
#include "libsys/user_spin_lock.h"

// A UserSpinLock (lock() and unlock() are its own, annotated there) with the policy's constants.
class CAPABILITY("mutex") SpinRmapLock : public UserSpinLock {
 public:
  static constexpr bool kWalkersMaySleep = false;
  static constexpr const char* kName = "spin";

  // For code that reaches guarded data through a runtime proof (a guard's stripe mask): held by
  // someone, which with that proof means the caller.
  void assert_held() const ASSERT_CAPABILITY(this) { DEBUG_ASSERT(is_locked()); }
};

class CAPABILITY("mutex") SemRmapLock {
 public:
  static constexpr bool kWalkersMaySleep = true;
  static constexpr const char* kName = "sem";

  void lock() ACQUIRE() { sem_.down(); }
  void unlock() RELEASE() { sem_.up(); }
  void assert_held() const ASSERT_CAPABILITY(this) { DEBUG_ASSERT(sem_.count() == 0); }
  // Only for a holder: under a semaphore, blocking further is allowed.
  MaySleep may_sleep() const { return MaySleep(); }

 private:
  Semaphore sem_{1};
};

// Holds one rmap lock for a scope. may_sleep() exists only for a lock whose walkers may sleep:
// under SpinRmapLock the call is a compile error, not a runtime check.
template <typename Lock>
class SCOPED_CAPABILITY RmapLockGuard {
 public:
  explicit RmapLockGuard(Lock& lock) ACQUIRE(lock) : lock_(lock) { lock_.lock(); }
  ~RmapLockGuard() RELEASE() { lock_.unlock(); }
  RmapLockGuard(const RmapLockGuard&) = delete;
  RmapLockGuard& operator=(const RmapLockGuard&) = delete;

  MaySleep may_sleep() const requires Lock::kWalkersMaySleep { return lock_.may_sleep(); }

 private:
  Lock& lock_;
};

// The configured lock. Host tests that build the other flavour in their own object tree define
// PORTCULLIS_RMAP_LOCK_OVERRIDE_SPIN/_SEM: the build-wide define stays set for everything else, and
// nothing lock-dependent is compiled outside templates, so the two never meet in one object.
#if defined(PORTCULLIS_RMAP_LOCK_OVERRIDE_SEM)
using RmapLock = SemRmapLock;
#elif defined(PORTCULLIS_RMAP_LOCK_OVERRIDE_SPIN)
using RmapLock = SpinRmapLock;
#elif defined(PORTCULLIS_RMAP_LOCK_SEM) && !defined(PORTCULLIS_RMAP_LOCK_SPIN)
using RmapLock = SemRmapLock;
#elif defined(PORTCULLIS_RMAP_LOCK_SPIN) && !defined(PORTCULLIS_RMAP_LOCK_SEM)
using RmapLock = SpinRmapLock;
#else
#error \
    "build with exactly one of PORTCULLIS_RMAP_LOCK_SPIN / PORTCULLIS_RMAP_LOCK_SEM (scons rmap_lock=)"
#endif
