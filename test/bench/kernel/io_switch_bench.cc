// bench=io-switch: what the I/O-bitmap part of a context switch costs on the real TSS slots, per
// policy, in guest instructions (QEMU -icount shift=0 makes rdtsc count them; rep movsq is one tick
// per 8 bytes). It times TssIoState::switch_to over X86TssIoHardware alternating between two tasks:
// the extra work a switch pays for ports, to set beside Linux 6.1's "vs no ioperm" column in
// docs/benchmarking.md (+165 shared, +194 low ports, +1215 high ports).
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/tss_io_hardware.h"
#include "kernel/console.h"
#include "kernel/lib/irq_state.h"
#include "test/bench/io_copy_policies.h"
#include "test/bench/kernel/kernel_bench.h"

namespace {

constexpr uint32_t kSamples = 401;  // odd: the median is one sample
IoCounters g_counters;

constinit TaskIoPorts g_none_a, g_none_b;      // no ports
constinit TaskIoPorts g_shared_a, g_shared_b;  // one bitmap, 0x60-0x64, shared by spawn
constinit TaskIoPorts g_low_a, g_low_b;        // two bitmaps, 0x60-0x64 and 0x70-0x71
constinit TaskIoPorts g_high_a, g_high_b;      // two bitmaps, 0xFFF0-0xFFF4 and 0xFFE0-0xFFE1
constinit TaskIoPorts g_mixed_low, g_mixed_high;

struct Workload {
  const char* name;
  TaskIoPorts* a;
  TaskIoPorts* b;
};

const Workload kWorkloads[] = {
    {"2 tasks, no ports", &g_none_a, &g_none_b},
    {"2 tasks, one shared bitmap", &g_shared_a, &g_shared_b},
    {"2 bitmaps, low ports", &g_low_a, &g_low_b},
    {"2 bitmaps, high ports", &g_high_a, &g_high_b},
    {"1 low-port + 1 high-port task", &g_mixed_low, &g_mixed_high},
};
constexpr uint32_t kWorkloadCount = sizeof(kWorkloads) / sizeof(kWorkloads[0]);

uint64_t g_samples[kSamples];

uint64_t median(uint64_t* v, uint32_t n) {
  for (uint32_t i = 1; i < n; ++i) {  // insertion sort: n is small and this runs once per cell
    const uint64_t x = v[i];
    uint32_t j = i;
    for (; j > 0 && v[j - 1] > x; --j) v[j] = v[j - 1];
    v[j] = x;
  }
  return v[n / 2];
}

uint64_t rdtsc_pair_cost() {
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = x86::rdtsc();
    const uint64_t t1 = x86::rdtsc();
    g_samples[i] = t1 - t0;
  }
  return median(g_samples, kSamples);
}

void reset_slots(PerCpu* cpu) {
  for (uint32_t slot = 0; slot < kIoTssSlots; ++slot) {
    __builtin_memset(cpu->tss_slots[slot]->io_bitmap, 0xFF, kIoBitmapByteCount);
    cpu->tss_slots[slot]->tss.io_map_base = kIoMapBaseInvalid;
  }
  X86TssIoHardware(cpu).activate(0);
}

struct Cell {
  uint64_t ticks;
  uint64_t bytes;  // per switch
};

template <uint32_t kSlots, IoCopyPolicy Copy>
Cell measure(PerCpu* cpu, const Workload& w, uint64_t overhead) {
  reset_slots(cpu);
  X86TssIoHardware hardware(cpu);
  Cell cell{};
  {
    BasicTssIoState<kSlots, Copy> state(cpu->index, hardware);
    for (uint32_t i = 0; i < 8; ++i) state.switch_to(i % 2 ? w.b : w.a);  // warm the slots
    const uint64_t bytes_before = state.counters().bytes_copied;
    for (uint32_t i = 0; i < kSamples; ++i) {
      TaskIoPorts* next = i % 2 ? w.a : w.b;
      const uint64_t t0 = x86::rdtsc();
      state.switch_to(next);
      const uint64_t t1 = x86::rdtsc();
      g_samples[i] = t1 - t0 - overhead;
    }
    cell.bytes = (state.counters().bytes_copied - bytes_before) / kSamples;
    cell.ticks = median(g_samples, kSamples);
    state.switch_to(nullptr);
  }
  reset_slots(cpu);
  return cell;
}

// One column per engine instance: slot count and copy policy are compile-time parameters.
struct Policy {
  const char* name;
  Cell (*measure)(PerCpu* cpu, const Workload& w, uint64_t overhead);
};
const Policy kPolicies[] = {
    {"naive (8 KiB)", measure<1, AlwaysCopy>},
    {"Linux 5.5", measure<1, LinuxPrefixCopy>},
    {"window K=1", measure<1, WindowCopy>},
    {"window K=4", measure<4, WindowCopy>},
};
constexpr uint32_t kPolicyCount = sizeof(kPolicies) / sizeof(kPolicies[0]);

