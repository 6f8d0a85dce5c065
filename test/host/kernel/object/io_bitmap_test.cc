// Unit tests pinning each rule of the I/O-bitmap engine: the bits and window, grants (overlapping
// ones too), copy on write, the TSS slot rule (window copies, zero-copy cases, LRU), revocation
// targets, the stale-fault repair, "unchanged on error", and the fake TSS's CPU evaluation itself.
#include <memory>
#include <vector>

#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/task_io_ports.h"
#include "test/bench/io_copy_policies.h"
#include "test/host/kernel/object/fake_tss.h"
#include "test/host/kernel/object/io_sim.h"
#include "unity.h"

using io_sim::BitmapImage;

void setUp() {}
void tearDown() { fail_next_allocations(0); }

namespace {

IoCounters g_counters;

int st(const Result<IoInvalidation>& r) { return static_cast<int>(r.status()); }

template <uint32_t K, IoCopyPolicy Copy = WindowCopy>
struct Cpu {
  explicit Cpu(uint32_t index = 0) : tss(K, true, true), state(index, tss) {}
  FakeTss tss;
  BasicTssIoState<K, Copy> state;
};

RefPtr<IoBitmap> make_bitmap() {
  Result<RefPtr<IoBitmap>> r = IoBitmap::create();
  TEST_ASSERT_TRUE(r.is_ok());
  return r.release_value();
}

// ---- raw bits and window
// -------------------------------------------------------------------------

void test_port_bits_allow_deny_and_width() {
  IoPortBits bits;
  bits.deny_all();
  bits.allow(PortRange{0x85, 6});  // 0x85..0x8A, across the 0x87/0x88 byte boundary
  TEST_ASSERT_FALSE(bits.allows(0x84, 1));
  TEST_ASSERT_TRUE(bits.allows(0x85, 1));
  TEST_ASSERT_TRUE(bits.allows(0x87, 4));   // 0x87..0x8A
  TEST_ASSERT_FALSE(bits.allows(0x88, 4));  // 0x8B is closed
  TEST_ASSERT_FALSE(bits.allows(0x84, 2));
  TEST_ASSERT_EQUAL_HEX8(0x1F, bits.byte(0x10));  // 0x85,0x86,0x87 open: bits 5,6,7 clear
  TEST_ASSERT_EQUAL_HEX8(0xF8, bits.byte(0x11));  // 0x88,0x89,0x8A open
  bits.deny(PortRange{0x87, 2});
  TEST_ASSERT_FALSE(bits.allows(0x87, 1));
  TEST_ASSERT_FALSE(bits.allows(0x88, 1));
  TEST_ASSERT_TRUE(bits.allows(0x89, 2));
}

void test_port_bits_top_of_space() {
  IoPortBits bits;
  bits.deny_all();
  bits.allow(PortRange{0xFFFC, 4});
  TEST_ASSERT_TRUE(bits.allows(0xFFFC, 4));
  TEST_ASSERT_TRUE(bits.allows(0xFFFF, 1));
  TEST_ASSERT_FALSE(bits.allows(0xFFFF, 2));  // port 0x10000 does not exist
  TEST_ASSERT_FALSE(bits.allows(0xFFFE, 4));
  IoByteWindow w = bits.tight_window(IoByteWindow{0, kIoBitmapByteCount});
  TEST_ASSERT_EQUAL_UINT32(0x1FFF, w.lo);
  TEST_ASSERT_EQUAL_UINT32(0x2000, w.hi);
}

void test_window_of_ranges() {
  TEST_ASSERT_TRUE((byte_window_of(PortRange{0x60, 5}) == IoByteWindow{12, 13}));
  TEST_ASSERT_TRUE((byte_window_of(PortRange{0x5F, 2}) == IoByteWindow{11, 13}));
  TEST_ASSERT_TRUE((byte_window_of(PortRange{0, 65536}) == IoByteWindow{0, 8192}));
  TEST_ASSERT_TRUE((IoByteWindow{}.united(IoByteWindow{3, 4}) == IoByteWindow{3, 4}));
  TEST_ASSERT_TRUE((IoByteWindow{10, 12}.united(IoByteWindow{3, 4}) == IoByteWindow{3, 12}));
}

// ---- the object
// ------------------------------------------------------------------------------------

void test_create_denies_all_with_fresh_sequence() {
  RefPtr<IoBitmap> a = make_bitmap();
  RefPtr<IoBitmap> b = make_bitmap();
  TEST_ASSERT_TRUE(a->sequence() != 0);
  TEST_ASSERT_TRUE(b->sequence() > a->sequence());
  TEST_ASSERT_TRUE(a->window().empty());
  TEST_ASSERT_FALSE(a->allows(0, 1));
  TEST_ASSERT_FALSE(a->allows(0xFFFF, 1));
  a->check_invariants();
}

void test_grant_opens_ports_sets_window_and_stamps() {
  RefPtr<IoBitmap> b = make_bitmap();
  const uint64_t s0 = b->sequence();
  TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(7, PortRange{0x60, 5}));
  TEST_ASSERT_TRUE(b->sequence() > s0);
  TEST_ASSERT_TRUE((b->window() == IoByteWindow{12, 13}));
  TEST_ASSERT_TRUE(b->allows(0x60, 4));
  TEST_ASSERT_TRUE(b->allows(0x64, 1));
  TEST_ASSERT_FALSE(b->allows(0x65, 1));
  TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(8, PortRange{0xFFF0, 16}));
  TEST_ASSERT_TRUE((b->window() == IoByteWindow{12, 8192}));
  b->check_invariants();
}

