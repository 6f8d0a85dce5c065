// A set of CPUs by logical index (0 .. kMaxCpus-1): the targets of a cross-CPU call, the CPUs where an
// I/O bitmap is loaded, the CPUs where an address space is active. AtomicCpuSet is the version that
// CPUs update concurrently (each sets and clears its own bit).
#pragma once

#include <atomic>
#include <stdint.h>

inline constexpr uint32_t kMaxCpus = 64;

class CpuSet {
 public:
  constexpr CpuSet() = default;
  constexpr explicit CpuSet(uint64_t bits) : bits_(bits) {}
  static constexpr CpuSet single(uint32_t cpu) { return CpuSet(uint64_t{1} << cpu); }
  static constexpr CpuSet first_n(uint32_t count) {
    return CpuSet(count >= 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1);
  }

  constexpr void add(uint32_t cpu) { bits_ |= uint64_t{1} << cpu; }
  constexpr void remove(uint32_t cpu) { bits_ &= ~(uint64_t{1} << cpu); }
  constexpr bool contains(uint32_t cpu) const { return (bits_ >> cpu) & 1; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr uint32_t count() const { return static_cast<uint32_t>(__builtin_popcountll(bits_)); }
  constexpr uint64_t bits() const { return bits_; }
  constexpr CpuSet operator|(CpuSet o) const { return CpuSet(bits_ | o.bits_); }
  constexpr CpuSet operator&(CpuSet o) const { return CpuSet(bits_ & o.bits_); }
  constexpr CpuSet without(CpuSet o) const { return CpuSet(bits_ & ~o.bits_); }
  constexpr bool operator==(const CpuSet&) const = default;

  // for (uint32_t cpu : set) visits members in increasing order.
  class Iterator {
   public:
    constexpr explicit Iterator(uint64_t rest) : rest_(rest) {}
    constexpr uint32_t operator*() const { return static_cast<uint32_t>(__builtin_ctzll(rest_)); }
    constexpr Iterator& operator++() {
      rest_ &= rest_ - 1;
      return *this;
    }
    constexpr bool operator!=(const Iterator& o) const { return rest_ != o.rest_; }

   private:
    uint64_t rest_;
  };
  constexpr Iterator begin() const { return Iterator(bits_); }
  constexpr Iterator end() const { return Iterator(0); }

 private:
  uint64_t bits_ = 0;
};

class AtomicCpuSet {
 public:
  void add(uint32_t cpu) { bits_.fetch_or(uint64_t{1} << cpu, std::memory_order_acq_rel); }
  void remove(uint32_t cpu) { bits_.fetch_and(~(uint64_t{1} << cpu), std::memory_order_acq_rel); }
  CpuSet load() const { return CpuSet(bits_.load(std::memory_order_acquire)); }

 private:
  std::atomic<uint64_t> bits_{0};
};
