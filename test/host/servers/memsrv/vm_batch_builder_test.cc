// servers/memsrv/vm_batch_builder: every merge rule, the never-drop and never-reorder rules, flush
// boundaries (full buffer, full batch, end of request), the page-at-a-time knob, errors, and the
// builder feeding the kernel's batch apply.
#include <stdio.h>

#include <memory>
#include <vector>

#include "servers/memsrv/vm_batch_builder.h"
#include "test/host/kernel/vm/fake_machine.h"
#include "test/host/kernel/vm/vm_model.h"
#include "unity.h"

namespace {

constexpr uint64_t kVa = 0x10'0000;
constexpr uint64_t kFrame = fake::kRamBase;
constexpr uint64_t P = kPageSize;
constexpr uint8_t kR = kVmRead, kRW = kVmRead | kVmWrite;

// Records every batch it is given.
class RecordingSink final : public VmBatchSink {
 public:
  Status submit_batch(const VmOp* ops, uint32_t count) override {
    batches.emplace_back(ops, ops + count);
    return answer;
  }
  std::vector<std::vector<VmOp>> batches;
  Status answer = Status::kOk;

  std::vector<VmOp> all() const {
    std::vector<VmOp> out;
    for (const auto& b : batches) out.insert(out.end(), b.begin(), b.end());
    return out;
  }
};

std::unique_ptr<RecordingSink> g_sink;

void expect_ops(const std::vector<VmOp>& want, const std::vector<VmOp>& got) {
  if (want != got) {
    printf("want %zu ops, got %zu:\n", want.size(), got.size());
    for (const VmOp& o : got) {
      printf("  kind %d va %#llx frame %#llx pages %u rights %u\n", static_cast<int>(o.kind),
             static_cast<unsigned long long>(o.va), static_cast<unsigned long long>(o.frame),
             o.page_count, o.rights);
    }
    TEST_FAIL_MESSAGE("operations differ");
  }
}

void ok(Status s) { TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk), static_cast<int>(s)); }

}  // namespace

void setUp() { g_sink = std::make_unique<RecordingSink>(); }
void tearDown() { g_sink.reset(); }

// ---- merge rules ----

void test_map_merges_forward_with_contiguous_frames() {
  VmBatchBuilder b(*g_sink);
  for (uint32_t i = 0; i < 16; i++) ok(b.map(kVa + i * P, kFrame + i * P, 1, kRW));
  TEST_ASSERT_EQUAL_size_t(0,
                           g_sink->batches.size());  // nothing leaves before the end of the request
  ok(b.finish());
  expect_ops({vm_map_op(kVa, kFrame, 16, kRW)}, g_sink->all());
  TEST_ASSERT_EQUAL_UINT64(16, b.counters().appends);
  TEST_ASSERT_EQUAL_UINT64(1, b.counters().ops_emitted);
  TEST_ASSERT_EQUAL_UINT64(1, b.counters().batches);
}

void test_map_merges_backward_when_pages_and_frames_both_descend() {
  VmBatchBuilder b(*g_sink);
  for (uint32_t i = 4; i-- > 0;) ok(b.map(kVa + i * P, kFrame + i * P, 1, kR));
  ok(b.finish());
  expect_ops({vm_map_op(kVa, kFrame, 4, kR)}, g_sink->all());
}

void test_map_does_not_merge_without_contiguous_frames() {
  VmBatchBuilder b(*g_sink);
  ok(b.map(kVa, kFrame, 1, kR));
  ok(b.map(kVa + P, kFrame + 5 * P, 1, kR));      // pages adjacent, frames not
  ok(b.map(kVa + 2 * P, kFrame + 4 * P, 1, kR));  // frames adjacent backward, pages forward
  ok(b.finish());
  expect_ops({vm_map_op(kVa, kFrame, 1, kR), vm_map_op(kVa + P, kFrame + 5 * P, 1, kR),
              vm_map_op(kVa + 2 * P, kFrame + 4 * P, 1, kR)},
             g_sink->all());
}

void test_no_merge_across_kind_rights_or_gaps() {
  VmBatchBuilder b(*g_sink);
  ok(b.map(kVa, kFrame, 1, kR));
  ok(b.map(kVa + P, kFrame + P, 1, kRW));  // other rights
  ok(b.unmap(kVa + 2 * P, 1));             // other kind
  ok(b.unmap(kVa + 4 * P, 1));             // gap
  ok(b.protect(kVa + 5 * P, 1, kR));       // other kind
  ok(b.protect(kVa + 6 * P, 1, kRW));      // other rights
  ok(b.finish());
  expect_ops({vm_map_op(kVa, kFrame, 1, kR), vm_map_op(kVa + P, kFrame + P, 1, kRW),
              vm_unmap_op(kVa + 2 * P, 1), vm_unmap_op(kVa + 4 * P, 1),
              vm_protect_op(kVa + 5 * P, 1, kR), vm_protect_op(kVa + 6 * P, 1, kRW)},
             g_sink->all());
}