void test_overlapping_grants_keep_shared_ports_open() {
  RefPtr<IoBitmap> b = make_bitmap();
  TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(1, PortRange{0x60, 16}));  // 0x60..0x6F
  TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(2, PortRange{0x68, 16}));  // 0x68..0x77
  TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(3, PortRange{0x6C, 1}));   // inside both
  Result<IoInvalidation> r = b->revoke_grant(1, g_counters);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_TRUE(r.value().rights_removed);  // 0x60..0x67 closed
  TEST_ASSERT_FALSE(b->allows(0x67, 1));
  TEST_ASSERT_TRUE(b->allows(0x68, 16));
  TEST_ASSERT_TRUE((b->window() == IoByteWindow{13, 15}));
  // Removing grant 3 closes nothing: grant 2 still covers 0x6C.
  const uint64_t before = b->sequence();
  Result<IoInvalidation> r3 = b->revoke_grant(3, g_counters);
  TEST_ASSERT_TRUE(r3.is_ok());
  TEST_ASSERT_FALSE(r3.value().rights_removed);
  TEST_ASSERT_TRUE(r3.value().cpus.empty());
  TEST_ASSERT_TRUE(b->sequence() > before);  // still a change of the object (its grant list)
  TEST_ASSERT_TRUE(b->allows(0x6C, 1));
  Result<IoInvalidation> r2 = b->revoke_grant(2, g_counters);
  TEST_ASSERT_TRUE(r2.is_ok());
  TEST_ASSERT_TRUE(b->window().empty());
  b->check_invariants();
}

void test_rejected_grant_calls_leave_bitmap_identical() {
  RefPtr<IoBitmap> b = make_bitmap();
  TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(1, PortRange{0x3F8, 8}));
  const BitmapImage before = BitmapImage::of(b);
  TEST_ASSERT_EQUAL_INT((int)Status::kInvalidArgument, (int)b->add_grant(0, PortRange{0x60, 1}));
  TEST_ASSERT_EQUAL_INT((int)Status::kInvalidArgument, (int)b->add_grant(2, PortRange{0x60, 0}));
  TEST_ASSERT_EQUAL_INT((int)Status::kOutOfRange, (int)b->add_grant(2, PortRange{0xFFFF, 2}));
  TEST_ASSERT_EQUAL_INT((int)Status::kOverflow, (int)b->add_grant(2, PortRange{0xFFFFFFF0u, 0x20}));
  TEST_ASSERT_EQUAL_INT((int)Status::kAlreadyExists, (int)b->add_grant(1, PortRange{0x60, 1}));
  Result<IoInvalidation> r = b->revoke_grant(99, g_counters);
  TEST_ASSERT_EQUAL_INT((int)Status::kNotFound, (int)r.status());
  TEST_ASSERT_TRUE(BitmapImage::of(b) == before);
}

void test_grant_table_full_is_rejected_unchanged() {
  RefPtr<IoBitmap> b = make_bitmap();
  for (uint32_t i = 0; i < IoBitmap::kMaxGrants; ++i) {
    TEST_ASSERT_EQUAL_INT(0, (int)b->add_grant(100 + i, PortRange{0x100 + 3 * i, 2}));
  }
  const BitmapImage before = BitmapImage::of(b);
  TEST_ASSERT_EQUAL_INT((int)Status::kNoSpace, (int)b->add_grant(1, PortRange{0x60, 1}));
  TEST_ASSERT_TRUE(BitmapImage::of(b) == before);
  b->check_invariants();
}

