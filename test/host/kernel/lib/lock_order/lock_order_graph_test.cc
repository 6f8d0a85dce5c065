// The lock-order checker's graph and held stacks (kernel/lib/lock_order_graph.h), without a
// kernel: edges and their first sites, inversions direct and through other classes with every
// site in the report, the same-class rules, releases in any order, and the depth limit. Each
// HeldLocks stands for one CPU.
#include "kernel/lib/lock_order_graph.h"

#include <stdint.h>
#include <string.h>
#include <memory>
#include <string>

#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

constexpr LockClass kA = LockClass::kTestInversionA;
constexpr LockClass kB = LockClass::kTestInversionB;
constexpr LockClass kC = LockClass::kTest;

LockSite site(const char* function, uint32_t line) { return LockSite{"x.cc", function, line}; }

// Distinct lock objects, in rising address order.
int g_locks[HeldLocks::kMaxHeld + 2];
const void* lock_at(int i) { return &g_locks[i]; }

std::unique_ptr<LockOrderGraph> fresh_graph() { return std::make_unique<LockOrderGraph>(); }

bool ok(const LockOrderViolation& v) { return v.ok(); }

void collect(const char* text, void* ctx) {
  auto* out = static_cast<std::string*>(ctx);
  *out += text;
  *out += '\n';
}

std::string report(const LockOrderViolation& v) {
  std::string text;
  v.describe(collect, &text);
  return text;
}

bool same_site(const LockSite& a, const LockSite& b) {
  return strcmp(a.function, b.function) == 0 && a.line == b.line;
}

void test_an_edge_keeps_its_first_sites() {
  auto g = fresh_graph();
  HeldLocks cpu;
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(0), kA, LockNesting::kNone, site("f", 1))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(1), kB, LockNesting::kNone, site("f", 2))));
  TEST_ASSERT_TRUE(g->has_edge(kA, kB));
  TEST_ASSERT_FALSE(g->has_edge(kB, kA));
  TEST_ASSERT_EQUAL_UINT32(1, g->edge_count());
  // The same order again, elsewhere: nothing new, the first sites stay.
  TEST_ASSERT_TRUE(ok(g->release(cpu, lock_at(1), site("f", 3))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(2), kB, LockNesting::kNone, site("g", 9))));
  TEST_ASSERT_EQUAL_UINT32(1, g->edge_count());
  LockEdgeSites s;
  TEST_ASSERT_TRUE(g->edge_sites(kA, kB, &s));
  TEST_ASSERT_TRUE(same_site(site("f", 1), s.held));
  TEST_ASSERT_TRUE(same_site(site("f", 2), s.acquired));
  TEST_ASSERT_FALSE(g->edge_sites(kB, kA, &s));
}

void test_the_opposite_order_is_an_inversion_with_both_sites() {
  auto g = fresh_graph();
  HeldLocks cpu0;
  HeldLocks cpu1;
  TEST_ASSERT_TRUE(ok(g->acquire(cpu0, lock_at(0), kA, LockNesting::kNone, site("a_then_b", 10))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu0, lock_at(1), kB, LockNesting::kNone, site("a_then_b", 11))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu1, lock_at(2), kB, LockNesting::kNone, site("b_then_a", 20))));
  const LockOrderViolation v =
      g->acquire(cpu1, lock_at(3), kA, LockNesting::kNone, site("b_then_a", 21));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(LockOrderViolation::Kind::kInversion),
                        static_cast<int>(v.kind));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(kA), static_cast<int>(v.lock_class));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(kB), static_cast<int>(v.holder.lock_class));
  TEST_ASSERT_TRUE(same_site(site("b_then_a", 21), v.site));
  TEST_ASSERT_TRUE(same_site(site("b_then_a", 20), v.holder.site));
  TEST_ASSERT_EQUAL_UINT32(1, v.path_edges);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(kA), static_cast<int>(v.path[0]));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(kB), static_cast<int>(v.path[1]));
  TEST_ASSERT_TRUE(same_site(site("a_then_b", 10), v.path_sites[0].held));
  TEST_ASSERT_TRUE(same_site(site("a_then_b", 11), v.path_sites[0].acquired));
  TEST_ASSERT_EQUAL_UINT32(1, cpu1.count());  // the refused lock is not pushed
  const std::string text = report(v);
  TEST_ASSERT_EQUAL_STRING("lock order inversion", v.summary());
  const char* expected[] = {
      "acquiring test_inversion_a",
      "x.cc:21 (b_then_a)",
      "while holding test_inversion_b",
      "x.cc:20 (b_then_a)",
      "but the opposite order test_inversion_a -> test_inversion_b was recorded first:",
      "test_inversion_b acquired at x.cc:11 (a_then_b)",
      "while holding test_inversion_a acquired at x.cc:10 (a_then_b)",
  };
  for (const char* line : expected) {
    TEST_ASSERT_TRUE_MESSAGE(text.find(line) != std::string::npos, line);
  }
}

