#include "kernel/object/task.h"

#include <new>
#include <utility>

#include "base/assert.h"
#include "base/cpu_set.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/object/task_reaper.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"

Result<RefPtr<Task>> Task::create(RefPtr<AddressSpace> space, uint32_t cap_slots) {
  if (space == nullptr) return Status::kInvalidArgument;
  RefPtr<CapSpace> caps = TRY(CapSpace::create(cap_slots));
  Task* task = new (std::nothrow) Task(std::move(space), std::move(caps));
  if (task == nullptr) return Status::kNoMemory;
  return adopt_ref(task);
}

namespace {
std::atomic<uint32_t> g_next_task_id{1};
}  // namespace

constinit SpinLock g_task_registry_lock{LockClass::kTaskRegistry};
constinit Task* Task::registry_first_ = nullptr;

Task::Task(RefPtr<AddressSpace> space, RefPtr<CapSpace> caps)
    : KernelObject(kType),
      address_space_(std::move(space)),
      cap_space_(std::move(caps)),
      id_(g_next_task_id.fetch_add(1, std::memory_order_relaxed)) {
  cap_space_->set_owner_task_id(id_);
  // Last: the registry hands out this task only once it is whole.
  SpinGuard guard(g_task_registry_lock);
  registry_next_ = registry_first_;
  if (registry_first_ != nullptr) registry_first_->registry_prev_ = this;
  registry_first_ = this;
}

// The registry first (a walk may still be looking at this task, whole until the unlink); then
// the members go in reverse order: the ports, the capability space (whose destructor empties
// any slot exit() did not), then the address space.
Task::~Task() {
  SpinGuard guard(g_task_registry_lock);
  if (registry_prev_ != nullptr) {
    registry_prev_->registry_next_ = registry_next_;
  } else {
    registry_first_ = registry_next_;
  }
  if (registry_next_ != nullptr) registry_next_->registry_prev_ = registry_prev_;
}

RefPtr<Task> Task::find(uint32_t id) {
  SpinGuard guard(g_task_registry_lock);
  for (Task* t = registry_first_; t != nullptr; t = t->registry_next_) {
    if (t->id_ == id) return RefPtr<Task>::try_wrap(t);
  }
  return nullptr;
}

void Task::exit() {
  // One slot at a time, each under its own lock hold. kBusy would mean a revoke of this slot in
  // progress, which only the task's own (stopped) code can start.
  for (uint32_t i = 0; i < cap_space_->capacity(); ++i) {
    const Status status = cap_space_->remove(i);
    ASSERT(status == Status::kOk || status == Status::kBadHandle);
  }
}

void Task::set_supervisor(RefPtr<Endpoint> endpoint) {
  RefPtr<Endpoint> old;
  {
    SpinGuard guard(supervisor_lock_);
    old = std::move(supervisor_);
    supervisor_ = std::move(endpoint);
  }
  // `old` goes here, outside the lock: the last reference frees the endpoint.
}

RefPtr<Endpoint> Task::supervisor() {
  SpinGuard guard(supervisor_lock_);
  return supervisor_;
}

bool Task::has_supervisor() const {
  SpinGuard guard(supervisor_lock_);
  return supervisor_ != nullptr;
}

Task::OwnedFrames::~OwnedFrames() {
  for (size_t i = 0; i < count_; ++i) {
    ASSERT(kernel_frames().free_contiguous(runs_[i].base, runs_[i].size / kPageSize) ==
           Status::kOk);
  }
}

Status Task::OwnedFrames::add(Range<uint64_t> run) {
  if (count_ == kMaxOwnedRuns) return Status::kNoSpace;
  runs_[count_++] = run;
  return Status::kOk;
}

Status Task::own_frames(Range<uint64_t> run) { return owned_frames_.add(run); }

void Task::set_name(const char* name) {
  size_t n = 0;
  while (name[n] != '\0' && n + 1 < sizeof name_) {
    name_[n] = name[n];
    ++n;
  }
  name_[n] = '\0';
}

void Task::thread_added(Thread* thread) {
  live_threads_.fetch_add(1, std::memory_order_relaxed);
  WaitQueue::Locked locked(threads_gone_);
  thread->task_next_ = threads_;
  threads_ = thread;
  ++present_threads_;
  // A kill that went through the list before this thread was on it.
  if (killed()) sched::interrupt(thread);
}

void Task::kill(bool on_request) {
  // The first kill decides the cause; a later one (a fault while being killed) only interrupts.
  if (!killed_.load(std::memory_order_acquire) && on_request) {
    killed_on_request_.store(true, std::memory_order_relaxed);
  }
  killed_.store(true, std::memory_order_seq_cst);
  WaitQueue::Locked locked(threads_gone_);
  // A thread on the list is not freed meanwhile: it needs this lock to leave (thread_leaving).
  for (Thread* t = threads_; t != nullptr; t = t->task_next_) sched::interrupt(t);
}

TaskEnd Task::end() const {
  if (!killed()) return TaskEnd::kExited;
  return killed_on_request_.load(std::memory_order_relaxed) ? TaskEnd::kKilled : TaskEnd::kFaulted;
}

bool Task::thread_exiting() { return live_threads_.fetch_sub(1, std::memory_order_acq_rel) == 1; }

void Task::thread_leaving(Thread* thread) {
  WaitQueue::Locked locked(threads_gone_);
  Thread** link = &threads_;
  while (*link != thread) {
    ASSERT(*link != nullptr);
    link = &(*link)->task_next_;
  }
  *link = thread->task_next_;
}

void Task::thread_freed() {
  // The release of the lock is the last this thread's teardown touches of the task: the waiter
  // may free it right after.
  bool last = false;
  {
    WaitQueue::Locked locked(threads_gone_);
    ASSERT(present_threads_ > 0);
    last = --present_threads_ == 0;
    if (last) threads_gone_.wake_all_locked();
  }
  // Not the task any more (it may be gone): the reaper finds which task ended itself.
  if (last) TaskReaper::threads_gone();
}

void Task::wait_for_threads() {
  WaitQueue::Locked locked(threads_gone_);
  while (present_threads_ != 0) threads_gone_.block(locked);
}

bool Task::threads_gone() {
  WaitQueue::Locked locked(threads_gone_);
  return started() && present_threads_ == 0;
}

Task* current_task() {
  Thread* thread = arch::current_thread();
  return thread == nullptr ? nullptr : thread->task();
}

void set_current_task(Task* task) {
  Thread* thread = arch::current_thread();
  ASSERT(thread != nullptr && !thread->is_user());
  thread->lend_task(task);
}