// ---- tasks, sharing and copy on write
// ------------------------------------------------------------------

void test_enable_creates_bitmap_then_changes_in_place() {
  TaskIoPorts t;
  TEST_ASSERT_NULL(t.published());
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(1, PortRange{0x60, 1}, g_counters)));
  const IoBitmap* first = t.published();
  TEST_ASSERT_NOT_NULL(first);
  TEST_ASSERT_EQUAL_UINT32(1, t.bitmap()->sharer_count());
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(2, PortRange{0x64, 1}, g_counters)));
  TEST_ASSERT_EQUAL_PTR(first, t.published());  // private: no copy
  TEST_ASSERT_TRUE(t.allows(0x60, 1));
  TEST_ASSERT_TRUE(t.allows(0x64, 1));
  TEST_ASSERT_FALSE(t.allows(0x61, 1));
}

void test_spawn_shares_without_copy() {
  TaskIoPorts parent;
  TaskIoPorts child;
  TEST_ASSERT_EQUAL_INT(0, st(parent.enable(1, PortRange{0x60, 5}, g_counters)));
  const uint64_t seq = parent.bitmap()->sequence();
  TEST_ASSERT_EQUAL_INT(0, (int)child.share_from(parent));
  TEST_ASSERT_EQUAL_PTR(parent.published(), child.published());
  TEST_ASSERT_EQUAL_UINT32(2, parent.bitmap()->sharer_count());
  TEST_ASSERT_EQUAL_UINT64(seq, child.bitmap()->sequence());
  // A task without ports shares nothing.
  TaskIoPorts none;
  TaskIoPorts none_child;
  TEST_ASSERT_EQUAL_INT(0, (int)none_child.share_from(none));
  TEST_ASSERT_NULL(none_child.published());
}

void test_cow_enable_leaves_other_sharer_intact() {
  TaskIoPorts a;
  TaskIoPorts b;
  IoCounters counters;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, counters)));
  TEST_ASSERT_EQUAL_INT(0, (int)b.share_from(a));
  RefPtr<IoBitmap> shared = a.bitmap();
  const BitmapImage before = BitmapImage::of(shared);
  TEST_ASSERT_EQUAL_INT(0, st(b.enable(2, PortRange{0x3F8, 8}, counters)));
  TEST_ASSERT_TRUE(a.published() != b.published());
  TEST_ASSERT_EQUAL_UINT64(1, counters.cow_duplications);
  // The sharer sees nothing change, not even its sequence; only its sharer count dropped.
  BitmapImage after = BitmapImage::of(shared);
  TEST_ASSERT_EQUAL_UINT32(1, after.sharers);
  after.sharers = before.sharers;
  TEST_ASSERT_TRUE(after == before);
  TEST_ASSERT_FALSE(a.allows(0x3F8, 1));
  TEST_ASSERT_TRUE(b.allows(0x3F8, 1));
  TEST_ASSERT_TRUE(b.allows(0x60, 1));
  TEST_ASSERT_TRUE(b.bitmap()->sequence() > before.sequence);
  b.bitmap()->check_invariants();
}

void test_cow_disable_leaves_other_sharer_intact() {
  TaskIoPorts a;
  TaskIoPorts b;
  IoCounters counters;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, counters)));
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(2, PortRange{0x70, 1}, counters)));
  TEST_ASSERT_EQUAL_INT(0, (int)b.share_from(a));
  RefPtr<IoBitmap> shared = a.bitmap();
  const uint64_t seq = shared->sequence();
  Result<IoInvalidation> r = b.disable(1, counters);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_TRUE(r.value().rights_removed);
  TEST_ASSERT_EQUAL_PTR(shared.get(), r.value().bitmap.get());  // the old object is what CPUs hold
  TEST_ASSERT_EQUAL_UINT64(seq, shared->sequence());
  TEST_ASSERT_TRUE(a.allows(0x60, 1));
  TEST_ASSERT_FALSE(b.allows(0x60, 1));
  TEST_ASSERT_TRUE(b.allows(0x70, 1));
  TEST_ASSERT_EQUAL_UINT64(1, counters.cow_duplications);
}

