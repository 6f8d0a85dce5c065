// A set of CPUs by logical index (0 .. kMaxCpus-1): the targets of a cross-CPU call, the CPUs where
// an I/O bitmap is loaded, the CPUs where an address space is active. CpuSet is a value;
// AtomicCpuSet is the one shared version, which CPUs update concurrently (each adds and removes
// itself).
#pragma once

#include <stdint.h>
#include <atomic>

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
  // An index past the set is never in it (a shift by 64 or more would wrap around on x86 and
  // name a low CPU: a syscall's CPU argument once passed its check that way).
  constexpr bool contains(uint32_t cpu) const { return cpu < kMaxCpus && ((bits_ >> cpu) & 1); }
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

// The memory order of every operation is a template argument, because the protocol the set takes
// part in decides it and each declaration should say which one it relies on:
//  - std::memory_order_acq_rel: what a CPU wrote before add() or remove() is visible to a CPU whose
//    load() or take() (acquire) sees the change. Enough for "I am online" and "a call is waiting".
//  - std::memory_order_seq_cst: in addition, every operation is in the single total order of
//  seq_cst
//    operations. The activation protocols need it: a CPU adds itself and then reads the object's
//    state, a changer writes the state and then loads the set; with seq_cst on both sides at least
//    one sees the other (the store-load pairing that acq_rel does not give).
template <std::memory_order kOrder>
class AtomicCpuSet {
  static_assert(kOrder == std::memory_order_acq_rel || kOrder == std::memory_order_seq_cst,
                "a CPU set is either an acquire/release flag set or part of a seq_cst pairing");
  static constexpr std::memory_order kLoadOrder =
      kOrder == std::memory_order_acq_rel ? std::memory_order_acquire : kOrder;

 public:
  constexpr AtomicCpuSet() = default;
  constexpr explicit AtomicCpuSet(CpuSet initial) : bits_(initial.bits()) {}
  AtomicCpuSet(const AtomicCpuSet&) = delete;
  AtomicCpuSet& operator=(const AtomicCpuSet&) = delete;

  void add(uint32_t cpu) { bits_.fetch_or(CpuSet::single(cpu).bits(), kOrder); }
  void remove(uint32_t cpu) { bits_.fetch_and(~CpuSet::single(cpu).bits(), kOrder); }
  CpuSet load() const { return CpuSet(bits_.load(kLoadOrder)); }
  // Empties the set and returns what it held, in one step.
  CpuSet take() { return CpuSet(bits_.exchange(0, kOrder)); }

 private:
  std::atomic<uint64_t> bits_{0};
};
