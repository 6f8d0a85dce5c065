#include "kernel/object/system_info.h"

#include <new>

#include "base/cpu_set.h"
#include "kernel/arch/arch.h"
#include "kernel/cross_cpu_call.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/heap.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/io_tss_view.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"

static_assert(static_cast<uint8_t>(Thread::State::kReady) ==
              static_cast<uint8_t>(ThreadInfoState::kReady));
static_assert(static_cast<uint8_t>(Thread::State::kRunning) ==
              static_cast<uint8_t>(ThreadInfoState::kRunning));
static_assert(static_cast<uint8_t>(Thread::State::kBlocked) ==
              static_cast<uint8_t>(ThreadInfoState::kBlocked));
static_assert(static_cast<uint8_t>(Thread::State::kBlockedKillable) ==
              static_cast<uint8_t>(ThreadInfoState::kBlockedKillable));
static_assert(static_cast<uint8_t>(Thread::State::kExited) ==
              static_cast<uint8_t>(ThreadInfoState::kExited));
static_assert(IoTssView::kMaxSlots >= 16, "every io_tss_slots value fits a view");

Result<RefPtr<SystemInfo>> SystemInfo::create() {
  SystemInfo* info = new (std::nothrow) SystemInfo();
  if (info == nullptr) return Status::kNoMemory;
  return adopt_ref(info);
}