void test_revoke_from_every_sharer_changes_shared_object_in_place() {
  TaskIoPorts a;
  TaskIoPorts b;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, (int)b.share_from(a));
  RefPtr<IoBitmap> shared = a.bitmap();
  const uint64_t seq = shared->sequence();
  Result<IoInvalidation> r = shared->revoke_grant(1, g_counters);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_PTR(shared.get(), a.published());
  TEST_ASSERT_EQUAL_PTR(shared.get(), b.published());
  TEST_ASSERT_TRUE(shared->sequence() > seq);
  TEST_ASSERT_FALSE(a.allows(0x60, 1));
  TEST_ASSERT_FALSE(b.allows(0x60, 1));
}

void test_rejected_task_calls_leave_state_identical() {
  TaskIoPorts a;
  TaskIoPorts b;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, (int)b.share_from(a));
  const BitmapImage before = BitmapImage::of(a.bitmap());
  // Shared, so each of these would duplicate first: the checks must come before.
  TEST_ASSERT_EQUAL_INT((int)Status::kAlreadyExists,
                        st(b.enable(1, PortRange{0x61, 1}, g_counters)));
  TEST_ASSERT_EQUAL_INT((int)Status::kOutOfRange,
                        st(b.enable(2, PortRange{0xFFF0, 17}, g_counters)));
  TEST_ASSERT_EQUAL_INT((int)Status::kNotFound, (int)b.disable(9, g_counters).status());
  TEST_ASSERT_EQUAL_INT((int)Status::kBadState, (int)b.share_from(a));
  TEST_ASSERT_EQUAL_INT((int)Status::kInvalidArgument, (int)a.share_from(a));
  fail_next_allocations(1);
  TEST_ASSERT_EQUAL_INT((int)Status::kNoMemory, st(b.enable(3, PortRange{0x70, 1}, g_counters)));
  fail_next_allocations(1);
  TEST_ASSERT_EQUAL_INT((int)Status::kNoMemory, (int)b.disable(1, g_counters).status());
  TEST_ASSERT_TRUE(BitmapImage::of(a.bitmap()) == before);
  TEST_ASSERT_TRUE(BitmapImage::of(b.bitmap()) == before);
  // A task without ports: a failed first allocation leaves it without ports.
  TaskIoPorts c;
  fail_next_allocations(1);
  TEST_ASSERT_EQUAL_INT((int)Status::kNoMemory, st(c.enable(1, PortRange{0x60, 1}, g_counters)));
  TEST_ASSERT_NULL(c.published());
}

// ---- the TSS slot rule
// -------------------------------------------------------------------------------------

void test_portless_switch_is_one_store_and_no_copy() {
  Cpu<4> cpu;
  TaskIoPorts none1;
  TaskIoPorts none2;
  cpu.state.switch_to(&none1);
  cpu.state.switch_to(&none2);
  cpu.state.switch_to(nullptr);
  TEST_ASSERT_EQUAL_UINT64(0, cpu.tss.bytes_written());
  TEST_ASSERT_EQUAL_UINT64(0, cpu.tss.map_base_stores());  // already invalid: nothing at all
  TEST_ASSERT_EQUAL_UINT64(0, cpu.tss.activations());
  TaskIoPorts driver;
  TEST_ASSERT_EQUAL_INT(0, st(driver.enable(1, PortRange{0x60, 5}, g_counters)));
  cpu.state.switch_to(&driver);
  const uint64_t stores = cpu.tss.map_base_stores();
  const uint64_t bytes = cpu.tss.bytes_written();
  cpu.state.switch_to(&none1);
  TEST_ASSERT_EQUAL_UINT64(stores + 1, cpu.tss.map_base_stores());  // the one store
  TEST_ASSERT_EQUAL_UINT64(bytes, cpu.tss.bytes_written());
  TEST_ASSERT_EQUAL_HEX16(fake_tss::kMapBaseInvalid, cpu.tss.map_base(cpu.tss.active_slot()));
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x60, 1));
  TEST_ASSERT_NULL(cpu.state.active_bitmap());
  TEST_ASSERT_TRUE(driver.bitmap()->active_cpus().empty());
}

