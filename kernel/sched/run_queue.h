// The scheduler's pure logic, apart from the machine: one CPU's queue of ready threads (a FIFO per
// priority level and a bitmap of the non-empty levels, so the pick is one bit scan), the rule for
// when a running thread gives way, and which CPU an idle one steals from. Portable: the host tests
// (test/host/kernel/sched/) run it under ASan. Callers lock (kernel/sched/scheduler.cc holds one
// spinlock per queue); nothing here is atomic.
#pragma once

#include <stddef.h>
#include <stdint.h>

inline constexpr uint32_t kPriorityCount = 16;  // 0 = lowest .. kPriorityCount - 1 = most urgent
inline constexpr uint32_t kPriorityDefault = 8;
static_assert(kPriorityCount <= 32, "one 32-bit word of level bits");

// Where a thread may run: one CPU, or any.
class Affinity {
 public:
  static constexpr Affinity any() { return Affinity(kAny); }
  static constexpr Affinity pinned(uint32_t cpu) { return Affinity(cpu); }
  constexpr bool allows(uint32_t cpu) const { return cpu_ == kAny || cpu_ == cpu; }
  constexpr bool is_pinned() const { return cpu_ != kAny; }
  constexpr uint32_t cpu() const { return cpu_; }  // meaningful when is_pinned()
  constexpr bool operator==(const Affinity&) const = default;

 private:
  static constexpr uint32_t kAny = UINT32_MAX;
  constexpr explicit Affinity(uint32_t cpu) : cpu_(cpu) {}
  uint32_t cpu_;
};

// What a queue holds: embedded in each Thread. In at most one queue at a time.
struct RunQueueEntry {
  RunQueueEntry* next = nullptr;
  RunQueueEntry* prev = nullptr;
  uint8_t priority = kPriorityDefault;
  Affinity affinity = Affinity::any();
  bool queued = false;
};

class RunQueue {
 public:
  constexpr RunQueue() = default;
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  void push_back(RunQueueEntry* e);  // at the tail of its level (round robin)
  RunQueueEntry* pop_highest();      // the head of the most urgent level; nullptr when empty
  void remove(RunQueueEntry* e);     // e must be in this queue
  // The most urgent entry that may run on `cpu`, removed; nullptr if none may. What a thief takes.
  RunQueueEntry* take_for(uint32_t cpu);

  bool empty() const { return level_bits_ == 0; }
  size_t size() const { return size_; }
  // The most urgent non-empty level; -1 when empty.
  int highest_priority() const { return level_bits_ == 0 ? -1 : 31 - __builtin_clz(level_bits_); }
  uint32_t level_bits() const { return level_bits_; }
  void check_invariants() const;  // ASSERTs the lists, bitmap and size agree

 private:
  struct Level {
    RunQueueEntry* head = nullptr;
    RunQueueEntry* tail = nullptr;
  };
  void unlink(RunQueueEntry* e);

  Level levels_[kPriorityCount]{};
  uint32_t level_bits_ = 0;  // bit p set <=> levels_[p] is non-empty
  size_t size_ = 0;
};

// Whether the running thread gives way: to a strictly more urgent ready thread at once, to one of
// its own level only when its time slice is used up. `highest_ready` is -1 with nothing ready.
bool should_preempt(uint32_t running_priority, bool slice_used_up, int highest_ready);

// The CPU an idle CPU `self` steals from: the busy one (running_priorities[i] >= 0; -1 is the idle
// thread) with the most ready threads waiting (ties: the lowest index), if it has at least one.
// `ready_counts[i]` and `running_priorities[i]` for CPUs 0..cpu_count-1; CPUs not online count 0.
// Returns -1 when nothing is worth stealing. Never an idle CPU: it runs its own queue next, and two
// idle CPUs stealing one thread back and forth, each between its steal and its pick, can keep it
// from ever running (kernel/sched/scheduler.cc, the idle loop).
int choose_steal_victim(const uint32_t* ready_counts, const int32_t* running_priorities,
                        uint32_t cpu_count, uint32_t self);