namespace {

TaskInfoState task_state(const Task& task) {
  if (!task.started()) return TaskInfoState::kNew;
  if (task.threads_exited()) return TaskInfoState::kExited;
  return task.killed() ? TaskInfoState::kKilled : TaskInfoState::kRunning;
}

uint32_t collect_tasks(TaskInfo* out, uint32_t max) {
  uint32_t count = 0;
  Task::for_each_registered([&](const Task& task) {
    if (count < max) {
      TaskInfo& e = out[count];
      e = TaskInfo{};
      e.id = task.id();
      e.state = static_cast<uint8_t>(task_state(task));
      e.flags = static_cast<uint8_t>((task.has_supervisor() ? kTaskInfoSupervised : 0) |
                                     (task.killed() ? kTaskInfoKilled : 0));
      e.priority = static_cast<uint8_t>(task.first_priority());
      e.live_threads = task.live_threads();
      e.own_grants = task.io_ports().own_grant_count();
      e.io_bitmap_id = task.io_ports().bitmap_id();
      // Written once before the task starts; the last byte is always the terminator.
      const char* name = task.name();
      for (size_t i = 0; i + 1 < kSystemInfoNameBytes && name[i] != '\0'; ++i) e.name[i] = name[i];
    }
    ++count;
  });
  return count;
}

uint32_t collect_threads(ThreadInfo* out, uint32_t max) {
  uint32_t count = 0;
  Thread::for_each_registered([&](const Thread& thread) {
    if (count < max) {
      ThreadInfo& e = out[count];
      e = ThreadInfo{};
      e.id = thread.id();
      // A user thread's task outlives the thread's object (Task::wait_for_threads); a kernel
      // thread's lent task is a test's and is not reported.
      e.task_id = thread.is_user() ? thread.task()->id() : 0;
      e.cpu = thread.last_cpu();
      e.pinned_cpu = thread.affinity().is_pinned() ? thread.affinity().cpu() : kSystemInfoAnyCpu;
      e.state = static_cast<uint8_t>(thread.state());
      e.priority = static_cast<uint8_t>(thread.priority());
      e.flags = static_cast<uint8_t>((thread.is_user() ? kThreadInfoUser : 0) |
                                     (thread.is_idle() ? kThreadInfoIdle : 0));
    }
    ++count;
  });
  return count;
}

// Under g_cap_tree_lock: what cap_identify adds for a Task and an IoBitmap capability
// (kernel/syscall/cap_calls.cc).
void object_detail(const KernelObject& object, CapSlotView& view) {
  if (object.type() == CapabilityType::kTask) {
    const Task& task = static_cast<const Task&>(object);
    view.has_object_detail = true;
    view.object_base = task.id();
    view.object_count = task.io_ports().bitmap_id();
  } else if (object.type() == CapabilityType::kIoBitmap) {
    const IoBitmap& bitmap = static_cast<const IoBitmap&>(object);
    view.has_object_detail = true;
    view.object_base = bitmap.id();
    view.object_count = bitmap.sharer_count();
  }
}

TaskCapInfo task_cap_entry(const CapSlotView& v) {
  TaskCapInfo e;
  e.slot = v.slot;
  e.type = static_cast<uint32_t>(v.info.type);
  e.rights = v.info.rights;
  e.flags = v.in_use ? kTaskCapInUse : 0;
  e.depth = static_cast<uint16_t>(v.depth);
  // As cap_identify: an Endpoint's badge, a range type's range, an object's own figures.
  if (v.info.type == CapabilityType::kEndpoint) {
    e.base = v.info.badge;
  } else if (v.has_object_detail) {
    e.base = v.object_base;
    e.count = v.object_count;
  } else {
    e.base = v.info.range.base;
    e.count = v.info.range.size;
  }
  switch (v.parent) {
    case CapSlotView::Parent::kNone:
      e.parent = static_cast<uint8_t>(CapParentKind::kNone);
      break;
    case CapSlotView::Parent::kLive:
      e.parent = static_cast<uint8_t>(CapParentKind::kLive);
      e.parent_task_id = v.parent_task_id;
      e.parent_slot = v.parent_slot;
      break;
    case CapSlotView::Parent::kDead:
      e.parent = static_cast<uint8_t>(CapParentKind::kDead);
      break;
  }
  return e;
}

Result<uint32_t> collect_task_caps(uint64_t task_id, TaskCapInfo* out, uint32_t max) {
  if (task_id == 0 || task_id > UINT32_MAX) return Status::kNotFound;
  const RefPtr<Task> task = Task::find(static_cast<uint32_t>(task_id));
  if (task == nullptr) return Status::kNotFound;
  CapSlotView* views = nullptr;
  if (max > 0) {
    views = static_cast<CapSlotView*>(g_kernel_heap.alloc(sizeof(CapSlotView) * max));
    if (views == nullptr) return Status::kNoMemory;
  }
  const uint32_t count = task->cap_space().describe(views, max, object_detail);
  for (uint32_t i = 0; i < count && i < max; ++i) out[i] = task_cap_entry(views[i]);
  g_kernel_heap.free(views);
  return count;
}

uint32_t collect_io_bitmaps(IoBitmapInfo* out, uint32_t max) {
  uint32_t count = 0;
  IoBitmap::for_each_registered([&](const IoBitmap& bitmap) {
    if (count < max) {
      IoBitmapInfo& e = out[count];
      e = IoBitmapInfo{};
      e.id = bitmap.id();
      e.sequence = bitmap.sequence();
      const IoByteWindow window = bitmap.window();
      e.window_lo = window.lo;
      e.window_hi = window.hi;
      e.holders = bitmap.sharer_count();
      e.grants = bitmap.grant_count();
      e.active_cpus = bitmap.active_cpus().bits();
    }
    ++count;
  });
  // Which tasks hold each: a second walk, of the tasks (the two registries are never held
  // together). A bitmap made between the walks has no entry; one freed has no task.
  const uint32_t listed = count < max ? count : max;
  Task::for_each_registered([&](const Task& task) {
    const uint64_t id = task.io_ports().bitmap_id();
    if (id == 0) return;
    for (uint32_t i = 0; i < listed; ++i) {
      if (out[i].id == id) ++out[i].tasks;
    }
  });
  return count;
}

Result<uint32_t> collect_io_grants(uint64_t bitmap_id, IoGrantInfo* out, uint32_t max) {
  uint32_t count = 0;
  bool found = bitmap_id == 0;
  IoBitmap::for_each_registered([&](const IoBitmap& bitmap) {
    if (bitmap_id != 0 && bitmap.id() != bitmap_id) return;
    found = true;
    IoGrant grants[IoBitmap::kMaxGrants];
    const uint32_t n = bitmap.grants(grants, IoBitmap::kMaxGrants);
    for (uint32_t i = 0; i < n && i < IoBitmap::kMaxGrants; ++i) {
      if (count < max) {
        out[count] =
            IoGrantInfo{bitmap.id(), grants[i].id, grants[i].ports.base, grants[i].ports.size};
      }
      ++count;
    }
  });
  if (!found) return Status::kNotFound;
  return count;
}

// The cross-CPU call that reads CPUs' TSS state: each target fills its own entries.
struct TssRequest {
  IoTssView* view = nullptr;  // kTssSlots: the one CPU's whole view
  CpuInfo* cpus = nullptr;    // kCpus: an entry per CPU, by index (kMaxCpus of them)
};

void read_tss_state(void* arg) {
  auto* request = static_cast<TssRequest*>(arg);
  const uint32_t cpu = arch::current_cpu();
  // On this CPU the call may run directly: the slots change only with interrupts on here.
  const IrqFlags flags = irq_save_disable();
  IoTssView local;
  IoTssView* view = request->view != nullptr ? request->view : &local;
  arch::io_ports_view_here(view);
  irq_restore(flags);
  if (request->cpus != nullptr) {
    CpuInfo& e = request->cpus[cpu];
    e.cpu = cpu;
    e.tss_slots = view->slot_count;
    e.active_slot = view->active_slot;
    e.active_bitmap_id = view->active_bitmap_id;
    e.lru_clock = view->clock;
  }
}

uint32_t collect_cpus(CpuInfo* out, uint32_t max) {
  const CpuSet online = arch::online_cpus();
  CpuInfo by_index[kMaxCpus];
  TssRequest request;
  request.cpus = by_index;
  cross_cpu_call(online, read_tss_state, &request);
  uint32_t count = 0;
  for (const uint32_t cpu : online) {
    if (count < max) {
      out[count] = by_index[cpu];
      out[count].ready_threads = sched::ready_count(cpu);
    }
    ++count;
  }
  return count;
}

Result<uint32_t> collect_tss_slots(uint64_t cpu_word, TssSlotInfo* out, uint32_t max) {
  const CpuSet online = arch::online_cpus();
  if (cpu_word >= kMaxCpus || !online.contains(static_cast<uint32_t>(cpu_word))) {
    return Status::kOutOfRange;
  }
  const uint32_t cpu = static_cast<uint32_t>(cpu_word);
  IoTssView view;
  TssRequest request;
  request.view = &view;
  cross_cpu_call(CpuSet::single(cpu), read_tss_state, &request);
  for (uint32_t i = 0; i < view.slot_count && i < max; ++i) {
    const IoTssSlotView& s = view.slots[i];
    TssSlotInfo& e = out[i];
    e = TssSlotInfo{};
    e.cpu = cpu;
    e.slot = i;
    e.bitmap_id = s.bitmap_id;
    e.sequence = s.sequence;
    e.last_use = s.last_use;
    e.lru_clock = view.clock;
    e.window_lo = s.dirty.lo;
    e.window_hi = s.dirty.hi;
    e.active = i == view.active_slot ? 1 : 0;
    e.map_valid = s.map_valid ? 1 : 0;
  }
  return view.slot_count;
}

}  // namespace

