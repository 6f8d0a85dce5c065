// How often init restarts a program that faulted (the manifest's restart=N, docs/init.md): at most
// N restarts within any window of kRestartWindowNs, a sliding window over the times of the last N
// restarts. Without a clock (should monotonic_ns fail) init passes 0 as every time, no restart
// ever leaves the window, and N bounds the program's restarts for the whole boot.
//
// Plain C++ with no allocation: the host tests run it, init links it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "servers/init/manifest.h"

inline constexpr uint64_t kRestartWindowNs = uint64_t{10} * 1000 * 1000 * 1000;

class RestartBudget {
 public:
  RestartBudget() = default;
  explicit RestartBudget(uint32_t limit)
      : limit_(limit < kManifestMaxRestarts ? limit : kManifestMaxRestarts) {}

  // Whether a restart at `now_ns` stays within the budget; if it does, it is counted.
  bool take(uint64_t now_ns);
  // Restarts counted within the window that ends at `now_ns`.
  uint32_t in_window(uint64_t now_ns) const;
  uint32_t limit() const { return limit_; }

 private:
  uint32_t limit_ = 0;
  // The last min(count_, limit_) restart times, a ring: times_[next_] is the oldest once full.
  uint64_t times_[kManifestMaxRestarts] = {};
  uint32_t count_ = 0;
  uint32_t next_ = 0;
};
