// The commands that show the kernel's state through the SystemInfo capability
// (kShellSystemInfoSlot; abi/portcullis/system_info.h, docs/system-info.md): `ps` (tasks and
// threads), `caps TASK` (a task's capability slots and where each came from), `ports` (who holds
// which ports, the IoBitmap objects and their sharers, each CPU's TSS slots). Each reads a topic
// into a static buffer (one command runs at a time) and prints a table that fits 80 columns; a
// topic larger than its buffer prints what fits and says how many were left out.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/system_info.h"
#include "base/c_string.h"
#include "base/result.h"
#include "libsys/system_info.h"
#include "libsys/system_info_names.h"
#include "servers/portsh/command.h"
#include "servers/portsh/shell_slots.h"

namespace portsh {
namespace {

constexpr uint32_t kMaxTasks = 128;
constexpr uint32_t kMaxThreads = 256;
constexpr uint32_t kMaxCaps = 256;
constexpr uint32_t kMaxBitmaps = 64;
constexpr uint32_t kMaxGrants = 256;
constexpr uint32_t kMaxCpus = 64;
constexpr uint32_t kMaxSlots = 16;

TaskInfo g_tasks[kMaxTasks];
ThreadInfo g_threads[kMaxThreads];
TaskCapInfo g_caps[kMaxCaps];
IoBitmapInfo g_bitmaps[kMaxBitmaps];
IoGrantInfo g_grants[kMaxGrants];
CpuInfo g_cpus[kMaxCpus];
TssSlotInfo g_slots[kMaxSlots];

// One topic into its buffer: *count entries read, *total in the kernel.
template <typename Entry, uint32_t kCapacity>
Status read_topic(Entry (&entries)[kCapacity], uint64_t arg, uint32_t* count, uint32_t* total) {
  return sys::system_info_read(kShellSystemInfoSlot, arg, entries, kCapacity, count, total);
}

Status say_left_out(Output& out, uint32_t shown, uint32_t total, const char* what) {
  if (shown >= total) return Status::kOk;
  return out.printf("  (%u more %s not shown)\n", total - shown, what);
}

// A task name cut to the tables' name column (kNameColumn characters).
constexpr size_t kNameColumn = 22;
struct NameText {
  char text[kNameColumn + 1] = {};
};
NameText short_name(const char* name) {
  NameText n;
  for (size_t i = 0; i < kNameColumn && name[i] != '\0'; ++i) n.text[i] = name[i];
  return n;
}

const char* task_name(uint32_t task_id, uint32_t task_count) {
  for (uint32_t i = 0; i < task_count; ++i) {
    if (g_tasks[i].id == task_id) return g_tasks[i].name;
  }
  return "?";
}

// A decimal number that fits 32 bits; false for anything else.
bool parse_u32(const char* text, uint32_t* value) {
  if (*text == '\0') return false;
  uint64_t n = 0;
  for (; *text != '\0'; ++text) {
    if (*text < '0' || *text > '9') return false;
    n = n * 10 + static_cast<uint64_t>(*text - '0');
    if (n > UINT32_MAX) return false;
  }
  *value = static_cast<uint32_t>(n);
  return true;
}

// "any" or "cpu N".
struct AffinityText {
  char text[12] = {};
};
AffinityText affinity_text(uint32_t pinned_cpu) {
  AffinityText a;
  const char* any = "any";
  if (pinned_cpu == kSystemInfoAnyCpu) {
    for (size_t i = 0; any[i] != '\0'; ++i) a.text[i] = any[i];
    return a;
  }
  a.text[0] = 'c';
  a.text[1] = 'p';
  a.text[2] = 'u';
  a.text[3] = ' ';
  char digits[10];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + pinned_cpu % 10);
    pinned_cpu /= 10;
  } while (pinned_cpu != 0 && n < sizeof digits);
  for (size_t i = 0; i < n && 4 + i + 1 < sizeof a.text; ++i) a.text[4 + i] = digits[n - 1 - i];
  return a;
}

// --- ps --------------------------------------------------------------------------------------