void test_first_load_copies_only_the_window() {
  Cpu<1> cpu;
  TaskIoPorts t;
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(1, PortRange{0x60, 5}, g_counters)));
  cpu.state.switch_to(&t);
  TEST_ASSERT_EQUAL_UINT64(1, cpu.tss.bytes_written());
  TEST_ASSERT_EQUAL_UINT32(1, (uint32_t)cpu.tss.log().size() >= 1);
  const FakeTss::Event& write = cpu.tss.log()[0];
  TEST_ASSERT_EQUAL_INT(FakeTss::Event::kWrite, write.kind);
  TEST_ASSERT_EQUAL_UINT32(12, write.offset);
  TEST_ASSERT_EQUAL_UINT32(1, write.count);
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x60, 4));
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x64, 1));
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x64, 2));
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x5F, 1));
  TEST_ASSERT_TRUE(cpu.state.is_current_for(&t));
}

void test_same_sequence_copies_nothing() {
  Cpu<1> cpu;
  TaskIoPorts a;
  TaskIoPorts b;
  TaskIoPorts none;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, (int)b.share_from(a));
  cpu.state.switch_to(&a);
  const uint64_t bytes = cpu.tss.bytes_written();
  for (int i = 0; i < 10; ++i) {
    cpu.state.switch_to(&b);
    cpu.state.switch_to(&none);
    cpu.state.switch_to(&a);
  }
  TEST_ASSERT_EQUAL_UINT64(bytes, cpu.tss.bytes_written());
  TEST_ASSERT_EQUAL_UINT64(20, cpu.state.counters().slot_hits);
  TEST_ASSERT_EQUAL_UINT64(1, cpu.state.counters().slot_misses);
}

void test_refill_copies_union_of_old_and_new_window() {
  Cpu<1> cpu;
  TaskIoPorts low;
  TaskIoPorts low2;
  TaskIoPorts high;
  TEST_ASSERT_EQUAL_INT(0, st(low.enable(1, PortRange{0x60, 5}, g_counters)));     // byte 12
  TEST_ASSERT_EQUAL_INT(0, st(low2.enable(2, PortRange{0x80, 8}, g_counters)));    // byte 16
  TEST_ASSERT_EQUAL_INT(0, st(high.enable(3, PortRange{0xFFF0, 1}, g_counters)));  // byte 8190
  cpu.state.switch_to(&low);
  uint64_t bytes = cpu.tss.bytes_written();
  cpu.state.switch_to(&low2);
  TEST_ASSERT_EQUAL_UINT64(bytes + 5, cpu.tss.bytes_written());  // [12, 17)
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x60, 1));                // reset to 0xFF by the union copy
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x80, 4));
  bytes = cpu.tss.bytes_written();
  cpu.state.switch_to(&high);
  TEST_ASSERT_EQUAL_UINT64(bytes + (8191 - 16), cpu.tss.bytes_written());  // [16, 8191)
  bytes = cpu.tss.bytes_written();
  cpu.state.switch_to(&low);
  TEST_ASSERT_EQUAL_UINT64(bytes + (8191 - 12), cpu.tss.bytes_written());
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0xFFF0, 1));
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x60, 1));
}

void test_linux_and_naive_policies_for_comparison() {
  Cpu<1, LinuxPrefixCopy> linux_cpu;
  Cpu<1, AlwaysCopy> naive_cpu;
  TaskIoPorts a;
  TaskIoPorts b;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, st(b.enable(2, PortRange{0x61, 1}, g_counters)));
  linux_cpu.state.switch_to(&a);
  TEST_ASSERT_EQUAL_UINT64(16, linux_cpu.tss.bytes_written());  // [0, 16): max rounded to a long
  linux_cpu.state.switch_to(&a);
  TEST_ASSERT_EQUAL_UINT64(16, linux_cpu.tss.bytes_written());  // same sequence
  linux_cpu.state.switch_to(&b);
  TEST_ASSERT_EQUAL_UINT64(32, linux_cpu.tss.bytes_written());
  TEST_ASSERT_TRUE(linux_cpu.tss.cpu_allows(0x61, 1));
  TEST_ASSERT_FALSE(linux_cpu.tss.cpu_allows(0x60, 1));
  naive_cpu.state.switch_to(&a);
  naive_cpu.state.switch_to(&a);
  TEST_ASSERT_EQUAL_UINT64(2 * 8192, naive_cpu.tss.bytes_written());
  TEST_ASSERT_TRUE(naive_cpu.tss.cpu_allows(0x64, 1));
}