void test_unmap_and_protect_merge_both_ways() {
  VmBatchBuilder b(*g_sink);
  ok(b.unmap(kVa + 2 * P, 2));
  ok(b.unmap(kVa + 4 * P, 1));  // after
  ok(b.unmap(kVa, 2));          // before
  ok(b.protect(kVa + 10 * P, 1, kR));
  ok(b.protect(kVa + 9 * P, 1, kR));
  ok(b.protect(kVa + 11 * P, 3, kR));
  ok(b.finish());
  expect_ops({vm_unmap_op(kVa, 5), vm_protect_op(kVa + 9 * P, 5, kR)}, g_sink->all());
}

// ---- never drop, never reorder ----

void test_overlapping_operations_are_never_merged_or_dropped() {
  VmBatchBuilder b(*g_sink);
  ok(b.unmap(kVa, 4));
  ok(b.unmap(kVa, 4));          // the same range again: both reach the kernel
  ok(b.unmap(kVa + 2 * P, 4));  // overlapping, not adjacent
  ok(b.protect(kVa, 2, kR));
  ok(b.protect(kVa + P, 2, kR));  // overlapping protect
  ok(b.finish());
  expect_ops({vm_unmap_op(kVa, 4), vm_unmap_op(kVa, 4), vm_unmap_op(kVa + 2 * P, 4),
              vm_protect_op(kVa, 2, kR), vm_protect_op(kVa + P, 2, kR)},
             g_sink->all());
}

void test_map_then_unmap_of_one_range_keeps_both_in_order() {
  VmBatchBuilder b(*g_sink);
  ok(b.map(kVa, kFrame, 4, kRW));
  ok(b.protect(kVa + P, 1, kR));
  ok(b.unmap(kVa, 4));
  ok(b.map(kVa, kFrame + 8 * P, 4, kR));
  ok(b.finish());
  expect_ops({vm_map_op(kVa, kFrame, 4, kRW), vm_protect_op(kVa + P, 1, kR), vm_unmap_op(kVa, 4),
              vm_map_op(kVa, kFrame + 8 * P, 4, kR)},
             g_sink->all());
}

void test_only_the_last_operation_is_extended() {
  // map A, unmap elsewhere, map A+1: the second map must not jump back over the unmap.
  VmBatchBuilder b(*g_sink);
  ok(b.map(kVa, kFrame, 1, kR));
  ok(b.unmap(kVa + 100 * P, 1));
  ok(b.map(kVa + P, kFrame + P, 1, kR));
  ok(b.finish());
  expect_ops({vm_map_op(kVa, kFrame, 1, kR), vm_unmap_op(kVa + 100 * P, 1),
              vm_map_op(kVa + P, kFrame + P, 1, kR)},
             g_sink->all());
}

void test_zero_page_operation_is_passed_on_not_dropped() {
  VmBatchBuilder b(*g_sink);
  ok(b.unmap(kVa, 0));
  ok(b.finish());
  expect_ops({vm_unmap_op(kVa, 0)}, g_sink->all());
}

// ---- flush boundaries ----

void test_full_buffer_flushes_before_the_next_operation() {
  VmBatchBuilder b(*g_sink, VmBatchLimits{4, 1u << 20});
  for (uint32_t i = 0; i < 4; i++) ok(b.unmap(kVa + 2 * i * P, 1));  // 4 separate ops
  TEST_ASSERT_EQUAL_size_t(0, g_sink->batches.size());
  ok(b.unmap(kVa + 7 * P, 1));  // merges into the 4th: still no flush
  TEST_ASSERT_EQUAL_size_t(0, g_sink->batches.size());
  ok(b.unmap(kVa + 20 * P, 1));  // a 5th op: the full buffer goes first
  TEST_ASSERT_EQUAL_size_t(1, g_sink->batches.size());
  TEST_ASSERT_EQUAL_size_t(4, g_sink->batches[0].size());
  TEST_ASSERT_EQUAL_UINT32(1, b.pending_ops());
  ok(b.finish());
  TEST_ASSERT_EQUAL_size_t(2, g_sink->batches.size());
  expect_ops({vm_unmap_op(kVa + 20 * P, 1)}, g_sink->batches[1]);
  ok(b.finish());  // nothing pending: nothing submitted
  TEST_ASSERT_EQUAL_size_t(2, g_sink->batches.size());
}

void test_page_limit_splits_a_map_keeping_frames_in_step() {
  VmBatchBuilder b(*g_sink, VmBatchLimits{VmBatchLimits::kMaxOps, 4});
  ok(b.map(kVa, kFrame, 10, kRW));
  ok(b.finish());
  TEST_ASSERT_EQUAL_size_t(3, g_sink->batches.size());
  expect_ops({vm_map_op(kVa, kFrame, 4, kRW)}, g_sink->batches[0]);
  expect_ops({vm_map_op(kVa + 4 * P, kFrame + 4 * P, 4, kRW)}, g_sink->batches[1]);
  expect_ops({vm_map_op(kVa + 8 * P, kFrame + 8 * P, 2, kRW)}, g_sink->batches[2]);
}