Status run_ps(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  uint32_t tasks = 0;
  uint32_t task_total = 0;
  if (const Status s = read_topic(g_tasks, 0, &tasks, &task_total); s != Status::kOk) return s;
  uint32_t threads = 0;
  uint32_t thread_total = 0;
  if (const Status s = read_topic(g_threads, 0, &threads, &thread_total); s != Status::kOk) {
    return s;
  }
  TRY(out.print("TASK  NAME                    STATE    THREADS  PRI  BITMAP  SUPERVISED\n"));
  for (uint32_t i = 0; i < tasks; ++i) {
    const TaskInfo& t = g_tasks[i];
    TRY(out.printf("%4u  %-22s  %-7s  %7u  %3u  ", t.id, short_name(t.name).text,
                   sys::task_state_name(t.state), t.live_threads, t.priority));
    if (t.io_bitmap_id != 0) {
      TRY(out.printf("%6lu", t.io_bitmap_id));
    } else {
      TRY(out.print("     -"));
    }
    TRY(out.printf("  %s\n", (t.flags & kTaskInfoSupervised) != 0 ? "yes" : "no"));
  }
  TRY(say_left_out(out, tasks, task_total, "tasks"));
  TRY(out.print("\nTHREAD  TASK  NAME                    STATE    CPU  PRI  AFFINITY\n"));
  for (uint32_t i = 0; i < threads; ++i) {
    const ThreadInfo& t = g_threads[i];
    const char* name = (t.flags & kThreadInfoUser) != 0   ? task_name(t.task_id, tasks)
                       : (t.flags & kThreadInfoIdle) != 0 ? "(idle)"
                                                          : "(kernel)";
    if ((t.flags & kThreadInfoUser) != 0) {
      TRY(out.printf("%6u  %4u  ", t.id, t.task_id));
    } else {
      TRY(out.printf("%6u     -  ", t.id));
    }
    TRY(out.printf("%-22s  %-7s  %3u  %3u  %s\n", short_name(name).text,
                   sys::thread_state_name(t.state), t.cpu, t.priority,
                   affinity_text(t.pinned_cpu).text));
  }
  TRY(say_left_out(out, threads, thread_total, "threads"));
  return Status::kOk;
}

// --- caps TASK -------------------------------------------------------------------------------

// The object or range column: what cap_identify's base and count mean for the type.
Status print_cap_object(Output& out, const TaskCapInfo& c) {
  switch (static_cast<CapabilityType>(c.type)) {
    case CapabilityType::kIoPorts:
      return out.printf("ports 0x%lx-0x%lx%s", c.base, c.base + c.count - 1,
                        (c.flags & kTaskCapInUse) != 0 ? " (on)" : "");
    case CapabilityType::kFrames:
      return out.printf("frames 0x%lx +%lu", c.base, c.count);
    case CapabilityType::kModule:
      return out.printf("bytes 0x%lx +%lu", c.base, c.count);
    case CapabilityType::kTask:
      return c.count != 0 ? out.printf("task %lu, bitmap %lu", c.base, c.count)
                          : out.printf("task %lu", c.base);
    case CapabilityType::kIoBitmap:
      return out.printf("bitmap %lu, %lu holders", c.base, c.count);
    case CapabilityType::kEndpoint:
      return c.base != 0 ? out.printf("badge 0x%lx", c.base) : out.print("no badge");
    default:
      return out.print("-");
  }
}

Status print_caps_of(Output& out, const TaskInfo& task) {
  uint32_t count = 0;
  uint32_t total = 0;
  if (const Status s = read_topic(g_caps, task.id, &count, &total); s != Status::kOk) {
    // The task may have ended since the task list was read.
    return out.printf("task %u (%s): %s\n", task.id, task.name, status_name(s));
  }
  TRY(out.printf("task %u (%s): %u capabilities\n", task.id, task.name, total));
  TRY(out.print("SLOT  TYPE           RIGHTS  OBJECT / RANGE                 PARENT\n"));
  for (uint32_t i = 0; i < count; ++i) {
    const TaskCapInfo& c = g_caps[i];
    TRY(out.printf("%4u  %-13s  %-6s  ", c.slot, sys::capability_type_name(c.type),
                   sys::rights_text(c.rights).text));
    // The object column is padded to its width by printing into a line buffer first.
    struct Column final : Output {
      char text[64] = {};
      size_t length = 0;
      Status write(const char* bytes, size_t n) override {
        for (size_t i = 0; i < n && length + 1 < sizeof text; ++i) text[length++] = bytes[i];
        return Status::kOk;
      }
    } column;
    TRY(print_cap_object(column, c));
    TRY(out.printf("%-29s  ", column.text));
    switch (static_cast<CapParentKind>(c.parent)) {
      case CapParentKind::kNone:
        TRY(out.print("original\n"));
        break;
      case CapParentKind::kLive:
        TRY(out.printf("task %u slot %u\n", c.parent_task_id, c.parent_slot));
        break;
      case CapParentKind::kDead:
        TRY(out.print("deleted\n"));
        break;
      default:
        TRY(out.print("?\n"));
        break;
    }
  }
  return say_left_out(out, count, total, "capabilities");
}

