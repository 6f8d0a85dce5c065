// The shell's own commands: help, echo, counters (per-CPU I/O counters, the shell's VM counters),
// mem (the memory server's figures), exit. Each reads live state through a syscall or an IPC
// request; none keeps a copy.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/io_counters_snapshot.h"
#include "abi/portcullis/vm_counters_snapshot.h"
#include "base/format.h"
#include "libsys/mem_client.h"
#include "libsys/syscall_stubs.h"
#include "servers/portsh/command.h"
#include "servers/portsh/command_table.h"
#include "servers/portsh/commands_shell.h"

namespace portsh {

namespace {

bool g_exit_requested = false;

Status help(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  const CommandTable& table = CommandTable::all();
  TRY(out.print("commands (NAME: invalid argument, and the usage line, for bad arguments):\n"));
  for (size_t i = 0; i < table.size(); ++i) {
    const Command& c = table.at(i);
    TRY(out.printf("  %-24s %s\n", c.usage, c.summary));
  }
  return Status::kOk;
}

Status echo(Output& out, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) TRY(out.printf(i == 1 ? "%s" : " %s", argv[i]));
  return out.print("\n");
}

Status counters(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  IoCountersSnapshot all;
  const SyscallResult total = sys_io_counters(kIoCountersAllCpus, &all);
  TRY(total.status);
  const uint64_t cpus = total.extra;
  TRY(out.print("I/O-port counters per CPU (docs/io-ports.md, \"Counters\"):\n"));
  TRY(out.printf("%-4s %9s %7s %10s %9s %7s %5s %7s %6s %6s %6s\n", "cpu", "switches", "loads",
                 "bytes", "slot-hit", "miss", "cow", "revoke", "ipis", "inval", "stale"));
  for (uint64_t cpu = 0; cpu <= cpus; ++cpu) {
    IoCountersSnapshot c;
    if (cpu < cpus) {
      TRY(sys_io_counters(cpu, &c).status);
    } else {
      c = all;
    }
    char name[8] = "all";
    if (cpu < cpus) name[format(name, sizeof name, "%lu", cpu)] = '\0';
    TRY(out.printf("%-4s %9lu %7lu %10lu %9lu %7lu %5lu %7lu %6lu %6lu %6lu\n", name, c.switches,
                   c.loads, c.bytes_copied, c.slot_hits, c.slot_misses, c.cow_duplications,
                   c.revocations, c.invalidation_ipis, c.invalidations, c.stale_repairs));
  }
  TRY(out.print(
      "  switches: into user tasks; loads/bytes: TSS slot refills and the bytes they copied;\n"
      "  slot-hit/miss: a slot held the bitmap / it had to be copied; cow: shared bitmaps copied\n"
      "  before a change; revoke: changes that removed rights; ipis: CPUs this one interrupted to\n"
      "  invalidate; inval: invalidations this CPU made of its own slots (its own revocations and\n"
      "  the IPIs it got); stale: #GPs on a held port repaired by a reload\n"));
  VmCountersSnapshot vm;
  TRY(sys_vm_counters(kSlotSelfAddressSpace, &vm).status);
  TRY(out.print("VM counters of this shell's address space (vm_batch, docs/syscalls.md):\n"));
  TRY(out.printf("%8s %8s %10s %8s %7s %11s %10s\n", "batches", "refused", "pte-writes", "invlpg",
                 "flushes", "shootdowns", "sd-ipis"));
  TRY(out.printf("%8lu %8lu %10lu %8lu %7lu %11lu %10lu\n", vm.batches, vm.rejected, vm.pte_writes,
                 vm.invlpg, vm.full_flushes, vm.shootdowns, vm.shootdown_ipis));
  return out.print(
      "  batches/refused: vm_batch calls applied/refused; pte-writes: leaf entries written;\n"
      "  invlpg/flushes: TLB invalidations on the applying CPU; shootdowns: rounds that\n"
      "  interrupted other CPUs; sd-ipis: the IPIs those rounds sent\n");
}

Status mem(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  const sys::mem::PoolStats pool = TRY(sys::mem::pool_stats(kSlotMemoryServer));
  const sys::mem::ServerInfo info = TRY(sys::mem::server_info(kSlotMemoryServer));
  const sys::mem::ServerStats stats = TRY(sys::mem::server_stats(kSlotMemoryServer));
  TRY(out.printf("pool     %lu pages (%lu KiB): %lu free, %lu in use (%lu of them this shell's)\n",
                 pool.total_pages, pool.total_pages * 4, pool.free_pages,
                 pool.total_pages - pool.free_pages, pool.my_pages));
  TRY(out.printf("clients  %lu registered\n", stats.clients));
  TRY(out.printf("rmap     %lu entries (one per client mapping of a pool page)\n",
                 stats.rmap_entries));
  return out.printf("server   %lu worker%s; rmap lock: %s\n", info.workers,
                    info.workers == 1 ? "" : "s",
                    info.notifiers ? "sem (sleeping; notifiers served)" : "spin (no notifiers)");
}

Status exit_shell(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  g_exit_requested = true;
  return out.print("portsh: closing the console; the system winds down once every program ends\n");
}

constexpr Command kCommands[] = {
    {"help", "help", "this list", help},
    {"echo", "echo [WORD...]", "prints its words", echo},
    {"counters", "counters", "per-CPU I/O-port counters and this shell's VM counters", counters},
    {"mem", "mem", "the memory server: pool, clients, rmap, lock build", mem},
    {"exit", "exit", "ends the shell (and, once every program has ended, the boot)", exit_shell},
};

}  // namespace

bool exit_requested() { return g_exit_requested; }

CommandGroup shell_commands() { return {kCommands, sizeof kCommands / sizeof kCommands[0]}; }

}  // namespace portsh
