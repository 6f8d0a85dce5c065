// The arch interface's I/O-port calls: each CPU's own TssIoState, reached through per-CPU data.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/tss_io_state.h"

void arch::io_ports_switch_to(TaskIoPorts* next) { this_cpu()->io_state->switch_to(next); }

void arch::io_ports_invalidate(const IoBitmap* bitmap) { this_cpu()->io_state->invalidate(bitmap); }

bool arch::io_ports_repair(TaskIoPorts& task, uint32_t port, uint32_t width) {
  return this_cpu()->io_state->repair_fault(task, port, width);
}

IoCounters& arch::io_counters_here() { return this_cpu()->io_state->counters(); }
