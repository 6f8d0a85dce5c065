#include "servers/init/restart_budget.h"

namespace {

bool in_window_at(uint64_t time, uint64_t now_ns) {
  return now_ns < time || now_ns - time < kRestartWindowNs;
}

}  // namespace

bool RestartBudget::take(uint64_t now_ns) {
  if (limit_ == 0) return false;
  if (count_ < limit_) {
    times_[count_++] = now_ns;
    return true;
  }
  // Full: the restart that would be the (limit_ + 1)-th in the window must have left it.
  if (in_window_at(times_[next_], now_ns)) return false;
  times_[next_] = now_ns;
  next_ = (next_ + 1) % limit_;
  return true;
}

uint32_t RestartBudget::in_window(uint64_t now_ns) const {
  uint32_t n = 0;
  for (uint32_t i = 0; i < count_; ++i) n += in_window_at(times_[i], now_ns) ? 1 : 0;
  return n;
}
