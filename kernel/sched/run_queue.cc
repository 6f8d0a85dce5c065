#include "kernel/sched/run_queue.h"

#include "base/assert.h"

void RunQueue::push_back(RunQueueEntry* e) {
  ASSERT(!e->queued && e->priority < kPriorityCount);
  Level& level = levels_[e->priority];
  e->next = nullptr;
  e->prev = level.tail;
  if (level.tail != nullptr) {
    level.tail->next = e;
  } else {
    level.head = e;
  }
  level.tail = e;
  level_bits_ |= 1u << e->priority;
  e->queued = true;
  ++size_;
}

void RunQueue::unlink(RunQueueEntry* e) {
  ASSERT(e->queued);
  Level& level = levels_[e->priority];
  if (e->prev != nullptr) {
    e->prev->next = e->next;
  } else {
    level.head = e->next;
  }
  if (e->next != nullptr) {
    e->next->prev = e->prev;
  } else {
    level.tail = e->prev;
  }
  if (level.head == nullptr) level_bits_ &= ~(1u << e->priority);
  e->next = e->prev = nullptr;
  e->queued = false;
  --size_;
}

RunQueueEntry* RunQueue::pop_highest() {
  const int p = highest_priority();
  if (p < 0) return nullptr;
  RunQueueEntry* e = levels_[p].head;
  unlink(e);
  return e;
}

void RunQueue::remove(RunQueueEntry* e) { unlink(e); }

RunQueueEntry* RunQueue::take_for(uint32_t cpu) {
  // Level by level from the most urgent; within a level the one waiting longest.
  for (uint32_t bits = level_bits_; bits != 0; bits &= ~(1u << (31 - __builtin_clz(bits)))) {
    const uint32_t p = 31 - __builtin_clz(bits);
    for (RunQueueEntry* e = levels_[p].head; e != nullptr; e = e->next) {
      if (e->affinity.allows(cpu)) {
        unlink(e);
        return e;
      }
    }
  }
  return nullptr;
}

void RunQueue::check_invariants() const {
  size_t total = 0;
  for (uint32_t p = 0; p < kPriorityCount; ++p) {
    const Level& level = levels_[p];
    ASSERT((level.head == nullptr) == (level.tail == nullptr));
    ASSERT(((level_bits_ >> p) & 1) == (level.head != nullptr));
    const RunQueueEntry* prev = nullptr;
    for (const RunQueueEntry* e = level.head; e != nullptr; e = e->next) {
      ASSERT(e->queued && e->priority == p && e->prev == prev);
      prev = e;
      ++total;
    }
    ASSERT(prev == level.tail);
  }
  ASSERT(total == size_);
}

bool should_preempt(uint32_t running_priority, bool slice_used_up, int highest_ready) {
  if (highest_ready < 0) return false;
  const uint32_t ready = static_cast<uint32_t>(highest_ready);
  return ready > running_priority || (slice_used_up && ready == running_priority);
}

int choose_steal_victim(const uint32_t* ready_counts, const int32_t* running_priorities,
                        uint32_t cpu_count, uint32_t self) {
  int victim = -1;
  uint32_t most = 0;
  for (uint32_t cpu = 0; cpu < cpu_count; ++cpu) {
    if (cpu != self && running_priorities[cpu] >= 0 && ready_counts[cpu] > most) {
      most = ready_counts[cpu];
      victim = static_cast<int>(cpu);
    }
  }
  return victim;
}
