// CpuCounter: a 64-bit event counter with one writer (the CPU that owns it, interrupts off while
// it counts) and any number of readers on other CPUs. The writer adds with a relaxed load and
// store (no locked instruction: nobody else writes it); readers load it relaxed. Both are atomic
// accesses, so a reader never sees a torn value and the race is not undefined behaviour; a reader
// of several counters gets each one's value at some moment, not all at the same one.
#pragma once

#include <stdint.h>

#include <atomic>

class CpuCounter {
 public:
  constexpr CpuCounter() = default;
  CpuCounter(const CpuCounter& other) : value_(other.load()) {}
  CpuCounter& operator=(const CpuCounter& other) {
    value_.store(other.load(), std::memory_order_relaxed);
    return *this;
  }

  uint64_t load() const { return value_.load(std::memory_order_relaxed); }
  operator uint64_t() const { return load(); }  // NOLINT(google-explicit-constructor): a number

  // The owner only.
  CpuCounter& operator+=(uint64_t n) {
    value_.store(load() + n, std::memory_order_relaxed);
    return *this;
  }
  CpuCounter& operator++() { return *this += 1; }

 private:
  std::atomic<uint64_t> value_{0};
};
