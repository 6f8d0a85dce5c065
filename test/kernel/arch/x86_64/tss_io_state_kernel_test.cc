// The I/O-bitmap engine on real (emulated) TSS hardware, on every CPU at once: each CPU's own
// TssIoState over X86TssIoHardware switches between tasks with low and high ports through LTR of
// different slots (busy bits handled), copies the right bytes into the right slot, hits on the way
// back (zero bytes), goes portless with one store, and a revocation invalidates exactly the CPUs
// that have the bitmap active (apply_io_invalidation), after which the stale-fault repair reloads
// only ports the task still holds.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/tss_io_hardware.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/object/io_port_revocation.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

// Findings per CPU, written by the CPU itself and checked on the caller (where Unity may fail).
struct Findings {
  uint16_t tr_low, tr_high, tr_low_again, tr_portless;
  uint32_t slot_low, slot_high;
  uint8_t low_byte, low_neighbours_ff, high_byte, high_neighbours_ff, trailing;
  bool low_slot_kept_after_high;
  uint64_t bytes_on_return;
  uint64_t hits_on_return;
  bool portless_base_invalid;
  bool invalidated;
  bool repair_refused_revoked;
  bool repair_reloaded_regranted;
  uint8_t regranted_byte;
  bool repair_refused_other_port;
};

Findings g_findings[kMaxCpus];
constinit TaskIoPorts g_low_task;   // ports 0x60-0x64 (bitmap byte 12)
constinit TaskIoPorts g_high_task;  // ports 0xFFF0-0xFFF4 (bitmap byte 8190)
IoCounters g_change_counters;

uint16_t task_register() {
  uint16_t tr;
  asm volatile("str %0" : "=r"(tr));
  return tr;
}

const TssBlock& active_block() {
  return *this_cpu()->tss_slots[this_cpu()->io_state->active_slot()];
}

void switch_around(void*) {
  PerCpu* cpu = this_cpu();
  Findings& f = g_findings[cpu->index];
  TssIoState& s = *cpu->io_state;

  s.switch_to(&g_low_task);
  f.tr_low = task_register();
  f.slot_low = s.active_slot();
  f.low_byte = active_block().io_bitmap[12];
  f.low_neighbours_ff =
      active_block().io_bitmap[11] & active_block().io_bitmap[13] & active_block().io_bitmap[8191];
  f.trailing = active_block().io_bitmap_end;

  s.switch_to(&g_high_task);
  f.tr_high = task_register();
  f.slot_high = s.active_slot();
  f.high_byte = active_block().io_bitmap[8190];
  f.high_neighbours_ff = active_block().io_bitmap[8189] & active_block().io_bitmap[8191] &
                         active_block().io_bitmap[12];
  f.low_slot_kept_after_high = cpu->tss_slots[f.slot_low]->io_bitmap[12] == f.low_byte;

  const IoCounters before = s.counters();
  s.switch_to(&g_low_task);
  f.tr_low_again = task_register();
  f.bytes_on_return = s.counters().bytes_copied - before.bytes_copied;
  f.hits_on_return = s.counters().slot_hits - before.slot_hits;

  s.switch_to(nullptr);
  f.tr_portless = task_register();
  f.portless_base_invalid = active_block().tss.io_map_base == kIoMapBaseInvalid;

  s.switch_to(&g_low_task);  // every CPU ends with the low task's bitmap active
}

void record_invalidated(void*) {
  g_findings[this_cpu()->index].invalidated = active_block().tss.io_map_base == kIoMapBaseInvalid;
}

void try_repair_revoked(void*) {
  Findings& f = g_findings[this_cpu()->index];
  f.repair_refused_revoked = !arch::io_ports_repair(g_low_task, 0x61, 1);
}

void try_repair_regranted(void*) {
  Findings& f = g_findings[this_cpu()->index];
  f.repair_reloaded_regranted = arch::io_ports_repair(g_low_task, 0x60, 1) &&
                                active_block().tss.io_map_base == kIoMapBaseValid;
  f.regranted_byte = active_block().io_bitmap[12];
  f.repair_refused_other_port = !arch::io_ports_repair(g_low_task, 0x62, 1);
}

// Leave every CPU as a switch to a task without ports would: nothing active, every port faulting.
void go_portless(void*) { arch::io_ports_switch_to(nullptr); }