void test_page_at_a_time_sends_every_page_alone() {
  VmBatchBuilder b(*g_sink, VmBatchLimits::page_at_a_time());
  ok(b.map(kVa, kFrame, 16, kRW));
  ok(b.unmap(kVa, 16));
  ok(b.finish());
  TEST_ASSERT_EQUAL_size_t(32, g_sink->batches.size());
  for (uint32_t i = 0; i < 16; i++) {
    expect_ops({vm_map_op(kVa + i * P, kFrame + i * P, 1, kRW)}, g_sink->batches[i]);
    expect_ops({vm_unmap_op(kVa + i * P, 1)}, g_sink->batches[16 + i]);
  }
  TEST_ASSERT_EQUAL_UINT64(32, b.counters().ops_emitted);
}

void test_submit_error_is_returned_and_the_batch_is_gone() {
  VmBatchBuilder b(*g_sink, VmBatchLimits{2, 1u << 20});
  g_sink->answer = Status::kAccessDenied;
  ok(b.unmap(kVa, 1));
  ok(b.unmap(kVa + 5 * P, 1));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kAccessDenied),
                        static_cast<int>(b.unmap(kVa + 9 * P, 1)));
  TEST_ASSERT_EQUAL_UINT32(0, b.pending_ops());
  g_sink->answer = Status::kOk;
  ok(b.unmap(kVa + 9 * P, 1));
  ok(b.finish());
  expect_ops({vm_unmap_op(kVa + 9 * P, 1)}, g_sink->batches.back());
}

// ---- builder -> kernel ----

namespace {
class KernelSink final : public VmBatchSink {
 public:
  KernelSink(fake::AddressSpace& as, fake::VmModel& model) : as_(as), model_(model) {}
  Status submit_batch(const VmOp* ops, uint32_t count) override {
    const VmBatchResult want = model_.apply(ops, count);
    const VmBatchResult got = as_.apply(ops, count);
    TEST_ASSERT_EQUAL_INT(static_cast<int>(want.status), static_cast<int>(got.status));
    return got.status;
  }

 private:
  fake::AddressSpace& as_;
  fake::VmModel& model_;
};
}  // namespace

void test_batched_and_page_at_a_time_reach_the_same_page_tables() {
  fake::PhysicalMemory mem;
  fake::AddressSpace batched(mem, CpuSet::first_n(4), 0), single(mem, CpuSet::first_n(4), 0);
  fake::VmModel m1, m2;
  KernelSink s1(batched, m1), s2(single, m2);
  VmBatchBuilder b1(s1), b2(s2, VmBatchLimits::page_at_a_time());
  for (VmBatchBuilder* b : {&b1, &b2}) {
    for (uint32_t i = 0; i < 256; i++) ok(b->map(kVa + i * P, kFrame + i * P, 1, kRW));
    ok(b->finish());
    for (uint32_t i = 0; i < 128; i++) ok(b->protect(kVa + i * P, 1, kR));
    ok(b->finish());
    for (uint32_t i = 64; i < 256; i++) ok(b->unmap(kVa + i * P, 1));
    ok(b->finish());
  }
  TEST_ASSERT_TRUE(batched.leaves() == single.leaves());
  TEST_ASSERT_TRUE(m1.matches(batched.leaves()));
  TEST_ASSERT_EQUAL_UINT64(3, batched.counters.batches);
  TEST_ASSERT_EQUAL_UINT64(3, batched.counters.ops_after_merge);
  TEST_ASSERT_EQUAL_UINT64(2, batched.counters.shootdowns);  // the protect and the unmap
  TEST_ASSERT_EQUAL_UINT64(2, batched.counters.full_flushes);
  TEST_ASSERT_EQUAL_UINT64(256 + 128 + 192, single.counters.batches);
  TEST_ASSERT_EQUAL_UINT64(128 + 192, single.counters.shootdowns);
  TEST_ASSERT_EQUAL_UINT64(128 + 192, single.counters.invlpg);
  TEST_ASSERT_EQUAL_UINT64(single.counters.pte_writes, batched.counters.pte_writes);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_map_merges_forward_with_contiguous_frames);
  RUN_TEST(test_map_merges_backward_when_pages_and_frames_both_descend);
  RUN_TEST(test_map_does_not_merge_without_contiguous_frames);
  RUN_TEST(test_no_merge_across_kind_rights_or_gaps);
  RUN_TEST(test_unmap_and_protect_merge_both_ways);
  RUN_TEST(test_overlapping_operations_are_never_merged_or_dropped);
  RUN_TEST(test_map_then_unmap_of_one_range_keeps_both_in_order);
  RUN_TEST(test_only_the_last_operation_is_extended);
  RUN_TEST(test_zero_page_operation_is_passed_on_not_dropped);
  RUN_TEST(test_full_buffer_flushes_before_the_next_operation);
  RUN_TEST(test_page_limit_splits_a_map_keeping_frames_in_step);
  RUN_TEST(test_page_at_a_time_sends_every_page_alone);
  RUN_TEST(test_submit_error_is_returned_and_the_batch_is_gone);
  RUN_TEST(test_batched_and_page_at_a_time_reach_the_same_page_tables);
  return UNITY_END();
}
