#include "kernel/object/task.h"

#include <new>
#include <utility>

#include "base/cpu_set.h"
#include "kernel/arch/arch.h"

Result<RefPtr<Task>> Task::create(RefPtr<AddressSpace> space, uint32_t cap_slots) {
  if (space == nullptr) return Status::kInvalidArgument;
  RefPtr<CapSpace> caps = TRY(CapSpace::create(cap_slots));
  Task* task = new (std::nothrow) Task(std::move(space), std::move(caps));
  if (task == nullptr) return Status::kNoMemory;
  return adopt_ref(task);
}

Task::Task(RefPtr<AddressSpace> space, RefPtr<CapSpace> caps)
    : KernelObject(kType), address_space_(std::move(space)), cap_space_(std::move(caps)) {}

// The members go in reverse order: the ports, the capability space (whose destructor empties
// any slot exit() did not), then the address space.
Task::~Task() = default;

void Task::exit() {
  // One slot at a time, each under its own lock hold. kBusy would mean a revoke of this slot in
  // progress, which only the task's own (stopped) code can start.
  for (uint32_t i = 0; i < cap_space_->capacity(); ++i) {
    const Status status = cap_space_->remove(i);
    ASSERT(status == Status::kOk || status == Status::kBadHandle);
  }
}

namespace {
// Written only by the CPU itself, with interrupts off or from its own syscall: one word per CPU.
// The thread switch replaces this with the running thread's task.
Task* g_current_task[kMaxCpus];
}  // namespace

Task* current_task() { return g_current_task[arch::current_cpu()]; }
void set_current_task(Task* task) { g_current_task[arch::current_cpu()] = task; }
