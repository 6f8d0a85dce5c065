// pte::walk and pte::find (kernel/arch/x86_64/pte.h), the one walk of a 4-level tree that user
// address spaces and the kernel's own tables share: where it stops (target level, missing entry,
// large page), what it asks `fill` for, and the entry format it links tables with.
#include <stdint.h>
#include <string.h>

#include "kernel/arch/pte.h"
#include "unity.h"

namespace {

// A tiny "physical memory" of page tables: table i lives at physical address (i + 1) * 4 KiB.
constexpr uint32_t kTables = 8;
alignas(4096) uint64_t g_tables[kTables][pte::kEntries];
uint32_t g_used = 0;

uint64_t* table_at(uint64_t phys) { return g_tables[phys / kPageSize - 1]; }
uint64_t new_table() {
  TEST_ASSERT_TRUE(g_used < kTables);
  memset(g_tables[g_used], 0, sizeof g_tables[0]);
  return uint64_t{++g_used} * kPageSize;
}

constexpr uint64_t kVa = 0x0000'1234'5678'9000;  // indexes 36, 209, 179, 393 at levels 4..1

}  // namespace

void setUp() {
  g_used = 0;
  (void)new_table();  // the PML4
}
void tearDown() {}

static void test_find_stops_at_the_first_missing_entry() {
  const pte::WalkEnd end = pte::find<1, pte::LargePages::kPossible>(g_tables[0], kVa, table_at);
  TEST_ASSERT_EQUAL_UINT32(4, end.level);
  TEST_ASSERT_EQUAL_PTR(g_tables[0], end.table);
  TEST_ASSERT_EQUAL_PTR(&g_tables[0][pte::index_at(kVa, 4)], end.slot(kVa));
}

static void test_walk_fills_every_missing_level_down_to_the_target() {
  uint32_t asked[4] = {};
  uint32_t asked_count = 0;
  const pte::WalkEnd end = pte::walk<1, pte::LargePages::kNever>(
      g_tables[0], kVa, table_at, [&](uint64_t* slot, uint32_t level) {
        asked[asked_count++] = level;
        pte::store(slot, pte::make_table(new_table()));
        return true;
      });
  TEST_ASSERT_EQUAL_UINT32(3, asked_count);  // PML4, PDPT and PD entries; the leaf is the caller's
  TEST_ASSERT_EQUAL_UINT32(4, asked[0]);
  TEST_ASSERT_EQUAL_UINT32(2, asked[2]);
  TEST_ASSERT_EQUAL_UINT32(1, end.level);
  TEST_ASSERT_EQUAL_PTR(g_tables[3], end.table);
  // The path is there now: a find reaches the same table without filling.
  const pte::WalkEnd again = pte::find<1, pte::LargePages::kNever>(g_tables[0], kVa, table_at);
  TEST_ASSERT_EQUAL_UINT32(1, again.level);
  TEST_ASSERT_EQUAL_PTR(end.table, again.table);
  // User-half tables grant everything; the leaf decides.
  TEST_ASSERT_EQUAL_HEX64(pte::kPresent | pte::kWritable | pte::kUser,
                          g_tables[0][pte::index_at(kVa, 4)] & ~pte::kAddressMask);
}

static void test_a_fill_that_declines_stops_the_walk_there() {
  const pte::WalkEnd end = pte::walk<2, pte::LargePages::kPossible>(
      g_tables[0], kVa, table_at, [](uint64_t*, uint32_t) { return false; });
  TEST_ASSERT_EQUAL_UINT32(4, end.level);
  TEST_ASSERT_EQUAL_HEX64(0, *end.slot(kVa));
}

static void test_a_large_page_ends_the_walk_at_its_level() {
  // PML4 -> PDPT -> PD whose entry maps 2 MiB directly (as the kernel's direct map does).
  const uint64_t pdpt = new_table();
  const uint64_t pd = new_table();
  g_tables[0][pte::index_at(kVa, 4)] = pte::make_kernel_table(pdpt);
  table_at(pdpt)[pte::index_at(kVa, 3)] = pte::make_kernel_table(pd);
  const uint64_t large = 0x4000'0000 | pte::kPresent | pte::kWritable | pte::kHuge;
  table_at(pd)[pte::index_at(kVa, 2)] = large;
  const pte::WalkEnd end = pte::find<1, pte::LargePages::kPossible>(g_tables[0], kVa, table_at);
  TEST_ASSERT_EQUAL_UINT32(2, end.level);
  TEST_ASSERT_EQUAL_HEX64(large, *end.slot(kVa));
  TEST_ASSERT_EQUAL_UINT64(uint64_t{2} << 20, pte::level_span(end.level));
  // Kernel-half tables are supervisor only.
  TEST_ASSERT_EQUAL_HEX64(pte::kPresent | pte::kWritable,
                          pte::make_kernel_table(pdpt) & ~pte::kAddressMask);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_find_stops_at_the_first_missing_entry);
  RUN_TEST(test_walk_fills_every_missing_level_down_to_the_target);
  RUN_TEST(test_a_fill_that_declines_stops_the_walk_there);
  RUN_TEST(test_a_large_page_ends_the_walk_at_its_level);
  return UNITY_END();
}