Status run_caps(Output& out, int argc, char** argv) {
  if (argc != 2) return Status::kInvalidArgument;
  uint32_t tasks = 0;
  uint32_t task_total = 0;
  if (const Status s = read_topic(g_tasks, 0, &tasks, &task_total); s != Status::kOk) return s;
  uint32_t id = 0;
  const bool by_id = parse_u32(argv[1], &id);
  uint32_t shown = 0;
  for (uint32_t i = 0; i < tasks; ++i) {
    if (by_id ? g_tasks[i].id != id : !base::same_text(g_tasks[i].name, argv[1])) continue;
    if (shown++ != 0) TRY(out.print("\n"));
    TRY(print_caps_of(out, g_tasks[i]));
  }
  if (shown != 0) return Status::kOk;
  TRY(out.printf("caps: no task %s\n", argv[1]));
  return Status::kNotFound;
}

// --- ports -----------------------------------------------------------------------------------

Status print_port_holders(Output& out, uint32_t tasks) {
  TRY(out.print("PORTS HELD (IoPorts capabilities; on: enabled or added to a bitmap)\n"));
  TRY(out.print("TASK  NAME                    SLOT  PORTS          RIGHTS  STATE\n"));
  uint32_t rows = 0;
  for (uint32_t i = 0; i < tasks; ++i) {
    uint32_t count = 0;
    uint32_t total = 0;
    if (read_topic(g_caps, g_tasks[i].id, &count, &total) != Status::kOk) continue;  // ended
    for (uint32_t j = 0; j < count; ++j) {
      const TaskCapInfo& c = g_caps[j];
      if (c.type != static_cast<uint32_t>(CapabilityType::kIoPorts)) continue;
      ++rows;
      TRY(out.printf("%4u  %-22s  %4u  0x%04lx-0x%04lx  %-6s  %s\n", g_tasks[i].id,
                     short_name(g_tasks[i].name).text, c.slot, c.base, c.base + c.count - 1,
                     sys::rights_text(c.rights).text,
                     (c.flags & kTaskCapInUse) != 0 ? "on" : "off"));
    }
  }
  if (rows == 0) TRY(out.print("  (none)\n"));
  return Status::kOk;
}

// Returns through *bitmaps how many it read into g_bitmaps (the TSS table names their sequences).
Status print_bitmaps(Output& out, uint32_t tasks, uint32_t* bitmaps_read) {
  uint32_t bitmaps = 0;
  uint32_t bitmap_total = 0;
  TRY(read_topic(g_bitmaps, 0, &bitmaps, &bitmap_total));
  *bitmaps_read = bitmaps;
  uint32_t grants = 0;
  uint32_t grant_total = 0;
  TRY(read_topic(g_grants, 0, &grants, &grant_total));
  TRY(out.print("\nIOBITMAP OBJECTS (window: bytes [lo, hi) of the 8 KiB map not all 0xFF)\n"));
  TRY(out.print("  ID  SEQUENCE  WINDOW     HOLDERS  GRANTS  ACTIVE ON CPUS\n"));
  for (uint32_t i = 0; i < bitmaps; ++i) {
    const IoBitmapInfo& b = g_bitmaps[i];
    TRY(out.printf("%4lu  %8lu  %4u-%-4u  %7u  %6u  ", b.id, b.sequence, b.window_lo, b.window_hi,
                   b.holders, b.grants));
    if (b.active_cpus == 0) TRY(out.print("-"));
    bool first = true;
    for (uint32_t cpu = 0; cpu < 64; ++cpu) {
      if (((b.active_cpus >> cpu) & 1) == 0) continue;
      TRY(out.printf(first ? "%u" : ",%u", cpu));
      first = false;
    }
    TRY(out.print("\n"));
    // Its sharers (tasks whose ports it is) and its grants, indented under it.
    TRY(out.print("      tasks:"));
    uint32_t sharers = 0;
    for (uint32_t t = 0; t < tasks; ++t) {
      if (g_tasks[t].io_bitmap_id != b.id) continue;
      TRY(out.printf(" %u %s", g_tasks[t].id, short_name(g_tasks[t].name).text));
      ++sharers;
    }
    if (sharers == 0) TRY(out.print(" none"));
    TRY(out.print("\n      ports:"));
    uint32_t listed = 0;
    for (uint32_t g = 0; g < grants; ++g) {
      if (g_grants[g].bitmap_id != b.id) continue;
      TRY(out.printf(" 0x%x-0x%x", g_grants[g].port_base,
                     g_grants[g].port_base + g_grants[g].port_count - 1));
      ++listed;
    }
    if (listed == 0) TRY(out.print(" none"));
    TRY(out.print("\n"));
  }
  if (bitmaps == 0) TRY(out.print("  (none)\n"));
  TRY(say_left_out(out, bitmaps, bitmap_total, "bitmaps"));
  return say_left_out(out, grants, grant_total, "grants");
}

