#include "kernel/object/thread.h"

#include <new>

#include "base/assert.h"

#include "kernel/mm/heap.h"
#include "kernel/object/task.h"
#include "kernel/sched/scheduler.h"
#include "kernel/vm/address_space.h"

namespace {
std::atomic<uint32_t> g_next_thread_id{1};
}  // namespace

Thread::Thread(uint32_t priority, Affinity affinity)
    : KernelObject(kType), id_(g_next_thread_id.fetch_add(1, std::memory_order_relaxed)) {
  RunQueueEntry::priority = static_cast<uint8_t>(priority);
  RunQueueEntry::affinity = affinity;
  arch::fpu_state_init(&fpu_);
}

constinit SpinLock g_thread_registry_lock{LockClass::kThreadRegistry};
constinit Thread* Thread::registry_first_ = nullptr;

void Thread::publish() {
  SpinGuard guard(g_thread_registry_lock);
  if (registered_) return;
  registered_ = true;
  registry_next_ = registry_first_;
  if (registry_first_ != nullptr) registry_first_->registry_prev_ = this;
  registry_first_ = this;
}

Thread::~Thread() {
  {
    SpinGuard guard(g_thread_registry_lock);
    if (registered_) {
      if (registry_prev_ != nullptr) {
        registry_prev_->registry_next_ = registry_next_;
      } else {
        registry_first_ = registry_next_;
      }
      if (registry_next_ != nullptr) registry_next_->registry_prev_ = registry_prev_;
    }
  }
  g_kernel_heap.free(stack_);
  address_space_ = nullptr;
  reply_token_.drop();
  if (counted_) task_->thread_leaving(this);
}

void Thread::operator delete(Thread* thread, std::destroying_delete_t) {
  Task* const task = thread->counted_ ? thread->task_ : nullptr;
  thread->~Thread();
  ::operator delete(thread);
  if (task != nullptr) task->thread_freed();  // last: the task's creator may free it right after
}

Thread* Thread::allocate(Entry entry, void* arg, uint32_t priority, Affinity affinity) {
  auto* t = new (std::nothrow) Thread(priority, affinity);
  if (t == nullptr) return nullptr;
  t->stack_ = static_cast<uint8_t*>(g_kernel_heap.alloc(kKernelStackBytes, 16));
  if (t->stack_ == nullptr) {
    delete t;
    return nullptr;
  }
  t->entry_ = entry;
  t->arg_ = arg;
  t->stack_top_ = reinterpret_cast<uint64_t>(t->stack_ + kKernelStackBytes);
  t->saved_rsp_ = arch::prepare_kernel_stack(t->stack_top_, t);
  return t;
}

Result<RefPtr<Thread>> Thread::create_kernel(Entry entry, void* arg, uint32_t priority,
                                             Affinity affinity) {
  if (priority >= kPriorityCount || entry == nullptr) return Status::kInvalidArgument;
  if (affinity.is_pinned() && !arch::online_cpus().contains(affinity.cpu())) {
    return Status::kInvalidArgument;
  }
  Thread* t = allocate(entry, arg, priority, affinity);
  if (t == nullptr) return Status::kNoMemory;
  RefPtr<Thread> thread = RefPtr<Thread>::adopt(t);
  t->publish();
  sched::start(t);
  return thread;
}

Result<RefPtr<Thread>> Thread::create_user(Task& task, uint64_t rip, uint64_t rsp, uint64_t arg,
                                           uint32_t priority, Affinity affinity) {
  if (priority >= kPriorityCount) return Status::kInvalidArgument;
  if (affinity.is_pinned() && !arch::online_cpus().contains(affinity.cpu())) {
    return Status::kInvalidArgument;
  }
  Thread* t = allocate(user_entry, nullptr, priority, affinity);
  if (t == nullptr) return Status::kNoMemory;
  t->arg_ = t;
  t->task_ = &task;
  t->is_user_ = true;
  t->user_rip_ = rip;
  t->user_rsp_ = rsp;
  t->user_arg_ = arg;
  t->address_space_ = task.address_space_ref();
  t->io_ports_ = &task.io_ports();
  t->user_traps_ = arch::user_thread_traps();
  t->publish();
  return RefPtr<Thread>::adopt(t);
}

void Thread::start_user() {
  ASSERT(is_user_ && !counted_);
  task_->thread_added(this);
  counted_ = true;
  sched::start(this);
}

void Thread::user_entry(void* thread) {
  auto* self = static_cast<Thread*>(thread);
  arch::disable_interrupts();
  arch::enter_user_thread(self->user_rip_, self->user_rsp_, self->user_arg_);
}

void Thread::set_address_space(RefPtr<AddressSpace> space) { address_space_ = std::move(space); }

void Thread::join() {
  ASSERT(sched::current() != this);
  WaitQueue::Locked locked(exit_waiters_);
  while (!exited_) exit_waiters_.block(locked);
}

void thread_exit() { sched::exit_current(); }
