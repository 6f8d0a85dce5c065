// The lock-order checker's logic, free of any hardware (docs/lock-order.md): a CPU's stack of held
// locks, and one global graph over lock classes that records "A was held while B was acquired"
// with the first sites of each such edge. An acquisition that would close a cycle in the graph is
// a lock-order inversion: two CPUs following the two orders can deadlock. The kernel wraps this in
// kernel/lib/lock_order.h (per-CPU stacks, panic); host tests drive it directly.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "kernel/lib/lock_class.h"

struct HeldLock {
  const void* lock = nullptr;
  LockSite site;
  LockClass lock_class = LockClass::kCount;
};

// The locks one CPU holds, in acquisition order. Releases may come in any order.
class HeldLocks {
 public:
  static constexpr uint32_t kMaxHeld = 16;

  constexpr HeldLocks() = default;
  uint32_t count() const { return count_; }
  const HeldLock& at(uint32_t i) const { return entries_[i]; }

 private:
  friend class LockOrderGraph;
  HeldLock entries_[kMaxHeld] = {};
  uint32_t count_ = 0;
};

// The first time an edge before -> after was seen: where the `before` lock was taken and where the
// `after` lock was then taken under it.
struct LockEdgeSites {
  LockSite held;
  LockSite acquired;
};

// What a check found. describe() writes it as lines of text (the kernel's panic prints them).
struct LockOrderViolation {
  enum class Kind : uint8_t {
    kNone,
    kInversion,     // the acquisition closes a cycle: path[] is the order recorded before
    kSameClass,     // a lock of a class already held, without a nesting rule
    kAddressOrder,  // kByAddress nesting at or below a held lock of the class
    kTooDeep,       // more than HeldLocks::kMaxHeld locks at once
    kNotHeld,       // a release of a lock this CPU does not hold
  };
  Kind kind = Kind::kNone;
  const void* lock = nullptr;  // the lock being acquired or released
  LockClass lock_class = LockClass::kCount;
  LockSite site;    // of that acquisition or release
  HeldLock holder;  // the held lock the acquisition was checked against
  // kInversion: the recorded path from lock_class back to holder.lock_class, path_edges edges
  // long (1: the opposite edge itself), with the first sites of each edge.
  uint32_t path_edges = 0;
  LockClass path[kLockClassCount + 1] = {};
  LockEdgeSites path_sites[kLockClassCount] = {};

  bool ok() const { return kind == Kind::kNone; }
  const char* summary() const;  // one line, no sites
  // Calls line(text, ctx) once per line of the full report (sites included).
  void describe(void (*line)(const char* text, void* ctx), void* ctx) const;
};

class LockOrderGraph {
 public:
  constexpr LockOrderGraph() = default;
  LockOrderGraph(const LockOrderGraph&) = delete;
  LockOrderGraph& operator=(const LockOrderGraph&) = delete;

  // Checks the acquisition of `lock` against every lock in `held`, records the new edges, and
  // pushes it onto `held`. On a violation nothing is pushed (edges found before it stay).
  LockOrderViolation acquire(HeldLocks& held, const void* lock, LockClass lock_class,
                             LockNesting nesting, const LockSite& site);
  // Takes `lock` off `held`, wherever it is on the stack.
  LockOrderViolation release(HeldLocks& held, const void* lock, const LockSite& site);

  bool has_edge(LockClass before, LockClass after) const;
  // false if the edge is not recorded (or its sites are still being written by another CPU).
  bool edge_sites(LockClass before, LockClass after, LockEdgeSites* out) const;
  uint32_t edge_count() const;

 private:
  struct EdgeRecord {
    // 0: unseen; 1: a CPU is writing the sites; 2: sites written.
    std::atomic<uint8_t> state{0};
    LockEdgeSites sites;
  };

  void add_edge(LockClass before, LockClass after, const LockSite& held_site, const LockSite& site);
  // A path from -> ... -> to over recorded edges, shortest first; path_edges 0 if none.
  void find_path(LockClass from, LockClass to, LockOrderViolation* out) const;

  // after_[a] bit b: a lock of class a was held while one of class b was acquired.
  std::atomic<uint64_t> after_[kLockClassCount] = {};
  EdgeRecord edges_[kLockClassCount][kLockClassCount] = {};
};