// "current" when the bitmap still has the slot's sequence, "stale" when it has changed since (the
// next switch to it copies again), "gone" when the bitmap no longer exists.
const char* slot_content(const TssSlotInfo& s, uint32_t bitmaps) {
  for (uint32_t i = 0; i < bitmaps; ++i) {
    if (g_bitmaps[i].id == s.bitmap_id) {
      return g_bitmaps[i].sequence == s.sequence ? "current" : "stale";
    }
  }
  return "gone";
}

Status print_tss_slots(Output& out, uint32_t bitmaps) {
  uint32_t cpus = 0;
  uint32_t cpu_total = 0;
  TRY(read_topic(g_cpus, 0, &cpus, &cpu_total));
  TRY(out.print(
      "\nTSS I/O SLOTS (*: the active slot; age: activations on its CPU since its last)\n"));
  TRY(out.print("CPU  SLOT  BITMAP  SEQUENCE       AGE  WINDOW     MAP    CONTENT\n"));
  for (uint32_t i = 0; i < cpus; ++i) {
    uint32_t slots = 0;
    uint32_t slot_total = 0;
    if (const Status s = read_topic(g_slots, g_cpus[i].cpu, &slots, &slot_total);
        s != Status::kOk) {
      TRY(out.printf("%3u  %s\n", g_cpus[i].cpu, status_name(s)));
      continue;
    }
    for (uint32_t j = 0; j < slots; ++j) {
      const TssSlotInfo& s = g_slots[j];
      TRY(out.printf("%3u  %c%-3u  ", s.cpu, s.active != 0 ? '*' : ' ', s.slot));
      if (s.bitmap_id == 0) {
        TRY(out.printf("%6s  %8s  %8s  %-9s  %-5s  %s\n", "-", "-", "-", "-", "-", "unused"));
        continue;
      }
      TRY(out.printf("%6lu  %8lu  %8lu  %4u-%-4u  %-5s  %s\n", s.bitmap_id, s.sequence,
                     s.lru_clock - s.last_use, s.window_lo, s.window_hi,
                     s.map_valid != 0 ? "valid" : "off", slot_content(s, bitmaps)));
    }
  }
  return say_left_out(out, cpus, cpu_total, "CPUs");
}

Status run_ports(Output& out, int argc, char**) {
  if (argc != 1) return Status::kInvalidArgument;
  uint32_t tasks = 0;
  uint32_t task_total = 0;
  TRY(read_topic(g_tasks, 0, &tasks, &task_total));
  TRY(print_port_holders(out, tasks));
  uint32_t bitmaps = 0;
  TRY(print_bitmaps(out, tasks, &bitmaps));
  return print_tss_slots(out, bitmaps);
}

constexpr Command kCommands[] = {
    {"ps", "ps", "tasks and threads: state, CPU, priority, affinity", run_ps},
    {"caps", "caps TASK", "a task's capability slots (TASK: id or name)", run_caps},
    {"ports", "ports", "port holders, shared I/O bitmaps, each CPU's TSS slots", run_ports},
};

}  // namespace

CommandGroup system_commands() {
  return CommandGroup{kCommands, sizeof kCommands / sizeof kCommands[0]};
}

}  // namespace portsh