void test_slot_cache_hits_and_lru_refill() {
  Cpu<4> cpu;
  TaskIoPorts t[5];
  for (uint32_t i = 0; i < 5; ++i) {
    TEST_ASSERT_EQUAL_INT(0, st(t[i].enable(1, PortRange{0x100 * (i + 1), 8}, g_counters)));
  }
  for (uint32_t i = 0; i < 4; ++i) cpu.state.switch_to(&t[i]);  // fill slots 0..3
  TEST_ASSERT_EQUAL_UINT32(3, cpu.state.active_slot());
  const uint64_t bytes = cpu.tss.bytes_written();
  const uint64_t ltr = cpu.tss.activations();
  // Each bitmap already sits in a slot: activate it (one LTR), copy nothing.
  for (int round = 0; round < 3; ++round) {
    for (uint32_t i = 0; i < 4; ++i) {
      cpu.state.switch_to(&t[i]);
      TEST_ASSERT_EQUAL_UINT32(i, cpu.state.active_slot());
      TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x100 * (i + 1), 1));
    }
  }
  TEST_ASSERT_EQUAL_UINT64(bytes, cpu.tss.bytes_written());
  TEST_ASSERT_EQUAL_UINT64(ltr + 12, cpu.tss.activations());
  // Touch 0, 2, 3: slot 1 is least recently used and is the one refilled for t[4].
  cpu.state.switch_to(&t[0]);
  cpu.state.switch_to(&t[2]);
  cpu.state.switch_to(&t[3]);
  cpu.state.switch_to(&t[4]);
  TEST_ASSERT_EQUAL_UINT32(1, cpu.state.active_slot());
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x500, 1));
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x200, 1));  // t[1]'s bytes were reset by the union copy
  cpu.state.switch_to(&t[0]);
  TEST_ASSERT_EQUAL_UINT32(0, cpu.state.active_slot());
}

void test_changed_bitmap_is_not_matched_by_old_slot() {
  Cpu<4> cpu;
  TaskIoPorts t;
  TaskIoPorts other;
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(1, PortRange{0x60, 1}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, st(other.enable(1, PortRange{0x70, 1}, g_counters)));
  cpu.state.switch_to(&t);
  cpu.state.switch_to(&other);
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(2, PortRange{0x61, 1}, g_counters)));  // new sequence
  cpu.state.switch_to(&t);
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x61, 1));
  TEST_ASSERT_TRUE(cpu.state.is_current_for(&t));
}

// ---- revocation
// ------------------------------------------------------------------------------------------

void test_revocation_targets_only_cpus_with_bitmap_active() {
  std::vector<std::unique_ptr<Cpu<4>>> cpus;
  for (uint32_t c = 0; c < 4; ++c) cpus.push_back(std::make_unique<Cpu<4>>(c));
  TaskIoPorts driver;
  TaskIoPorts other;
  TEST_ASSERT_EQUAL_INT(0, st(driver.enable(1, PortRange{0x60, 5}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, st(other.enable(1, PortRange{0x70, 5}, g_counters)));
  // The driver ran on every CPU; now it is active on CPU 2 only. CPUs 0 and 1 keep its bitmap in an
  // inactive slot (they run `other`), CPU 3 runs a task without ports.
  for (auto& cpu : cpus) cpu->state.switch_to(&driver);
  cpus[0]->state.switch_to(&other);
  cpus[1]->state.switch_to(&other);
  cpus[3]->state.switch_to(nullptr);
  RefPtr<IoBitmap> bitmap = driver.bitmap();
  TEST_ASSERT_EQUAL_HEX64(0x4, bitmap->active_cpus().bits());
  IoCounters counters;
  Result<IoInvalidation> r = driver.disable(1, counters);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_HEX64(0x4, r.value().cpus.bits());
  TEST_ASSERT_EQUAL_UINT64(1, counters.revocation_targets);
  for (uint32_t c : r.value().cpus) cpus[c]->state.invalidate(r.value().bitmap.get());
  for (auto& cpu : cpus) TEST_ASSERT_FALSE(cpu->tss.cpu_allows(0x60, 1));
  // The inactive slots on CPUs 0 and 1 still hold the old bytes, but are matched by sequence first.
  cpus[0]->state.switch_to(&driver);
  TEST_ASSERT_FALSE(cpus[0]->tss.cpu_allows(0x60, 1));
  // Nothing active anywhere: no targets at all.
  TEST_ASSERT_EQUAL_INT(0, st(driver.enable(2, PortRange{0x80, 1}, counters)));
  cpus[0]->state.switch_to(nullptr);
  cpus[2]->state.switch_to(nullptr);
  Result<IoInvalidation> r2 = driver.disable(2, counters);
  TEST_ASSERT_TRUE(r2.is_ok());
  TEST_ASSERT_TRUE(r2.value().rights_removed);
  TEST_ASSERT_TRUE(r2.value().cpus.empty());
}

void test_cow_split_targets_cpus_of_old_object() {
  Cpu<1> cpu0(0);
  Cpu<1> cpu1(1);
  TaskIoPorts a;
  TaskIoPorts b;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 5}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, (int)b.share_from(a));
  cpu0.state.switch_to(&b);  // a thread of b
  cpu1.state.switch_to(&a);
  IoCounters counters;
  Result<IoInvalidation> r = b.disable(1, counters);
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_HEX64(0x3, r.value().cpus.bits());  // at most where the old object is active
  for (uint32_t c : r.value().cpus) (c == 0 ? cpu0 : cpu1).state.invalidate(r.value().bitmap.get());
  TEST_ASSERT_FALSE(cpu0.tss.cpu_allows(0x60, 1));
  // a still holds the port: its access faults once and is repaired without a copy (same sequence).
  const uint64_t bytes = cpu1.tss.bytes_written();
  TEST_ASSERT_FALSE(cpu1.tss.cpu_allows(0x60, 1));
  TEST_ASSERT_TRUE(cpu1.state.repair_fault(a, 0x60, 1));
  TEST_ASSERT_TRUE(cpu1.tss.cpu_allows(0x60, 1));
  TEST_ASSERT_EQUAL_UINT64(bytes, cpu1.tss.bytes_written());
  // b no longer does: a real fault.
  TEST_ASSERT_FALSE(cpu0.state.repair_fault(b, 0x60, 1));
}

