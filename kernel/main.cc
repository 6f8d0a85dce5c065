// kernel_main: the boot CPU's path from the 64-bit entry to a running system, and the in-kernel
// test run when the command line asks for it (test=kernel).
#include <stdint.h>

#include "kernel/acpi/madt.h"
#include "kernel/arch/arch.h"
#include "kernel/boot/command_line.h"
#include "kernel/boot/multiboot2.h"
#include "kernel/console.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/lib/lock_order.h"
#include "kernel/lib/lockup_watch.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/mm/memory_pool_size.h"
#include "kernel/panic.h"
#include "kernel/program/init_start.h"
#include "kernel/program/program_runner.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/syscall_allocation_faults.h"
#include "test/bench/kernel/kernel_bench.h"
#include "test/kernel/kernel_test.h"

using InitFunction = void (*)();
extern "C" const InitFunction init_array_start[], init_array_end[];

namespace {

BootInfo g_boot_info;  // large: kept off the boot stack

void run_init_array() {
  for (const InitFunction* f = init_array_start; f < init_array_end; ++f) (*f)();
}

void flush_tlb(void*) { arch::flush_tlb_local(); }

void* direct_map(uint64_t phys) { return arch::phys_to_virt(phys); }

// The RSDP: the copy in GRUB's multiboot2 ACPI tag or, for a loader that passes none (and with
// acpi_rsdp=bios, which makes a boot test take this path), the BIOS-area scan. Returns how many
// bytes at *rsdp parse_acpi_madt may read; 0 if there is no RSDP.
size_t find_rsdp(const CommandLine& cmdline, const void** rsdp) {
  if (g_boot_info.rsdp_bytes != 0 && !cmdline.value_is("acpi_rsdp", "bios")) {
    *rsdp = g_boot_info.rsdp;
    return g_boot_info.rsdp_bytes;
  }
  const Result<uint64_t> phys = find_rsdp_in_bios_area(direct_map);
  if (!phys.is_ok()) return 0;
  *rsdp = direct_map(phys.value());
  return BootInfo::kMaxRsdpBytes;  // below 1 MiB and the RAM after it: all inside the direct map
}

// The firmware's CPU list (MADT), limited by cpus=N on the command line.
uint32_t find_cpus(const CommandLine& cmdline, uint32_t* apic_ids) {
  static MadtInfo madt;
  const void* rsdp = nullptr;
  const size_t rsdp_bytes = find_rsdp(cmdline, &rsdp);
  const Status s =
      rsdp_bytes == 0 ? Status::kNotFound : parse_acpi_madt(rsdp, rsdp_bytes, direct_map, &madt);
  if (s != Status::kOk) {
    kprintf("ACPI: no usable MADT (%s): starting the boot CPU only\n", status_name(s));
    return 0;
  }
  const uint64_t limit = cmdline.uint_or("cpus", kMaxCpus);
  uint32_t n = 0;
  for (size_t i = 0; i < madt.cpu_count && n < limit && n < kMaxCpus; ++i) {
    if (madt.cpus[i].enabled) apic_ids[n++] = madt.cpus[i].apic_id;
  }
  const char* rsdp_source = rsdp == g_boot_info.rsdp ? "multiboot2" : "the BIOS area";
  kprintf("ACPI: %zu CPUs listed (%s, RSDP from %s), starting %u\n", madt.cpu_count,
          madt.used_xsdt ? "XSDT" : "RSDT", rsdp_source, n);
  return n;
}

}  // namespace