void test_switches_revocation_and_repair_on_every_cpu() {
  const CpuSet online = arch::online_cpus();
  TEST_ASSERT_TRUE(g_low_task.enable(1, PortRange{0x60, 5}, g_change_counters).is_ok());
  TEST_ASSERT_TRUE(g_high_task.enable(1, PortRange{0xFFF0, 5}, g_change_counters).is_ok());
  cross_cpu_call(online, switch_around, nullptr);

  for (uint32_t cpu : online) {
    const Findings& f = g_findings[cpu];
    TEST_ASSERT_EQUAL_HEX16(tss_selector(f.slot_low), f.tr_low);
    TEST_ASSERT_EQUAL_HEX8(0xE0, f.low_byte);  // ports 0x60-0x64 open: bits 0-4 of byte 12 clear
    TEST_ASSERT_EQUAL_HEX8(0xFF, f.low_neighbours_ff);
    TEST_ASSERT_EQUAL_HEX8(0xFF, f.trailing);
    if (kIoTssSlots > 1) {
      TEST_ASSERT_TRUE(f.slot_high != f.slot_low);  // a second slot, by LTR
      TEST_ASSERT_TRUE(f.low_slot_kept_after_high);
      TEST_ASSERT_EQUAL_UINT64(0, f.bytes_on_return);  // back to the low task: a slot hit
      TEST_ASSERT_EQUAL_UINT64(1, f.hits_on_return);
    }
    TEST_ASSERT_EQUAL_HEX16(tss_selector(f.slot_high), f.tr_high);
    TEST_ASSERT_EQUAL_HEX8(0xE0, f.high_byte);  // ports 0xFFF0-0xFFF4: byte 8190
    TEST_ASSERT_EQUAL_HEX8(0xFF, f.high_neighbours_ff);
    TEST_ASSERT_EQUAL_HEX16(f.tr_low, f.tr_low_again);
    TEST_ASSERT_EQUAL_HEX16(f.tr_low_again, f.tr_portless);  // portless: no LTR, one store
    TEST_ASSERT_TRUE(f.portless_base_invalid);
  }

  // Revoke: every CPU has the low bitmap active, so exactly the online CPUs are targets.
  Result<IoInvalidation> revoked = g_low_task.disable(1, g_change_counters);
  TEST_ASSERT_TRUE(revoked.is_ok());
  TEST_ASSERT_TRUE(revoked.value().rights_removed);
  TEST_ASSERT_EQUAL_HEX64(online.bits(), revoked.value().cpus.bits());
  apply_io_invalidation(revoked.value());  // returns once every named CPU has invalidated
  cross_cpu_call(online, record_invalidated, nullptr);
  cross_cpu_call(online, try_repair_revoked, nullptr);
  for (uint32_t cpu : online) {
    TEST_ASSERT_TRUE(g_findings[cpu].invalidated);
    TEST_ASSERT_TRUE(g_findings[cpu].repair_refused_revoked);  // a real violation, not a stale copy
  }

  // Re-grant one port in place (adds rights: nobody is interrupted); each CPU's next fault on it
  // reloads, and the reloaded slot opens port 0x60 only.
  Result<IoInvalidation> regranted = g_low_task.enable(2, PortRange{0x60, 1}, g_change_counters);
  TEST_ASSERT_TRUE(regranted.is_ok());
  TEST_ASSERT_TRUE(regranted.value().cpus.empty());
  cross_cpu_call(online, try_repair_regranted, nullptr);
  for (uint32_t cpu : online) {
    TEST_ASSERT_TRUE(g_findings[cpu].repair_reloaded_regranted);
    TEST_ASSERT_EQUAL_HEX8(0xFE, g_findings[cpu].regranted_byte);
    TEST_ASSERT_TRUE(g_findings[cpu].repair_refused_other_port);
  }

  cross_cpu_call(online, go_portless, nullptr);
  const IoInvalidation low_gone = g_low_task.clear(g_change_counters);
  const IoInvalidation high_gone = g_high_task.clear(g_change_counters);
  TEST_ASSERT_TRUE(low_gone.cpus.empty());  // no CPU has them active any more: nobody to interrupt
  TEST_ASSERT_TRUE(high_gone.cpus.empty());
}

int run_tss_io_state_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_switches_revocation_and_repair_on_every_cpu);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_tss_io_state_kernel_tests);
