// kernel/vm/vm_batch: PTE format, table creation, all-or-nothing validation with the first bad
// index and reason, state carried through a batch, one invalidation per batch (invlpg up to the
// threshold, full flush above, one shootdown round), and random batches checked against the
// reference model.
#include <stdio.h>

#include <memory>
#include <random>
#include <vector>

#include "kernel/arch/pte.h"
#include "kernel/vm/page_tables.h"
#include "kernel/vm/vm_batch.h"
#include "test/host/kernel/vm/fake_machine.h"
#include "test/host/kernel/vm/vm_model.h"
#include "unity.h"

namespace {

using fake::kRamBase;
constexpr uint64_t kVa = 0x4000'0000;  // 1 GiB: a fresh PDPT entry
constexpr uint8_t kR = kVmRead, kRW = kVmRead | kVmWrite, kRX = kVmRead | kVmExec,
                  kRWX = kVmRead | kVmWrite | kVmExec;

std::unique_ptr<fake::PhysicalMemory> g_mem;
std::unique_ptr<fake::AddressSpace> g_as;

VmBatchResult apply(std::initializer_list<VmOp> ops) {
  std::vector<VmOp> v(ops);
  return g_as->apply(v.data(), static_cast<uint32_t>(v.size()));
}

void expect_ok(VmBatchResult r) {
  if (r.status != Status::kOk) {
    printf("unexpected %s at %u\n", status_name(r.status), r.bad_index);
    TEST_FAIL_MESSAGE("batch refused");
  }
}

void expect_refused(std::initializer_list<VmOp> ops, Status why, uint32_t index) {
  const auto before = g_as->leaves();
  const uint32_t tables = g_mem->in_use();
  const uint64_t writes = g_as->counters.pte_writes;
  g_as->events.clear();
  const VmBatchResult r = apply(ops);
  if (r.status != why || r.bad_index != index) {
    printf("expected %s at %u, got %s at %u\n", status_name(why), index, status_name(r.status),
           r.bad_index);
    TEST_FAIL_MESSAGE("wrong refusal");
  }
  TEST_ASSERT_TRUE_MESSAGE(g_as->leaves() == before, "a refused batch changed a mapping");
  TEST_ASSERT_EQUAL_UINT32(tables, g_mem->in_use());
  TEST_ASSERT_EQUAL_UINT64(writes, g_as->counters.pte_writes);
  TEST_ASSERT_EQUAL_size_t(0, g_as->events.size());
}

}  // namespace

void setUp() {
  g_mem = std::make_unique<fake::PhysicalMemory>(4096);
  // Active here (CPU 0) and on CPUs 1-3, like the Linux measurement in docs/benchmarking.md.
  g_as = std::make_unique<fake::AddressSpace>(*g_mem, CpuSet::first_n(4), 0);
}

void tearDown() {
  g_as.reset();
  TEST_ASSERT_EQUAL_UINT32(0, g_mem->in_use());  // every table freed, none leaked by a reservation
  g_mem.reset();
}

// ---- page-table format ----

