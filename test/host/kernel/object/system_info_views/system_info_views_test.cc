// The views system_info copies out, over the portable engines:
//   - BasicTssIoState::view: slot count, the active slot, the active bitmap's id, the LRU clock and
//     stamps; each slot names the bitmap it was loaded for, and a slot matched by sequence for a
//     copy-on-write duplicate (same sequence, another object) names the duplicate;
//   - CapSpace::describe: the non-empty slots in order with type, rights, range, depth, use and
//     parent (none for an original, the owner's task id and slot for a live one, dead under a
//     deleted one); the total when the room is smaller; the detail callback's figures.
#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/task_io_ports.h"
#include "test/host/kernel/object/fake_tss.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

IoCounters g_counters;

int st(const Result<IoInvalidation>& r) { return static_cast<int>(r.status()); }

struct Cpu {
  Cpu() : tss(4, true, false), state(0, tss) {}
  FakeTss tss;
  BasicTssIoState<4, WindowCopy> state;
};

}  // namespace

void test_tss_view_names_each_slots_bitmap() {
  Cpu cpu;
  IoTssView view;
  cpu.state.view(&view);
  TEST_ASSERT_EQUAL_UINT32(4, view.slot_count);
  TEST_ASSERT_EQUAL_UINT32(0, view.active_slot);
  TEST_ASSERT_EQUAL_UINT64(0, view.active_bitmap_id);
  for (uint32_t i = 0; i < 4; ++i) {
    TEST_ASSERT_EQUAL_UINT64(0, view.slots[i].bitmap_id);
    TEST_ASSERT_EQUAL_UINT64(0, view.slots[i].sequence);
    TEST_ASSERT_FALSE(view.slots[i].map_valid);
  }
  TaskIoPorts a;
  TaskIoPorts b;
  TEST_ASSERT_EQUAL_INT(0, st(a.enable(1, PortRange{0x60, 1}, g_counters)));
  TEST_ASSERT_EQUAL_INT(0, st(b.enable(2, PortRange{0x3F8, 8}, g_counters)));
  cpu.state.switch_to(&a);
  cpu.state.switch_to(&b);
  cpu.state.view(&view);
  const RefPtr<IoBitmap> bitmap_a = a.bitmap();
  const RefPtr<IoBitmap> bitmap_b = b.bitmap();
  TEST_ASSERT_EQUAL_UINT64(bitmap_b->id(), view.active_bitmap_id);
  const IoTssSlotView& active = view.slots[view.active_slot];
  TEST_ASSERT_EQUAL_UINT64(bitmap_b->id(), active.bitmap_id);
  TEST_ASSERT_EQUAL_UINT64(bitmap_b->sequence(), active.sequence);
  TEST_ASSERT_TRUE(active.map_valid);
  TEST_ASSERT_EQUAL_UINT64(view.clock, active.last_use);
  uint32_t holding_a = 0;
  for (uint32_t i = 0; i < 4; ++i) {
    if (view.slots[i].bitmap_id != bitmap_a->id()) continue;
    ++holding_a;
    TEST_ASSERT_EQUAL_UINT64(bitmap_a->sequence(), view.slots[i].sequence);
    TEST_ASSERT_TRUE(view.slots[i].last_use < view.clock);
    TEST_ASSERT_EQUAL_UINT32(0x60 / 8, view.slots[i].dirty.lo);
  }
  TEST_ASSERT_EQUAL_UINT32(1, holding_a);
  TEST_ASSERT_EQUAL_UINT64(bitmap_a->id(), cpu.state.slot_bitmap_id(1 - view.active_slot));
  // A task that shares a's bitmap and then changes nothing keeps the object; one made from a
  // copy (same sequence, another id) is matched by sequence, and the slot then names the copy.
  const RefPtr<IoBitmap> copy = bitmap_a->duplicate().release_value();
  TEST_ASSERT_EQUAL_UINT64(bitmap_a->sequence(), copy->sequence());
  TaskIoPorts c;
  TEST_ASSERT_EQUAL_INT(0, st(c.attach(copy, g_counters)));
  const uint64_t writes = cpu.tss.bytes_written();
  cpu.state.switch_to(&c);
  TEST_ASSERT_EQUAL_UINT64(writes, cpu.tss.bytes_written());  // a hit: nothing copied
  cpu.state.view(&view);
  TEST_ASSERT_EQUAL_UINT64(copy->id(), view.active_bitmap_id);
  TEST_ASSERT_EQUAL_UINT64(copy->id(), view.slots[view.active_slot].bitmap_id);
  // Leaving for a task without ports: no active bitmap, the slot keeps its content.
  TaskIoPorts none;
  cpu.state.switch_to(&none);
  cpu.state.view(&view);
  TEST_ASSERT_EQUAL_UINT64(0, view.active_bitmap_id);
  TEST_ASSERT_EQUAL_UINT64(copy->id(), view.slots[view.active_slot].bitmap_id);
  TEST_ASSERT_FALSE(view.slots[view.active_slot].map_valid);
  (void)a.clear(g_counters);
  (void)b.clear(g_counters);
  (void)c.clear(g_counters);
}