void test_a_cycle_through_a_third_class_is_an_inversion() {
  auto g = fresh_graph();
  HeldLocks cpu;
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(0), kA, LockNesting::kNone, site("f", 1))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(1), kB, LockNesting::kNone, site("f", 2))));
  TEST_ASSERT_TRUE(ok(g->release(cpu, lock_at(0), site("f", 3))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(2), kC, LockNesting::kNone, site("f", 4))));
  TEST_ASSERT_TRUE(ok(g->release(cpu, lock_at(1), site("f", 5))));
  // Holding C, taking A: A -> B -> C was recorded, so C -> A closes a cycle.
  const LockOrderViolation v = g->acquire(cpu, lock_at(3), kA, LockNesting::kNone, site("g", 6));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(LockOrderViolation::Kind::kInversion),
                        static_cast<int>(v.kind));
  TEST_ASSERT_EQUAL_UINT32(2, v.path_edges);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(kB), static_cast<int>(v.path[1]));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(kC), static_cast<int>(v.path[2]));
  const std::string text = report(v);
  TEST_ASSERT_TRUE(text.find("test_inversion_a -> test_inversion_b -> test") != std::string::npos);
  TEST_ASSERT_TRUE(text.find("test acquired at x.cc:4 (f)") != std::string::npos);
}

void test_same_class_nesting_needs_a_rule() {
  auto g = fresh_graph();
  HeldLocks cpu;
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(1), kC, LockNesting::kNone, site("f", 1))));
  const LockOrderViolation plain =
      g->acquire(cpu, lock_at(2), kC, LockNesting::kNone, site("f", 2));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(LockOrderViolation::Kind::kSameClass),
                        static_cast<int>(plain.kind));
  const LockOrderViolation below =
      g->acquire(cpu, lock_at(0), kC, LockNesting::kByAddress, site("f", 3));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(LockOrderViolation::Kind::kAddressOrder),
                        static_cast<int>(below.kind));
  TEST_ASSERT_TRUE(report(below).find("while holding test (lock") != std::string::npos);
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(2), kC, LockNesting::kByAddress, site("f", 4))));
  TEST_ASSERT_EQUAL_UINT32(2, cpu.count());
  TEST_ASSERT_EQUAL_UINT32(0, g->edge_count());  // a class is never ordered against itself
}

void test_releases_in_any_order() {
  auto g = fresh_graph();
  HeldLocks cpu;
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(0), kA, LockNesting::kNone, site("f", 1))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(1), kB, LockNesting::kNone, site("f", 2))));
  TEST_ASSERT_TRUE(ok(g->acquire(cpu, lock_at(2), kC, LockNesting::kNone, site("f", 3))));
  TEST_ASSERT_TRUE(ok(g->release(cpu, lock_at(1), site("f", 4))));  // the middle one
  TEST_ASSERT_EQUAL_UINT32(2, cpu.count());
  TEST_ASSERT_TRUE(cpu.at(0).lock == lock_at(0) && cpu.at(1).lock == lock_at(2));
  TEST_ASSERT_TRUE(ok(g->release(cpu, lock_at(0), site("f", 5))));  // the oldest
  TEST_ASSERT_TRUE(cpu.at(0).lock == lock_at(2));
  TEST_ASSERT_TRUE(ok(g->release(cpu, lock_at(2), site("f", 6))));
  TEST_ASSERT_EQUAL_UINT32(0, cpu.count());
  const LockOrderViolation v = g->release(cpu, lock_at(2), site("f", 7));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(LockOrderViolation::Kind::kNotHeld),
                        static_cast<int>(v.kind));
  TEST_ASSERT_TRUE(report(v).find("x.cc:7 (f), which this cpu does not hold") != std::string::npos);
}

void test_the_stack_has_a_limit() {
  auto g = fresh_graph();
  HeldLocks cpu;
  for (uint32_t i = 0; i < HeldLocks::kMaxHeld; ++i) {
    TEST_ASSERT_TRUE(ok(
        g->acquire(cpu, lock_at(static_cast<int>(i)), kC, LockNesting::kByAddress, site("f", i))));
  }
  const LockOrderViolation v =
      g->acquire(cpu, lock_at(HeldLocks::kMaxHeld), kC, LockNesting::kByAddress, site("f", 99));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(LockOrderViolation::Kind::kTooDeep),
                        static_cast<int>(v.kind));
  TEST_ASSERT_EQUAL_UINT32(HeldLocks::kMaxHeld, cpu.count());
}

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_an_edge_keeps_its_first_sites);
  RUN_TEST(test_the_opposite_order_is_an_inversion_with_both_sites);
  RUN_TEST(test_a_cycle_through_a_third_class_is_an_inversion);
  RUN_TEST(test_same_class_nesting_needs_a_rule);
  RUN_TEST(test_releases_in_any_order);
  RUN_TEST(test_the_stack_has_a_limit);
  return UNITY_END();
}
