// Boot-CPU set-up and AP bring-up: INIT, 10 ms, SIPI, 200 us, and a second SIPI only if the AP has
// not checked in (Bochs often needs it). APs start one at a time because they share the
// trampoline's parameter block.
#include <atomic>

#include "boot/layout.h"
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/lapic.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/serial.h"
#include "kernel/arch/x86_64/tsc_clock.h"
#include "kernel/console.h"
#include "kernel/sched/scheduler.h"

extern "C" const uint8_t ap_trampoline_start[], ap_trampoline_end[];
extern "C" uint8_t ap_trampoline_cr3[], ap_trampoline_nxe[], ap_trampoline_stack[],
    ap_trampoline_entry[], ap_trampoline_per_cpu[];

namespace {

// Every cross-CPU call masks its targets with this: one load instead of a walk over the CPUs.
AtomicCpuSet<std::memory_order_acq_rel> g_online;

template <typename T>
T* trampoline_field(uint8_t* symbol) {
  return arch::phys_to_virt<T>(AP_TRAMPOLINE_PHYS + (symbol - ap_trampoline_start));
}

void announce_online(PerCpu* cpu) {
  kprintf("cpu %u online (apic id %u)\n", cpu->index, cpu->apic_id);
  g_online.add(cpu->index);
}

bool wait_online(PerCpu* cpu, uint32_t timeout_us) {
  for (uint32_t waited = 0; waited < timeout_us; waited += 100) {
    if (g_online.load().contains(cpu->index)) return true;
    pit_delay_us(100);
  }
  return g_online.load().contains(cpu->index);
}

}  // namespace

CpuSet arch::online_cpus() { return g_online.load(); }

extern "C" [[noreturn]] void ap_main(PerCpu* cpu) {
  per_cpu_install(cpu);
  lapic_init_this_cpu();
  announce_online(cpu);
  sched::run_idle();  // this boot context becomes the CPU's idle thread
}

void arch::early_init() {
  serial_init();
  paging_init();
  idt_init_table();
  Result<PerCpu*> boot_cpu = per_cpu_create(0, 0);  // apic id filled in once the LAPIC is known
  per_cpu_install(boot_cpu.value());
}

Status arch::smp_init(const uint32_t* apic_ids, uint32_t count) {
  pic_disable();
  const uint64_t apic_phys = x86::rdmsr(x86::kMsrApicBase) & 0xFFFFFFFFF000ull;
  paging_mark_uncached(apic_phys);
  PerCpu* boot = this_cpu();
  boot->apic_id = lapic_id();
  lapic_calibrate_timer();
  const TscCalibration clock = tsc_clock_calibrate();
  kprintf("monotonic clock: TSC at %lu kHz (window known to %lu ppm)\n", clock.khz,
          clock.uncertainty_ppm);
  lapic_init_this_cpu();
  announce_online(boot);
  x86::sti();

  const size_t blob = ap_trampoline_end - ap_trampoline_start;
  __builtin_memcpy(arch::phys_to_virt(AP_TRAMPOLINE_PHYS), ap_trampoline_start, blob);
  *trampoline_field<uint32_t>(ap_trampoline_cr3) = static_cast<uint32_t>(arch::kernel_pml4());
  *trampoline_field<uint32_t>(ap_trampoline_nxe) = (x86::rdmsr(x86::kMsrEfer) & x86::kEferNxe) != 0;
  *trampoline_field<uint64_t>(ap_trampoline_entry) = reinterpret_cast<uint64_t>(&ap_main);

  uint32_t next_index = 1;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t apic_id = apic_ids[i];
    if (apic_id == boot->apic_id) continue;
    if (next_index >= kMaxCpus) {
      kprintf("cpu with apic id %u ignored: more than %u CPUs\n", apic_id, kMaxCpus);
      continue;
    }
    const uint32_t index = next_index++;  // never reused: a late AP must not share a stack
    Result<PerCpu*> created = per_cpu_create(index, apic_id);
    if (created.is_error()) return created.status();
    PerCpu* cpu = created.value();
    *trampoline_field<uint64_t>(ap_trampoline_stack) = cpu->kernel_stack_top;
    *trampoline_field<uint64_t>(ap_trampoline_per_cpu) = reinterpret_cast<uint64_t>(cpu);
    std::atomic_thread_fence(std::memory_order_seq_cst);

    lapic_send_init(apic_id);
    pit_delay_us(10000);
    lapic_send_startup(apic_id, AP_TRAMPOLINE_PHYS >> 12);
    pit_delay_us(200);
    if (!g_online.load().contains(cpu->index)) {
      lapic_send_startup(apic_id, AP_TRAMPOLINE_PHYS >> 12);
    }
    if (!wait_online(cpu, 1000000)) {
      kprintf("cpu %u (apic id %u) did not come online\n", index, apic_id);
    }
  }
  return Status::kOk;
}

void arch::finish_boot() { paging_drop_identity_map(); }

void arch::flush_tlb_local() { x86::write_cr3(x86::read_cr3()); }
