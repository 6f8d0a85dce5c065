// In-kernel tests of the x86-64 per-CPU descriptors on every CPU: the loaded GDT and task register,
// every TSS slot agreeing with what the CPU's TssIoState records (map base valid exactly where it
// says, every byte outside the slot's recorded window 0xFF, the trailing byte 0xFF), all user port
// access denied while no task with ports is loaded, the descriptor limit covering bitmap and
// trailing byte, RSP0 current in the loaded slot (the others get it when loaded) and the same IST
// stacks in every slot, and GS pointing at the CPU's own per-CPU block.
#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/cross_cpu_call.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

// What each CPU found; checked afterwards on the boot CPU, where Unity may fail a test.
struct CpuFindings {
  uint16_t task_register;
  uint16_t expected_task_register;
  bool gdt_is_own;
  bool gs_is_own;
  bool slots_match_state;
  bool denies_all_ports;
  bool bitmaps_all_ones;
  bool limits_cover_bitmap;
  bool stacks_agree;
};

CpuFindings g_findings[kMaxCpus];

uint32_t descriptor_limit(const Gdt& gdt, uint32_t slot) {
  const uint64_t low = gdt.entries[tss_selector(slot) / 8];
  return static_cast<uint32_t>((low & 0xFFFF) | (((low >> 48) & 0xF) << 16));
}

void inspect_this_cpu(void*) {
  PerCpu* cpu = this_cpu();
  CpuFindings& f = g_findings[cpu->index];
  asm volatile("str %0" : "=r"(f.task_register));
  DescriptorPointer gdtr;
  asm volatile("sgdt %0" : "=m"(gdtr));
  f.gdt_is_own = gdtr.base == reinterpret_cast<uint64_t>(&cpu->gdt);
  f.gs_is_own = x86::rdmsr(x86::kMsrGsBase) == reinterpret_cast<uint64_t>(cpu) && cpu->self == cpu;
  f.slots_match_state = f.bitmaps_all_ones = f.limits_cover_bitmap = f.stacks_agree = true;
  const TssIoState& io = *cpu->io_state;
  f.expected_task_register = tss_selector(io.active_slot());
  // No task with ports runs here now (every test leaves its CPU portless): the active slot's map
  // base lies past the limit, so every user port access faults.
  f.denies_all_ports = io.active_bitmap() == nullptr &&
                       cpu->tss_slots[io.active_slot()]->tss.io_map_base > kTssLimit;
  if (cpu->active_tss_slot != io.active_slot() ||
      cpu->loaded_rsp0 != tss_rsp0_field(cpu->tss_slots[cpu->active_tss_slot]->tss)) {
    f.slots_match_state = false;
  }
  for (uint32_t slot = 0; slot < kIoTssSlots; ++slot) {
    const TssBlock* t = cpu->tss_slots[slot];
    const uint16_t base = io.slot_base_valid(slot) ? kIoMapBaseValid : kIoMapBaseInvalid;
    if (t->tss.io_map_base != base) f.slots_match_state = false;
    const IoByteWindow window = io.slot_window(slot);
    for (uint32_t i = 0; i < kIoBitmapByteCount; ++i) {
      if ((i < window.lo || i >= window.hi) && t->io_bitmap[i] != 0xFF) f.bitmaps_all_ones = false;
    }
    if (t->io_bitmap_end != 0xFF) f.bitmaps_all_ones = false;
    if (descriptor_limit(cpu->gdt, slot) != kTssLimit) f.limits_cover_bitmap = false;
    const TssBlock* first = cpu->tss_slots[0];
    const bool loaded = slot == cpu->active_tss_slot;
    if ((loaded && t->tss.rsp[0] != cpu->kernel_stack_top) || t->tss.ist[0] == 0 ||
        t->tss.ist[1] == 0 || t->tss.ist[2] == 0 || t->tss.ist[0] != first->tss.ist[0] ||
        t->tss.ist[1] != first->tss.ist[1]) {
      f.stacks_agree = false;
    }
  }
}

void test_every_cpu_has_its_own_descriptors_and_denies_all_ports() {
  const CpuSet online = arch::online_cpus();
  cross_cpu_call(online, inspect_this_cpu, nullptr);
  for (uint32_t cpu : online) {
    const CpuFindings& f = g_findings[cpu];
    TEST_ASSERT_EQUAL_HEX16(f.expected_task_register, f.task_register);
    TEST_ASSERT_TRUE(f.gdt_is_own);
    TEST_ASSERT_TRUE(f.gs_is_own);
    TEST_ASSERT_TRUE(f.slots_match_state);
    TEST_ASSERT_TRUE(f.denies_all_ports);
    TEST_ASSERT_TRUE(f.bitmaps_all_ones);
    TEST_ASSERT_TRUE(f.limits_cover_bitmap);
    TEST_ASSERT_TRUE(f.stacks_agree);
  }
}

void test_tss_slots_do_not_overlap_between_cpus() {
  const CpuSet online = arch::online_cpus();
  for (uint32_t a : online) {
    for (uint32_t b : online) {
      if (a == b) continue;
      for (uint32_t s = 0; s < kIoTssSlots; ++s) {
        TEST_ASSERT_TRUE(per_cpu(a)->tss_slots[s] != per_cpu(b)->tss_slots[s]);
      }
    }
  }
}

int run_descriptors_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_every_cpu_has_its_own_descriptors_and_denies_all_ports);
  RUN_TEST(test_tss_slots_do_not_overlap_between_cpus);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_descriptors_kernel_tests);
