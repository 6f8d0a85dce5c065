// CpuSet (the value) and AtomicCpuSet (the shared set, in both memory orders).
#include <stdlib.h>

#include <thread>
#include <vector>

#include "base/cpu_set.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

static void test_membership_and_count() {
  CpuSet s;
  TEST_ASSERT_TRUE(s.empty());
  s.add(0);
  s.add(5);
  s.add(63);
  TEST_ASSERT_EQUAL_UINT32(3, s.count());
  TEST_ASSERT_TRUE(s.contains(63));
  TEST_ASSERT_FALSE(s.contains(1));
  s.remove(5);
  TEST_ASSERT_FALSE(s.contains(5));
  TEST_ASSERT_EQUAL_HEX64(0x8000000000000001ull, s.bits());
  // Past the set: never a member, whatever a 64-bit shift would wrap to.
  TEST_ASSERT_FALSE(s.contains(64));  // 64 & 63 == 0, a member
  TEST_ASSERT_FALSE(s.contains(64 + 63));
  TEST_ASSERT_FALSE(s.contains(UINT32_MAX));
}

static void test_iteration_visits_members_in_order() {
  const CpuSet s = CpuSet::single(3) | CpuSet::single(9) | CpuSet::single(40);
  uint32_t seen[3], n = 0;
  for (uint32_t cpu : s) seen[n++] = cpu;
  TEST_ASSERT_EQUAL_UINT32(3, n);
  TEST_ASSERT_EQUAL_UINT32(3, seen[0]);
  TEST_ASSERT_EQUAL_UINT32(9, seen[1]);
  TEST_ASSERT_EQUAL_UINT32(40, seen[2]);
}

static void test_first_n_and_set_algebra() {
  TEST_ASSERT_EQUAL_HEX64(0xF, CpuSet::first_n(4).bits());
  TEST_ASSERT_EQUAL_HEX64(~0ull, CpuSet::first_n(64).bits());
  TEST_ASSERT_EQUAL_HEX64(0, CpuSet::first_n(0).bits());
  TEST_ASSERT_EQUAL_HEX64(0xA, CpuSet::first_n(4).without(CpuSet(0x5)).bits());
  TEST_ASSERT_EQUAL_HEX64(0x4, (CpuSet(0x6) & CpuSet(0xC)).bits());
}

template <std::memory_order kOrder>
static void check_atomic_set_operations() {
  AtomicCpuSet<kOrder> a;
  TEST_ASSERT_TRUE(a.load().empty());
  a.add(2);
  a.add(7);
  a.add(63);
  a.remove(2);
  a.remove(2);  // removing a non-member changes nothing
  TEST_ASSERT_EQUAL_HEX64(0x8000000000000080ull, a.load().bits());
  TEST_ASSERT_EQUAL_HEX64(0x8000000000000080ull, a.take().bits());
  TEST_ASSERT_TRUE(a.load().empty());
  TEST_ASSERT_TRUE(a.take().empty());
  AtomicCpuSet<kOrder> b(CpuSet::first_n(3));
  b.remove(1);
  TEST_ASSERT_EQUAL_HEX64(0x5, b.load().bits());
}

static void test_atomic_set_acquire_release() {
  check_atomic_set_operations<std::memory_order_acq_rel>();
}
static void test_atomic_set_sequentially_consistent() {
  check_atomic_set_operations<std::memory_order_seq_cst>();
}

// Every CPU adds and removes only itself, from many threads at once: no update is lost.
static void test_atomic_set_concurrent_members() {
  AtomicCpuSet<std::memory_order_seq_cst> set;
  std::vector<std::thread> cpus;
  for (uint32_t cpu = 0; cpu < 8; ++cpu) {
    cpus.emplace_back([&set, cpu] {
      for (int i = 0; i < 10000; ++i) {
        set.add(cpu);
        if (!set.load().contains(cpu)) abort();
        set.remove(cpu);
      }
      if (cpu % 2 == 0) set.add(cpu);
    });
  }
  for (std::thread& t : cpus) t.join();
  TEST_ASSERT_EQUAL_HEX64(0x55, set.load().bits());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_membership_and_count);
  RUN_TEST(test_iteration_visits_members_in_order);
  RUN_TEST(test_first_n_and_set_algebra);
  RUN_TEST(test_atomic_set_acquire_release);
  RUN_TEST(test_atomic_set_sequentially_consistent);
  RUN_TEST(test_atomic_set_concurrent_members);
  return UNITY_END();
}