extern "C" [[noreturn]] void kernel_main(uint32_t mbi_phys) {
  arch::early_init();
  lock_order::start();  // debug kernels: this CPU's held-lock stack exists now
  run_init_array();
  kprintf("\nPortcullis: booting\n");

  const void* mbi = arch::phys_to_virt(mbi_phys);
  Status s = parse_multiboot2(mbi, mbi_phys, multiboot2_total_size(mbi), &g_boot_info);
  if (s != Status::kOk) panic("multiboot2 information unreadable: %s", status_name(s));
  CommandLine cmdline(g_boot_info.command_line);
  kprintf("command line: '%s'\n", g_boot_info.command_line);
  // Debug kernels: how long a spin with interrupts off may last (kernel/lib/lockup_watch.h).
  if (const Result<uint64_t> lockup = cmdline.uint_value("lockup_seconds"); lockup.is_ok()) {
    set_lockup_seconds(lockup.value());
  }

  s = kernel_memory_init(g_boot_info);
  if (s != Status::kOk) panic("memory set-up failed: %s", status_name(s));
  install_allocation_fault_hooks();  // fault_inject's: inert until a task arms it
  kprintf("memory: %zu frames free of %zu\n", kernel_frames().free_count(),
          kernel_frames().total_count());

  // From here kernel_main is the boot CPU's first thread; each other CPU enters its idle thread.
  sched::start_boot_cpu();

  static uint32_t apic_ids[kMaxCpus];
  const uint32_t listed = find_cpus(cmdline, apic_ids);
  const uint64_t start_tsc = arch::timestamp();
  s = arch::smp_init(apic_ids, listed);
  if (s != Status::kOk) panic("SMP bring-up failed: %s", status_name(s));
  arch::finish_boot();
  cross_cpu_call(arch::online_cpus(), flush_tlb, nullptr);
  kprintf("all %u CPUs online (%lu timer ticks, %lu TSC cycles after the first SIPI)\n",
          arch::cpu_count(), arch::timer_ticks(), arch::timestamp() - start_tsc);

  // test_inject=panic|fault|hang|fail|lock_inversion|lockup|lockup_irq prove that the harness
  // tells each outcome apart.
  if (cmdline.value_is("test_inject", "panic")) panic("injected by test_inject=panic");
  if (cmdline.value_is("test_inject", "lock_inversion")) run_injected_lock_inversion();
  if (cmdline.value_is("test_inject", "lockup")) run_injected_lockup(/*hold_a_lock=*/true);
  if (cmdline.value_is("test_inject", "lockup_irq")) run_injected_lockup(/*hold_a_lock=*/false);
  if (cmdline.value_is("test_inject", "hang")) {
    kprintf("hanging on purpose (test_inject=hang)\n");
    for (;;) arch::wait_for_interrupt();
  }
  if (cmdline.value_is("test_inject", "fault")) {
    // A kernel page fault (the identity map is gone, so page 0 is unmapped) must reach the panic
    // path with vector 14 and CR2 = the address.
    uint64_t address = 0x10;
    asm volatile(
        ""
        : "+r"(address));  // an address the compiler cannot prove bogus (no -Warray-bounds)
    *reinterpret_cast<volatile uint64_t*>(address) = 1;
  }
  if (cmdline.value_is("test", "kernel")) {
    int failures = run_kernel_tests();
    if (cmdline.value_is("test_inject", "fail")) failures += run_injected_failure();
    lock_order::print_graph();  // debug kernels: the order this boot recorded
    kprintf("PORTCULLIS-END status=%s\n", failures == 0 ? "pass" : "fail");
    arch::exit_emulator(failures == 0 ? arch::ExitCode::kPass : arch::ExitCode::kFail);
  }
  if (cmdline.value_is("test", "programs")) {
    // Until init exists: every boot module runs as a task, one after another (or side by side).
    const int failures = run_boot_modules(g_boot_info, cmdline.value_is("programs", "concurrent"));
    lock_order::print_graph();
    kprintf("PORTCULLIS-END status=%s\n", failures == 0 ? "pass" : "fail");
    arch::exit_emulator(failures == 0 ? arch::ExitCode::kPass : arch::ExitCode::kFail);
  }
  // A boot with init (docs/init.md): the kernel starts init alone and waits for everything it
  // started to end; test=init or exit then ends the boot with the result.
  if (const Result<size_t> init = find_init_module(g_boot_info, cmdline); init.is_ok()) {
    // The memory pool (docs/memory-server.md): mem_pool=MiB, or the default share of free memory.
    const Result<uint64_t> pool_mib = cmdline.uint_value("mem_pool");
    const uint64_t pool_pages = memory_pool_pages(kernel_frames().free_count(),
                                                  pool_mib.is_ok() ? &pool_mib.value() : nullptr);
    const int failures = run_init(g_boot_info, init.value(), pool_pages);
    if (cmdline.value_is("test", "init") || cmdline.flag("exit")) {
      lock_order::print_graph();
      kprintf("PORTCULLIS-END status=%s\n", failures == 0 ? "pass" : "fail");
      arch::exit_emulator(failures == 0 ? arch::ExitCode::kPass : arch::ExitCode::kFail);
    }
    kprintf("Portcullis is up; init has ended. Stop the emulator to leave.\n");
    for (;;) arch::wait_for_interrupt();
  }
  char bench[32];
  if (cmdline.copy_value("bench", bench, sizeof bench) == Status::kOk) {
    const Status b = run_kernel_bench(bench);
    if (b != Status::kOk) kprintf("bench %s: %s\n", bench, status_name(b));
    kprintf("PORTCULLIS-END status=%s\n", b == Status::kOk ? "pass" : "fail");
    arch::exit_emulator(b == Status::kOk ? arch::ExitCode::kPass : arch::ExitCode::kFail);
  }
  if (cmdline.flag("exit")) {
    kprintf("PORTCULLIS-END status=pass\n");
    arch::exit_emulator(arch::ExitCode::kPass);
  }
  kprintf("Portcullis is up. Nothing runs in user space yet; stop the emulator to leave.\n");
  for (;;) arch::wait_for_interrupt();
}