namespace {

uint32_t g_detail_calls = 0;
void count_detail(const KernelObject&, CapSlotView& view) {
  ++g_detail_calls;
  view.has_object_detail = true;
  view.object_base = 77;
}

}  // namespace

void test_describe_lists_slots_with_parents() {
  RefPtr<CapSpace> a = CapSpace::create(16).release_value();
  RefPtr<CapSpace> b = CapSpace::create(16).release_value();
  a->set_owner_task_id(5);
  b->set_owner_task_id(9);
  TEST_ASSERT_TRUE(a->insert_io_ports_root(3).is_ok());
  TEST_ASSERT_TRUE(a->mint(3, *b, 7, kCapRead, 0x60, 4).is_ok());
  TEST_ASSERT_TRUE(b->copy(7, *b, 8, kCapRead).is_ok());
  CapSlotView views[4];
  TEST_ASSERT_EQUAL_UINT32(2, b->describe(views, 4, nullptr));
  TEST_ASSERT_EQUAL_UINT32(7, views[0].slot);
  TEST_ASSERT_TRUE(views[0].info.type == CapabilityType::kIoPorts);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, views[0].info.rights);
  TEST_ASSERT_EQUAL_UINT64(0x60, views[0].info.range.base);
  TEST_ASSERT_EQUAL_UINT64(4, views[0].info.range.size);
  TEST_ASSERT_EQUAL_UINT32(1, views[0].depth);
  TEST_ASSERT_TRUE(views[0].parent == CapSlotView::Parent::kLive);
  TEST_ASSERT_EQUAL_UINT32(5, views[0].parent_task_id);
  TEST_ASSERT_EQUAL_UINT32(3, views[0].parent_slot);
  TEST_ASSERT_FALSE(views[0].in_use);
  TEST_ASSERT_EQUAL_UINT32(8, views[1].slot);
  TEST_ASSERT_EQUAL_UINT32(9, views[1].parent_task_id);
  TEST_ASSERT_EQUAL_UINT32(7, views[1].parent_slot);
  TEST_ASSERT_EQUAL_UINT32(2, views[1].depth);
  // The original has no parent; less room still counts everything.
  TEST_ASSERT_EQUAL_UINT32(1, a->describe(views, 1, nullptr));
  TEST_ASSERT_TRUE(views[0].parent == CapSlotView::Parent::kNone);
  TEST_ASSERT_EQUAL_UINT32(0, views[0].depth);
  TEST_ASSERT_EQUAL_UINT32(2, b->describe(views, 1, nullptr));
  TEST_ASSERT_EQUAL_UINT32(2, b->describe(nullptr, 0, nullptr));
  // A deleted parent with a child stays as a dead node.
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(b->remove(7)));
  TEST_ASSERT_EQUAL_UINT32(1, b->describe(views, 4, nullptr));
  TEST_ASSERT_EQUAL_UINT32(8, views[0].slot);
  TEST_ASSERT_TRUE(views[0].parent == CapSlotView::Parent::kDead);
  TEST_ASSERT_EQUAL_UINT32(0, views[0].parent_task_id);
  // The detail callback runs for slots with an object only (a range capability has none here).
  RefPtr<IoBitmap> bitmap = IoBitmap::create().release_value();
  TEST_ASSERT_TRUE(b->insert(10, CapabilityType::kIoBitmap, bitmap, kCapRead).is_ok());
  g_detail_calls = 0;
  TEST_ASSERT_EQUAL_UINT32(2, b->describe(views, 4, count_detail));
  TEST_ASSERT_EQUAL_UINT32(1, g_detail_calls);
  TEST_ASSERT_FALSE(views[0].has_object_detail);
  TEST_ASSERT_TRUE(views[1].has_object_detail);
  TEST_ASSERT_EQUAL_UINT64(77, views[1].object_base);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_tss_view_names_each_slots_bitmap);
  RUN_TEST(test_describe_lists_slots_with_parents);
  return UNITY_END();
}
