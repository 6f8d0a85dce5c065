// Tests of the run queue: the pick is the most urgent level, FIFO within a level; a thief takes the
// most urgent entry its CPU may run; random operations agree with a simple model (a list per level)
// and keep the invariants; the preemption rule and the choice of victim.
#include "kernel/sched/run_queue.h"

#include <deque>
#include <random>
#include <vector>

#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

RunQueueEntry entry(uint8_t priority, Affinity affinity = Affinity::any()) {
  RunQueueEntry e;
  e.priority = priority;
  e.affinity = affinity;
  return e;
}

}  // namespace

void test_empty_queue_has_nothing_to_pick() {
  RunQueue q;
  TEST_ASSERT_TRUE(q.empty());
  TEST_ASSERT_EQUAL_INT(-1, q.highest_priority());
  TEST_ASSERT_NULL(q.pop_highest());
  TEST_ASSERT_NULL(q.take_for(0));
  q.check_invariants();
}

void test_most_urgent_level_first_and_fifo_within_a_level() {
  RunQueue q;
  RunQueueEntry a = entry(3), b = entry(7), c = entry(3), d = entry(7), e = entry(0);
  for (RunQueueEntry* x : {&a, &b, &c, &d, &e}) q.push_back(x);
  q.check_invariants();
  TEST_ASSERT_EQUAL_size_t(5, q.size());
  TEST_ASSERT_EQUAL_INT(7, q.highest_priority());
  TEST_ASSERT_EQUAL_HEX32((1u << 7) | (1u << 3) | 1u, q.level_bits());
  TEST_ASSERT_EQUAL_PTR(&b, q.pop_highest());
  TEST_ASSERT_EQUAL_PTR(&d, q.pop_highest());
  TEST_ASSERT_EQUAL_PTR(&a, q.pop_highest());
  TEST_ASSERT_EQUAL_PTR(&c, q.pop_highest());
  TEST_ASSERT_EQUAL_PTR(&e, q.pop_highest());
  TEST_ASSERT_TRUE(q.empty());
  TEST_ASSERT_FALSE(a.queued);
  q.check_invariants();
}

void test_round_robin_puts_a_requeued_entry_behind_its_peers() {
  RunQueue q;
  RunQueueEntry a = entry(5), b = entry(5), c = entry(5);
  for (RunQueueEntry* x : {&a, &b, &c}) q.push_back(x);
  for (int round = 0; round < 6; ++round) {
    RunQueueEntry* expected[] = {&a, &b, &c};
    RunQueueEntry* got = q.pop_highest();
    TEST_ASSERT_EQUAL_PTR(expected[round % 3], got);
    q.push_back(got);  // its slice is over: behind the others
  }
  q.check_invariants();
}

void test_remove_from_the_middle_and_the_ends() {
  RunQueue q;
  RunQueueEntry a = entry(2), b = entry(2), c = entry(2), d = entry(9);
  for (RunQueueEntry* x : {&a, &b, &c, &d}) q.push_back(x);
  q.remove(&b);
  q.check_invariants();
  q.remove(&d);
  q.check_invariants();
  TEST_ASSERT_EQUAL_INT(2, q.highest_priority());
  q.remove(&a);
  q.remove(&c);
  TEST_ASSERT_TRUE(q.empty());
  TEST_ASSERT_EQUAL_HEX32(0, q.level_bits());
  q.check_invariants();
}

void test_thief_takes_only_what_its_cpu_may_run() {
  RunQueue q;
  RunQueueEntry pinned_high = entry(12, Affinity::pinned(0));
  RunQueueEntry pinned_other = entry(6, Affinity::pinned(3));
  RunQueueEntry any_low = entry(1);
  RunQueueEntry any_mid = entry(6);
  for (RunQueueEntry* x : {&pinned_high, &pinned_other, &any_low, &any_mid}) q.push_back(x);
  TEST_ASSERT_EQUAL_PTR(&pinned_other, q.take_for(3));  // first at level 6, and 3 may run it
  TEST_ASSERT_EQUAL_PTR(&any_mid, q.take_for(2));       // skips the level-12 one pinned to 0
  TEST_ASSERT_EQUAL_PTR(&any_low, q.take_for(2));
  TEST_ASSERT_NULL(q.take_for(2));
  TEST_ASSERT_EQUAL_PTR(&pinned_high, q.take_for(0));
  TEST_ASSERT_TRUE(q.empty());
  q.check_invariants();
}

