// The arch interface's I/O-port calls: each CPU's own TssIoState, reached through per-CPU data,
// and the kernel's own IN/OUT for the port-I/O syscalls.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/panic.h"

void arch::io_ports_switch_to(TaskIoPorts* next) { this_cpu()->io_state->switch_to(next); }

void arch::io_ports_invalidate(const IoBitmap* bitmap) { this_cpu()->io_state->invalidate(bitmap); }

bool arch::io_ports_repair(TaskIoPorts& task, uint32_t port, uint32_t width) {
  return this_cpu()->io_state->repair_fault(task, port, width);
}

void arch::io_ports_view_here(IoTssView* out) { this_cpu()->io_state->view(out); }

IoCounters& arch::io_counters_here() { return this_cpu()->io_state->counters(); }

const IoCounters* arch::io_counters_of(uint32_t cpu) {
  // A CPU's io_state is set before it goes online and never changes after.
  if (!arch::online_cpus().contains(cpu)) return nullptr;
  const PerCpu* p = per_cpu(cpu);
  return p == nullptr || p->io_state == nullptr ? nullptr : &p->io_state->counters();
}
