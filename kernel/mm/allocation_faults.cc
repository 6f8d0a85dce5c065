#include "kernel/mm/allocation_faults.h"

AllocationFaults::~AllocationFaults() {
  SpinGuard guard(lock_);
  disarm_locked();
}

void AllocationFaults::disarm_locked() {
  if (kinds_ == 0) return;
  kinds_ = 0;
  armed_settings_.fetch_sub(1, std::memory_order_relaxed);
}

Status AllocationFaults::set(uint64_t kinds, uint64_t after, uint64_t count, uint64_t* injected) {
  if ((kinds & ~kFaultInjectKinds) != 0) return Status::kInvalidArgument;
  if (kinds == 0 ? (after != 0 || count != 0) : count == 0) return Status::kInvalidArgument;
  SpinGuard guard(lock_);
  *injected = injected_;
  disarm_locked();
  injected_ = 0;
  skip_ = after;
  fail_ = count;
  if (kinds != 0) {
    kinds_ = kinds;
    armed_settings_.fetch_add(1, std::memory_order_relaxed);
  }
  return Status::kOk;
}

bool AllocationFaults::should_fail(uint64_t kind) {
  SpinGuard guard(lock_);
  if ((kinds_ & kind) == 0) return false;
  if (skip_ != 0) {
    --skip_;
    return false;
  }
  ++injected_;
  total_injected_.fetch_add(1, std::memory_order_relaxed);
  if (--fail_ == 0) disarm_locked();
  return true;
}

bool AllocationFaults::armed() const {
  SpinGuard guard(lock_);
  return kinds_ != 0;
}