void test_stale_copy_after_enable_elsewhere_is_repaired() {
  Cpu<4> cpu;
  TaskIoPorts t;
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(1, PortRange{0x60, 1}, g_counters)));
  cpu.state.switch_to(&t);
  // Another thread of t enables a port on another CPU: no IPI for added rights.
  TEST_ASSERT_EQUAL_INT(0, st(t.enable(2, PortRange{0x61, 2}, g_counters)));
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x61, 2));
  TEST_ASSERT_TRUE(cpu.state.repair_fault(t, 0x61, 2));
  TEST_ASSERT_TRUE(cpu.tss.cpu_allows(0x61, 2));
  TEST_ASSERT_EQUAL_UINT64(1, cpu.state.counters().stale_repairs);
  // Current and still denied: a real fault, never a repair loop.
  TEST_ASSERT_FALSE(cpu.state.repair_fault(t, 0x63, 1));
  TEST_ASSERT_FALSE(cpu.state.repair_fault(t, 0x62, 2));  // straddles the grant's edge
}

void test_exit_while_active_elsewhere_is_safe() {
  Cpu<2> cpu;
  auto t = std::make_unique<TaskIoPorts>();
  TEST_ASSERT_EQUAL_INT(0, st(t->enable(1, PortRange{0x60, 1}, g_counters)));
  cpu.state.switch_to(t.get());
  IoInvalidation r = t->clear(g_counters);
  TEST_ASSERT_EQUAL_HEX64(0x1, r.cpus.bits());
  cpu.state.invalidate(r.bitmap.get());
  r.bitmap.reset();
  t.reset();
  // The CPU still holds the only reference; switching away frees it (ASan checks the rest).
  TEST_ASSERT_FALSE(cpu.tss.cpu_allows(0x60, 1));
  cpu.state.switch_to(nullptr);
  TEST_ASSERT_NULL(cpu.state.active_bitmap());
}

// ---- the fake TSS as the CPU
// -------------------------------------------------------------------------

void test_fake_tss_reads_two_bytes_within_the_limit() {
  FakeTss with(1, true);
  FakeTss without(1, false);
  uint8_t zeros[16] = {};
  for (FakeTss* f : {&with, &without}) {
    f->write_bitmap(0, 8192 - 16, zeros, 16);  // ports 0xFF80..0xFFFF open
    f->set_io_map_base(0, true);
  }
  TEST_ASSERT_TRUE(with.cpu_allows(0xFFF8, 1));
  TEST_ASSERT_TRUE(with.cpu_allows(0xFFFF, 1));
  TEST_ASSERT_FALSE(with.cpu_allows(0xFFFF, 2));  // bit 8 lives in the trailing 0xFF byte
  TEST_ASSERT_TRUE(with.cpu_allows(0xFFFC, 4));
  TEST_ASSERT_FALSE(with.cpu_allows(0xFFFD, 4));
  // Without the trailing byte the last bitmap byte's partner is past the limit: all of it faults.
  TEST_ASSERT_FALSE(without.cpu_allows(0xFFF8, 1));
  TEST_ASSERT_FALSE(without.cpu_allows(0xFFFF, 1));
  TEST_ASSERT_TRUE(without.cpu_allows(0xFFF0, 1));
  TEST_ASSERT_EQUAL_HEX8(0xFF, with.trailing_byte(0));
  // Invalid map base: everything faults.
  with.set_io_map_base(0, false);
  TEST_ASSERT_FALSE(with.cpu_allows(0xFFF8, 1));
  TEST_ASSERT_FALSE(with.cpu_allows(0, 1));
}