Result<uint32_t> SystemInfo::collect(uint64_t topic, uint64_t arg, void* out, uint32_t max) {
  switch (topic) {
    case static_cast<uint64_t>(SystemInfoTopic::kTasks):
      return collect_tasks(static_cast<TaskInfo*>(out), max);
    case static_cast<uint64_t>(SystemInfoTopic::kThreads):
      return collect_threads(static_cast<ThreadInfo*>(out), max);
    case static_cast<uint64_t>(SystemInfoTopic::kTaskCaps):
      return collect_task_caps(arg, static_cast<TaskCapInfo*>(out), max);
    case static_cast<uint64_t>(SystemInfoTopic::kIoBitmaps):
      return collect_io_bitmaps(static_cast<IoBitmapInfo*>(out), max);
    case static_cast<uint64_t>(SystemInfoTopic::kIoGrants):
      return collect_io_grants(arg, static_cast<IoGrantInfo*>(out), max);
    case static_cast<uint64_t>(SystemInfoTopic::kCpus):
      return collect_cpus(static_cast<CpuInfo*>(out), max);
    case static_cast<uint64_t>(SystemInfoTopic::kTssSlots):
      return collect_tss_slots(arg, static_cast<TssSlotInfo*>(out), max);
    default:
      return Status::kInvalidArgument;
  }
}