Status set_up_tasks() {
  TRY(g_shared_a.enable(1, PortRange{0x60, 5}, g_counters).status());
  TRY(g_shared_b.share_from(g_shared_a));
  TRY(g_low_a.enable(1, PortRange{0x60, 5}, g_counters).status());
  TRY(g_low_b.enable(1, PortRange{0x70, 2}, g_counters).status());
  TRY(g_high_a.enable(1, PortRange{0xFFF0, 5}, g_counters).status());
  TRY(g_high_b.enable(1, PortRange{0xFFE0, 2}, g_counters).status());
  TRY(g_mixed_low.enable(1, PortRange{0x60, 5}, g_counters).status());
  TRY(g_mixed_high.enable(1, PortRange{0xFFF0, 5}, g_counters).status());
  return Status::kOk;
}

void tear_down_tasks() {
  TaskIoPorts* all[] = {&g_none_a, &g_none_b, &g_shared_a, &g_shared_b,  &g_low_a,
                        &g_low_b,  &g_high_a, &g_high_b,   &g_mixed_low, &g_mixed_high};
  for (TaskIoPorts* t : all) (void)t->clear(g_counters);
}

void print_raw_costs(PerCpu* cpu, uint64_t overhead) {
  X86TssIoHardware hardware(cpu);
  static uint8_t source[kIoBitmapByteCount];
  __builtin_memset(source, 0xFF, sizeof source);
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = x86::rdtsc();
    hardware.activate(kIoTssSlots > 1 ? 1 : 0);
    const uint64_t t1 = x86::rdtsc();
    hardware.activate(0);
    g_samples[i] = t1 - t0 - overhead;
  }
  const uint64_t ltr = median(g_samples, kSamples);
  for (uint32_t i = 0; i < kSamples; ++i) {
    const uint64_t t0 = x86::rdtsc();
    hardware.write_bitmap(kIoTssSlots - 1, 0, source, kIoBitmapByteCount);
    const uint64_t t1 = x86::rdtsc();
    g_samples[i] = t1 - t0 - overhead;
  }
  const uint64_t movsq = median(g_samples, kSamples);
  for (uint32_t i = 0; i < kSamples; ++i) {
    uint8_t* dst = cpu->tss_slots[kIoTssSlots - 1]->io_bitmap;
    const uint8_t* src = source;
    uint64_t n = kIoBitmapByteCount;
    const uint64_t t0 = x86::rdtsc();
    asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n)::"memory");
    const uint64_t t1 = x86::rdtsc();
    g_samples[i] = t1 - t0 - overhead;
  }
  const uint64_t movsb = median(g_samples, kSamples);
  kprintf(
      "raw costs: activate a slot (clear busy bit + LTR) %lu ticks, 8 KiB copy with rep movsq "
      "(the kernel's) %lu ticks, with rep movsb %lu ticks\n",
      ltr, movsq, movsb);
}

}  // namespace

Status run_io_switch_bench() {
  PerCpu* cpu = this_cpu();
  TRY(set_up_tasks());
  const IrqFlags flags = irq_save_disable();  // no timer ticks inside the samples
  const uint64_t overhead = rdtsc_pair_cost();
  kprintf(
      "io-switch: the I/O-bitmap part of a context switch, TssIoState::switch_to over the real TSS "
      "slots, alternating two tasks\n");
  kprintf(
      "median of %u switches, rdtsc pair cost (%lu ticks) subtracted; under QEMU -icount shift=0 "
      "1 tick = 1 guest instruction\n\n",
      kSamples, overhead);
  print_raw_costs(cpu, overhead);
  Cell cells[kWorkloadCount][kPolicyCount];
  for (uint32_t w = 0; w < kWorkloadCount; ++w) {
    for (uint32_t p = 0; p < kPolicyCount; ++p) {
      cells[w][p] = kPolicies[p].measure(cpu, kWorkloads[w], overhead);
    }
  }
  irq_restore(flags);
  kprintf("\nticks per switch (added vs no ports, same policy) / bytes copied per switch\n\n");
  kprintf("| workload |");
  for (const Policy& p : kPolicies) kprintf(" %s |", p.name);
  kprintf("\n|---|");
  for (uint32_t p = 0; p < kPolicyCount; ++p) kprintf("---:|");
  kprintf("\n");
  for (uint32_t w = 0; w < kWorkloadCount; ++w) {
    kprintf("| %s |", kWorkloads[w].name);
    for (uint32_t p = 0; p < kPolicyCount; ++p) {
      const int64_t added =
          static_cast<int64_t>(cells[w][p].ticks) - static_cast<int64_t>(cells[0][p].ticks);
      kprintf(" %lu (%s%ld) / %lu |", cells[w][p].ticks, added >= 0 ? "+" : "", added,
              cells[w][p].bytes);
    }
    kprintf("\n");
  }
  kprintf(
      "\nLinux 6.1, same QEMU, whole pipe round trip, added vs no ioperm: shared +165, two bitmaps "
      "low "
      "ports +194, high ports +1215 (docs/benchmarking.md)\n");
  tear_down_tasks();
  return Status::kOk;
}