void test_fake_tss_wide_access_across_byte_boundary() {
  FakeTss f(1);
  uint8_t bytes[2] = {0x7F, 0xF0};  // port 0x87 and 0x88..0x8B open (bytes 0x10, 0x11)
  f.write_bitmap(0, 0x10, bytes, 2);
  f.set_io_map_base(0, true);
  TEST_ASSERT_TRUE(f.cpu_allows(0x87, 4));
  TEST_ASSERT_TRUE(f.cpu_allows(0x87, 2));
  TEST_ASSERT_FALSE(f.cpu_allows(0x86, 2));
  TEST_ASSERT_TRUE(f.cpu_allows(0x88, 4));
  TEST_ASSERT_FALSE(f.cpu_allows(0x89, 4));
}

// ---- the checker must bite
// -----------------------------------------------------------------------------

void test_simulator_catches_dropped_ipis() {
  // A kernel that skips the invalidation must be caught by the invariant checks.
  bool caught = false;
  for (uint32_t seed = 1; seed < 200 && !caught; ++seed) {
    io_sim::Simulator<1> sim(2, /*drop_ipis=*/true);
    std::vector<uint8_t> input;
    uint32_t x = seed * 2654435761u;
    for (int i = 0; i < 600; ++i) {
      x = x * 1103515245u + 12345u;
      input.push_back(static_cast<uint8_t>(x >> 16));
    }
    caught = !sim.run(input.data(), input.size()).empty();
  }
  TEST_ASSERT_TRUE_MESSAGE(caught, "dropping invalidations went unnoticed");
}

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_port_bits_allow_deny_and_width);
  RUN_TEST(test_port_bits_top_of_space);
  RUN_TEST(test_window_of_ranges);
  RUN_TEST(test_create_denies_all_with_fresh_sequence);
  RUN_TEST(test_grant_opens_ports_sets_window_and_stamps);
  RUN_TEST(test_overlapping_grants_keep_shared_ports_open);
  RUN_TEST(test_rejected_grant_calls_leave_bitmap_identical);
  RUN_TEST(test_grant_table_full_is_rejected_unchanged);
  RUN_TEST(test_enable_creates_bitmap_then_changes_in_place);
  RUN_TEST(test_spawn_shares_without_copy);
  RUN_TEST(test_cow_enable_leaves_other_sharer_intact);
  RUN_TEST(test_cow_disable_leaves_other_sharer_intact);
  RUN_TEST(test_revoke_from_every_sharer_changes_shared_object_in_place);
  RUN_TEST(test_rejected_task_calls_leave_state_identical);
  RUN_TEST(test_portless_switch_is_one_store_and_no_copy);
  RUN_TEST(test_first_load_copies_only_the_window);
  RUN_TEST(test_same_sequence_copies_nothing);
  RUN_TEST(test_refill_copies_union_of_old_and_new_window);
  RUN_TEST(test_linux_and_naive_policies_for_comparison);
  RUN_TEST(test_slot_cache_hits_and_lru_refill);
  RUN_TEST(test_changed_bitmap_is_not_matched_by_old_slot);
  RUN_TEST(test_revocation_targets_only_cpus_with_bitmap_active);
  RUN_TEST(test_cow_split_targets_cpus_of_old_object);
  RUN_TEST(test_stale_copy_after_enable_elsewhere_is_repaired);
  RUN_TEST(test_exit_while_active_elsewhere_is_safe);
  RUN_TEST(test_fake_tss_reads_two_bytes_within_the_limit);
  RUN_TEST(test_fake_tss_wide_access_across_byte_boundary);
  RUN_TEST(test_simulator_catches_dropped_ipis);
  return UNITY_END();
}