void test_random_operations_agree_with_a_model() {
  constexpr int kEntries = 64;
  constexpr uint32_t kCpus = 4;
  std::mt19937 rng(12345);
  std::vector<RunQueueEntry> entries(kEntries);
  std::vector<std::deque<RunQueueEntry*>> model(kPriorityCount);
  RunQueue q;
  for (int step = 0; step < 20000; ++step) {
    RunQueueEntry* e = &entries[rng() % kEntries];
    switch (rng() % 4) {
      case 0:  // enqueue (if not queued), with a fresh priority and affinity
        if (!e->queued) {
          e->priority = static_cast<uint8_t>(rng() % kPriorityCount);
          e->affinity = rng() % 3 == 0 ? Affinity::pinned(rng() % kCpus) : Affinity::any();
          q.push_back(e);
          model[e->priority].push_back(e);
        }
        break;
      case 1: {  // pick
        RunQueueEntry* expected = nullptr;
        for (int p = kPriorityCount - 1; p >= 0 && expected == nullptr; --p) {
          if (!model[p].empty()) {
            expected = model[p].front();
            model[p].pop_front();
          }
        }
        TEST_ASSERT_EQUAL_PTR(expected, q.pop_highest());
        break;
      }
      case 2:  // remove
        if (e->queued) {
          auto& level = model[e->priority];
          for (auto it = level.begin(); it != level.end(); ++it) {
            if (*it == e) {
              level.erase(it);
              break;
            }
          }
          q.remove(e);
        }
        break;
      case 3: {  // steal for a CPU
        const uint32_t cpu = rng() % kCpus;
        RunQueueEntry* expected = nullptr;
        for (int p = kPriorityCount - 1; p >= 0 && expected == nullptr; --p) {
          for (auto it = model[p].begin(); it != model[p].end(); ++it) {
            if ((*it)->affinity.allows(cpu)) {
              expected = *it;
              model[p].erase(it);
              break;
            }
          }
        }
        TEST_ASSERT_EQUAL_PTR(expected, q.take_for(cpu));
        break;
      }
    }
    size_t total = 0;
    for (const auto& level : model) total += level.size();
    TEST_ASSERT_EQUAL_size_t(total, q.size());
    if (step % 64 == 0) q.check_invariants();
  }
  q.check_invariants();
}

void test_preemption_rule() {
  TEST_ASSERT_FALSE(should_preempt(5, true, -1));  // nothing ready
  TEST_ASSERT_TRUE(should_preempt(5, false, 6));   // more urgent: at once
  TEST_ASSERT_FALSE(should_preempt(5, false, 5));  // a peer waits for the slice to end
  TEST_ASSERT_TRUE(should_preempt(5, true, 5));    // round robin
  TEST_ASSERT_FALSE(should_preempt(5, true, 4));   // less urgent never
}

void test_victim_is_the_busiest_other_cpu() {
  const uint32_t counts[] = {0, 3, 5, 5, 1};
  const int32_t busy[] = {8, 8, 8, 8, 8};
  TEST_ASSERT_EQUAL_INT(2, choose_steal_victim(counts, busy, 5, 0));  // ties: lowest index
  TEST_ASSERT_EQUAL_INT(3, choose_steal_victim(counts, busy, 5, 2));  // never itself
  const uint32_t none_ready[] = {0, 0, 0};
  TEST_ASSERT_EQUAL_INT(-1, choose_steal_victim(none_ready, busy, 3, 1));
  const uint32_t only_self[] = {0, 4};
  TEST_ASSERT_EQUAL_INT(-1, choose_steal_victim(only_self, busy, 2, 1));
}

// A CPU running its idle thread (-1) picks from its own queue next: robbing it would let two idle
// CPUs pass one thread back and forth for good (the idle loop of kernel/sched/scheduler.cc).
void test_victim_is_never_an_idle_cpu() {
  const uint32_t counts[] = {0, 1, 5, 2};
  const int32_t priorities[] = {-1, 8, -1, 0};
  TEST_ASSERT_EQUAL_INT(3, choose_steal_victim(counts, priorities, 4, 0));  // not 2: idle
  const int32_t all_idle[] = {-1, -1, -1, -1};
  TEST_ASSERT_EQUAL_INT(-1, choose_steal_victim(counts, all_idle, 4, 0));
  const uint32_t pair[] = {1, 1};
  const int32_t both_idle[] = {-1, -1};
  TEST_ASSERT_EQUAL_INT(-1, choose_steal_victim(pair, both_idle, 2, 0));
  TEST_ASSERT_EQUAL_INT(-1, choose_steal_victim(pair, both_idle, 2, 1));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_empty_queue_has_nothing_to_pick);
  RUN_TEST(test_most_urgent_level_first_and_fifo_within_a_level);
  RUN_TEST(test_round_robin_puts_a_requeued_entry_behind_its_peers);
  RUN_TEST(test_remove_from_the_middle_and_the_ends);
  RUN_TEST(test_thief_takes_only_what_its_cpu_may_run);
  RUN_TEST(test_random_operations_agree_with_a_model);
  RUN_TEST(test_preemption_rule);
  RUN_TEST(test_victim_is_the_busiest_other_cpu);
  RUN_TEST(test_victim_is_never_an_idle_cpu);
  return UNITY_END();
}