void test_map_writes_sdm_leaf_entries() {
  expect_ok(
      apply({vm_map_op(kVa, kRamBase, 1, kR), vm_map_op(kVa + 0x1000, kRamBase + 0x1000, 1, kRW),
             vm_map_op(kVa + 0x2000, kRamBase + 0x2000, 1, kRX),
             vm_map_op(kVa + 0x3000, kRamBase + 0x3000, 1, kRWX)}));
  PageTables t = g_as->tables();
  // P=bit 0, R/W=bit 1, U/S=bit 2, XD=bit 63; address bits 12..51.
  TEST_ASSERT_EQUAL_HEX64(0x8000'0001'0000'0005ull, t.lookup(kVa));
  TEST_ASSERT_EQUAL_HEX64(0x8000'0001'0000'1007ull, t.lookup(kVa + 0x1000));
  TEST_ASSERT_EQUAL_HEX64(0x0000'0001'0000'2005ull, t.lookup(kVa + 0x2000));
  TEST_ASSERT_EQUAL_HEX64(0x0000'0001'0000'3007ull, t.lookup(kVa + 0x3000));
  TEST_ASSERT_EQUAL_UINT64(0, t.lookup(kVa + 0x4000));
}

void test_map_links_tables_with_user_write_rights() {
  expect_ok(apply({vm_map_op(kVa, kRamBase, 1, kR)}));
  TEST_ASSERT_EQUAL_UINT64(3, g_as->counters.tables_created);  // PDPT, PD, PT
  const uint64_t* pml4 = g_as->table(g_as->pml4());
  const uint64_t e4 = pml4[pte::index_at(kVa, 4)];
  TEST_ASSERT_EQUAL_HEX64(pte::kPresent | pte::kWritable | pte::kUser, e4 & ~pte::kAddressMask);
  const uint64_t e3 = g_as->table(pte::address(e4))[pte::index_at(kVa, 3)];
  TEST_ASSERT_EQUAL_HEX64(pte::kPresent | pte::kWritable | pte::kUser, e3 & ~pte::kAddressMask);
  const uint64_t e2 = g_as->table(pte::address(e3))[pte::index_at(kVa, 2)];
  TEST_ASSERT_EQUAL_HEX64(pte::kPresent | pte::kWritable | pte::kUser, e2 & ~pte::kAddressMask);
  TEST_ASSERT_EQUAL_UINT32(4, g_mem->in_use());  // PML4 + 3
}

void test_tables_counted_once_and_reserved_exactly() {
  // Two maps into one new page table, a third 2 MiB further, a fourth 1 GiB further: 3 + 1 + 2
  // tables.
  expect_ok(
      apply({vm_map_op(kVa, kRamBase, 2, kR), vm_map_op(kVa + 0x10000, kRamBase + 0x10000, 1, kR),
             vm_map_op(kVa + 0x20'0000, kRamBase, 1, kR),
             vm_map_op(kVa + 0x4000'0000, kRamBase, 1, kR)}));
  TEST_ASSERT_EQUAL_UINT64(6, g_as->counters.tables_created);
  TEST_ASSERT_EQUAL_UINT32(7, g_mem->in_use());  // nothing reserved was left behind
  // Maps on both sides of a 2 MiB boundary, into the tables that now exist.
  expect_ok(apply(
      {vm_map_op(kVa + 0x1f'f000, kRamBase, 1, kR), vm_map_op(kVa + 0x20'1000, kRamBase, 1, kR)}));
  TEST_ASSERT_EQUAL_UINT64(6, g_as->counters.tables_created);
}

void test_kernel_half_never_touched() {
  uint64_t* pml4 = g_as->table(g_as->pml4());
  pml4[256] = 0x1234'5000 | pte::kPresent | pte::kWritable;  // a kernel entry (never followed)
  expect_ok(apply({vm_map_op(kVa, kRamBase, 8, kRW), vm_unmap_op(kVa, 8)}));
  TEST_ASSERT_EQUAL_HEX64(0x1234'5000 | pte::kPresent | pte::kWritable, pml4[256]);
  expect_refused({vm_map_op(0xffff'8000'0000'0000ull, kRamBase, 1, kR)}, Status::kAccessDenied, 0);
  pml4[256] = 0;
}

// ---- validation: all or nothing, first bad index and reason ----

void test_refuses_each_malformed_operation_at_its_index() {
  const VmOp good = vm_map_op(kVa, kRamBase, 1, kRW);
  const VmOp good2 = vm_map_op(kVa + 0x1000, kRamBase + 0x1000, 1, kRW);
  VmOp bad_kind = good2;
  bad_kind.kind = static_cast<VmOpKind>(9);
  VmOp reserved = good2;
  reserved.reserved = 1;
  VmOp unmap_rights = vm_unmap_op(kVa, 1);
  unmap_rights.rights = kR;
  VmOp protect_frame = vm_protect_op(kVa, 1, kR);
  protect_frame.frame = kRamBase;

  expect_refused({good, good2, vm_map_op(kVa + 0x2000, kRamBase, 0, kR)}, Status::kInvalidArgument,
                 2);
  expect_refused({good, bad_kind}, Status::kInvalidArgument, 1);
  expect_refused({good, reserved}, Status::kInvalidArgument, 1);
  expect_refused({good, vm_map_op(kVa + 0x2000, kRamBase, 1, 8 | kR)}, Status::kInvalidArgument, 1);
  expect_refused({good, vm_map_op(kVa + 0x2000, kRamBase, 1, kVmWrite)}, Status::kInvalidArgument,
                 1);
  expect_refused({good, unmap_rights}, Status::kInvalidArgument, 1);
  expect_refused({good, protect_frame}, Status::kInvalidArgument, 1);
  expect_refused({good, vm_map_op(kVa + 0x2001, kRamBase, 1, kR)}, Status::kUnaligned, 1);
  expect_refused({good, vm_map_op(kVa + 0x2000, kRamBase + 8, 1, kR)}, Status::kUnaligned, 1);
  expect_refused({good, vm_unmap_op(kVa + 0x800, 1)}, Status::kUnaligned, 1);
  expect_refused({good, vm_unmap_op(0xffff'ffff'ffff'f000ull, 2)}, Status::kOverflow, 1);
  expect_refused({good, vm_map_op(kVa + 0x2000, 0xffff'ffff'ffff'f000ull, 2, kR)},
                 Status::kOverflow, 1);
}

void test_refuses_kernel_half_and_non_canonical() {
  const VmOp good = vm_map_op(kVa, kRamBase, 1, kRW);
  expect_refused({good, vm_unmap_op(0xffff'8000'0000'0000ull, 1)}, Status::kAccessDenied, 1);
  expect_refused({good, vm_unmap_op(0x0000'8000'0000'0000ull, 1)}, Status::kAccessDenied, 1);
  expect_refused({good, vm_protect_op(0x7fff'ffff'f000ull, 2, kR)}, Status::kAccessDenied,
                 1);  // crosses
  expect_refused({good, vm_unmap_op(0xffff'ffff'ffff'f000ull, 1)}, Status::kAccessDenied,
                 1);  // ends at 2^64
  // The last user page is fine.
  expect_ok(apply({vm_map_op(0x7fff'ffff'f000ull, kRamBase, 1, kR)}));
}

void test_refuses_rights_wider_than_the_frames() {
  const VmOp good = vm_map_op(kVa, kRamBase, 1, kRWX);
  expect_refused({good, vm_map_op(kVa + 0x1000, fake::kReadOnlyBase, 1, kRW)},
                 Status::kAccessDenied, 1);
  expect_refused({good, vm_map_op(kVa + 0x1000, fake::kNoExecBase, 1, kRX)}, Status::kAccessDenied,
                 1);
  expect_refused({good, vm_map_op(kVa + 0x1000, fake::kTableBase, 1, kR)}, Status::kAccessDenied,
                 1);
  // A run that leaves the frames it may map.
  expect_refused({good, vm_map_op(kVa + 0x1000, fake::kRamTop - 0x1000, 2, kR)},
                 Status::kAccessDenied, 1);
  expect_refused({good, vm_map_op(kVa + 0x1000, kPhysTop - 0x1000, 2, kR)}, Status::kOutOfRange, 1);
  // Within the ceiling is fine, and protect checks each page's frame.
  expect_ok(apply({vm_map_op(kVa, fake::kReadOnlyBase, 1, kR),
                   vm_map_op(kVa + 0x1000, fake::kNoExecBase, 1, kRW)}));
  expect_refused({vm_protect_op(kVa + 0x1000, 1, kR), vm_protect_op(kVa, 2, kRW)},
                 Status::kAccessDenied, 1);
  expect_refused({vm_protect_op(kVa + 0x1000, 1, kRWX)}, Status::kAccessDenied, 0);
}

void test_state_carries_through_the_batch() {
  const uint64_t a = kVa, b = kVa + 0x1000;
  // Map, unmap, map again the same page in one batch: valid, ends mapped to the second frame.
  expect_ok(apply(
      {vm_map_op(a, kRamBase, 1, kR), vm_unmap_op(a, 1), vm_map_op(a, kRamBase + 0x5000, 1, kRW)}));
  TEST_ASSERT_EQUAL_HEX64(pte::make_leaf(kRamBase + 0x5000, kRW), g_as->tables().lookup(a));
  // Mapping a mapped page, even by an earlier op of the same batch, is refused.
  expect_refused({vm_map_op(b, kRamBase, 1, kR), vm_map_op(b, kRamBase, 1, kR)},
                 Status::kAlreadyExists, 1);
  expect_refused({vm_map_op(a, kRamBase, 1, kR)}, Status::kAlreadyExists, 0);
  // Protect needs the page mapped at that point of the batch.
  expect_refused({vm_unmap_op(a, 1), vm_protect_op(a, 1, kR)}, Status::kNotFound, 1);
  expect_refused({vm_protect_op(b, 1, kR)}, Status::kNotFound, 0);
  expect_ok(apply({vm_map_op(b, fake::kReadOnlyBase, 1, kR), vm_protect_op(b, 1, kR)}));
  // The frame a protect sees is the one an earlier op of the batch mapped.
  expect_refused(
      {vm_unmap_op(b, 1), vm_map_op(b, fake::kReadOnlyBase, 1, kR), vm_protect_op(a, 2, kRW)},
      Status::kAccessDenied, 2);
}

void test_refuses_oversized_batches() {
  std::vector<VmOp> ops(kVmBatchMaxOps + 1, vm_unmap_op(kVa, 1));
  VmBatchResult r = g_as->apply(ops.data(), static_cast<uint32_t>(ops.size()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange), static_cast<int>(r.status));
  TEST_ASSERT_EQUAL_UINT32(kVmBatchMaxOps, r.bad_index);
  r = g_as->apply(ops.data(), kVmBatchMaxOps);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk), static_cast<int>(r.status));
  expect_refused({vm_unmap_op(kVa, 1u << 19), vm_unmap_op(kVa, 1u << 19), vm_unmap_op(kVa, 1)},
                 Status::kOutOfRange, 2);
}

void test_out_of_table_memory_changes_nothing() {
  expect_ok(apply({vm_map_op(kVa, kRamBase, 1, kR)}));
  g_mem->set_limit(g_mem->in_use() + 1);  // one more table: not enough for a new 1 GiB region
  expect_refused({vm_unmap_op(kVa, 1), vm_map_op(kVa + 0x1000, kRamBase, 1, kR),
                  vm_map_op(kVa + 0x4000'0000, kRamBase, 1, kR)},
                 Status::kNoMemory, 2);
  TEST_ASSERT_EQUAL_HEX64(pte::make_leaf(kRamBase, kR), g_as->tables().lookup(kVa));
  // A map into existing tables needs no memory.
  expect_ok(apply({vm_map_op(kVa + 0x1000, kRamBase, 1, kR)}));
  expect_ok(apply({vm_map_op(kVa + 0x20'0000, kRamBase, 1, kR)}));  // exactly the one table left
}

// ---- invalidation ----

void test_map_needs_no_invalidation() {
  expect_ok(apply({vm_map_op(kVa, kRamBase, 64, kRW)}));
  TEST_ASSERT_EQUAL_size_t(0, g_as->events.size());
  TEST_ASSERT_EQUAL_UINT64(0, g_as->counters.shootdowns);
  TEST_ASSERT_EQUAL_UINT64(64, g_as->counters.pte_writes);
}

void test_unmap_invalidates_each_page_and_shoots_down_once() {
  expect_ok(apply({vm_map_op(kVa, kRamBase, 3, kRW)}));
  g_as->events.clear();
  expect_ok(
      apply({vm_unmap_op(kVa, 1), vm_unmap_op(kVa + 0x1000, 1), vm_unmap_op(kVa + 0x2000, 1)}));
  TEST_ASSERT_EQUAL_size_t(4, g_as->events.size());
  for (int i = 0; i < 3; i++) {
    TEST_ASSERT_EQUAL_INT(fake::TlbEvent::kInvlpg, g_as->events[i].kind);
    TEST_ASSERT_EQUAL_HEX64(kVa + 0x1000 * i, g_as->events[i].va);
  }
  const fake::TlbEvent& sd = g_as->events[3];
  TEST_ASSERT_EQUAL_INT(fake::TlbEvent::kShootdown, sd.kind);
  TEST_ASSERT_EQUAL_HEX64(0xe, sd.targets.bits());  // CPUs 1-3, never this one
  TEST_ASSERT_FALSE(sd.what.full);
  TEST_ASSERT_EQUAL_UINT32(3, sd.what.page_count);
  TEST_ASSERT_EQUAL_UINT64(3, g_as->counters.invlpg);
  TEST_ASSERT_EQUAL_UINT64(1, g_as->counters.shootdowns);
  TEST_ASSERT_EQUAL_UINT64(3, g_as->counters.shootdown_cpus);
  TEST_ASSERT_EQUAL_UINT64(2, g_as->counters.ops_after_merge);  // 1 map + 1 merged unmap
  TEST_ASSERT_EQUAL_UINT64(4, g_as->counters.ops_before_merge);
  TEST_ASSERT_EQUAL_UINT64(0, g_as->tables().lookup(kVa + 0x1000));
}

void test_threshold_switches_to_full_flush() {
  constexpr uint32_t n = TlbInvalidation::kPages;
  expect_ok(apply({vm_map_op(kVa, kRamBase, 2 * n + 1, kRW)}));
  g_as->events.clear();
  expect_ok(apply({vm_unmap_op(kVa, n)}));  // exactly the threshold: invlpg each
  TEST_ASSERT_EQUAL_size_t(n + 1, g_as->events.size());
  TEST_ASSERT_EQUAL_UINT64(0, g_as->counters.full_flushes);
  g_as->events.clear();
  expect_ok(apply({vm_unmap_op(kVa + n * kPageSize, n + 1)}));  // one more: full flush
  TEST_ASSERT_EQUAL_size_t(2, g_as->events.size());
  TEST_ASSERT_EQUAL_INT(fake::TlbEvent::kFlushLocal, g_as->events[0].kind);
  TEST_ASSERT_EQUAL_INT(fake::TlbEvent::kShootdown, g_as->events[1].kind);
  TEST_ASSERT_TRUE(g_as->events[1].what.full);
  TEST_ASSERT_EQUAL_UINT64(1, g_as->counters.full_flushes);
  TEST_ASSERT_EQUAL_UINT64(n, g_as->counters.invlpg);
  TEST_ASSERT_EQUAL_UINT64(2, g_as->counters.shootdowns);
}

void test_unmap_of_holes_writes_and_invalidates_nothing() {
  expect_ok(apply({vm_unmap_op(kVa, 1u << 18)}));  // 1 GiB of nothing
  TEST_ASSERT_EQUAL_UINT64(0, g_as->counters.pte_writes);
  TEST_ASSERT_EQUAL_size_t(0, g_as->events.size());
}

void test_protect_rewrites_rights_keeps_frame_and_dirty_bits() {
  expect_ok(apply({vm_map_op(kVa, kRamBase, 2, kRW)}));
  uint64_t* pt = g_as->tables().find_pt(kVa);
  pt[0] |= pte::kAccessed | pte::kDirty;  // as the CPU would
  g_as->events.clear();
  expect_ok(apply({vm_protect_op(kVa, 2, kR)}));
  TEST_ASSERT_EQUAL_HEX64(pte::make_leaf(kRamBase, kR) | pte::kAccessed | pte::kDirty, pt[0]);
  TEST_ASSERT_EQUAL_HEX64(pte::make_leaf(kRamBase + 0x1000, kR), pt[1]);
  TEST_ASSERT_EQUAL_size_t(3, g_as->events.size());  // 2 invlpg + 1 round
  // Same rights again: nothing written, nothing to invalidate.
  g_as->events.clear();
  const uint64_t writes = g_as->counters.pte_writes;
  expect_ok(apply({vm_protect_op(kVa, 2, kR)}));
  TEST_ASSERT_EQUAL_UINT64(writes, g_as->counters.pte_writes);
  TEST_ASSERT_EQUAL_size_t(0, g_as->events.size());
  // Widening is invalidated too (no spurious-fault fixup exists).
  expect_ok(apply({vm_protect_op(kVa, 1, kRWX)}));
  TEST_ASSERT_EQUAL_size_t(2, g_as->events.size());
}

void test_invalidates_only_where_active() {
  expect_ok(apply({vm_map_op(kVa, kRamBase, 4, kRW)}));
  g_as->set_active(CpuSet::single(0), 0);  // only here: no shootdown
  g_as->events.clear();
  expect_ok(apply({vm_unmap_op(kVa, 1)}));
  TEST_ASSERT_EQUAL_size_t(1, g_as->events.size());
  TEST_ASSERT_EQUAL_INT(fake::TlbEvent::kInvlpg, g_as->events[0].kind);
  g_as->set_active(CpuSet(0x6), 0);  // elsewhere only: no local work, one round to 1 and 2
  g_as->events.clear();
  expect_ok(apply({vm_unmap_op(kVa + 0x1000, 1)}));
  TEST_ASSERT_EQUAL_size_t(1, g_as->events.size());
  TEST_ASSERT_EQUAL_INT(fake::TlbEvent::kShootdown, g_as->events[0].kind);
  TEST_ASSERT_EQUAL_HEX64(0x6, g_as->events[0].targets.bits());
  g_as->set_active(CpuSet(), 0);  // nowhere: nothing at all
  g_as->events.clear();
  expect_ok(apply({vm_unmap_op(kVa + 0x2000, 1)}));
  TEST_ASSERT_EQUAL_size_t(0, g_as->events.size());
}

// ---- random batches against the model ----

void test_random_batches_match_the_model_and_leave_nothing_stale() {
  std::mt19937_64 rng(7);
  fake::VmModel model;
  constexpr uint64_t kPages = 600;  // a window crossing a 2 MiB boundary
  const uint64_t base = kVa + 0x1f'0000;
  for (int round = 0; round < 400; round++) {
    std::vector<VmOp> ops;
    const uint32_t n = 1 + rng() % 12;
    for (uint32_t i = 0; i < n; i++) {
      const uint64_t page = rng() % kPages;
      const uint32_t count = 1 + static_cast<uint32_t>(rng() % (rng() % 4 == 0 ? 64 : 4));
      const uint8_t rights = static_cast<uint8_t>(kVmRead | (rng() % 4) << 1);
      const uint64_t frame_base = rng() % 8 == 0 ? fake::kReadOnlyBase : kRamBase;
      switch (rng() % 3) {
        case 0:
          ops.push_back(vm_map_op(base + page * kPageSize, frame_base + (rng() % 1024) * kPageSize,
                                  count, rights));
          break;
        case 1:
          ops.push_back(vm_unmap_op(base + page * kPageSize, count));
          break;
        default:
          ops.push_back(vm_protect_op(base + page * kPageSize, count, rights));
          break;
      }
    }
    const auto before = g_as->leaves();
    g_as->events.clear();
    const VmBatchResult want = model.apply(ops.data(), n);
    const VmBatchResult got = g_as->apply(ops.data(), n);
    if (want.status != got.status || want.bad_index != got.bad_index) {
      printf("round %d: model %s@%u, kernel %s@%u\n", round, status_name(want.status),
             want.bad_index, status_name(got.status), got.bad_index);
      TEST_FAIL_MESSAGE("kernel and model disagree on the batch");
    }
    const auto after = g_as->leaves();
    TEST_ASSERT_TRUE_MESSAGE(model.matches(after), "page tables differ from the model");
    uint32_t cpu = 0;
    uint64_t va = 0;
    TEST_ASSERT_FALSE_MESSAGE(
        fake::find_stale_translation(before, after, g_as->events, CpuSet::first_n(4), 0, &cpu, &va),
        "a changed translation was not invalidated on an active CPU");
    TEST_ASSERT_TRUE(g_as->counters.shootdowns <= g_as->counters.batches);
  }
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_map_writes_sdm_leaf_entries);
  RUN_TEST(test_map_links_tables_with_user_write_rights);
  RUN_TEST(test_tables_counted_once_and_reserved_exactly);
  RUN_TEST(test_kernel_half_never_touched);
  RUN_TEST(test_refuses_each_malformed_operation_at_its_index);
  RUN_TEST(test_refuses_kernel_half_and_non_canonical);
  RUN_TEST(test_refuses_rights_wider_than_the_frames);
  RUN_TEST(test_state_carries_through_the_batch);
  RUN_TEST(test_refuses_oversized_batches);
  RUN_TEST(test_out_of_table_memory_changes_nothing);
  RUN_TEST(test_map_needs_no_invalidation);
  RUN_TEST(test_unmap_invalidates_each_page_and_shoots_down_once);
  RUN_TEST(test_threshold_switches_to_full_flush);
  RUN_TEST(test_unmap_of_holes_writes_and_invalidates_nothing);
  RUN_TEST(test_protect_rewrites_rights_keeps_frame_and_dirty_bits);
  RUN_TEST(test_invalidates_only_where_active);
  RUN_TEST(test_random_batches_match_the_model_and_leave_nothing_stale);
  return UNITY_END();
}
