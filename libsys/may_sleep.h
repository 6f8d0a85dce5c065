// MaySleep: a token proving that the caller may block. Functions that can sleep while a lock is
// held (an rmap walk waiting for a notifier's answer) take one by value, and the only way to get
// one is from a sleeping lock that is held: SemRmapLock hands it out, SpinRmapLock has no way to. A
// sleeping call under the spinlock therefore does not compile
// (test/host/libsys/may_sleep_compile_check.sh proves it).
#pragma once

class MaySleep {
 public:
  constexpr MaySleep(const MaySleep&) = default;
  MaySleep& operator=(const MaySleep&) = default;

 private:
  constexpr MaySleep() = default;  // not an aggregate: `MaySleep{}` does not compile outside
  friend class SemRmapLock;
};
