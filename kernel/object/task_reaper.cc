#include "kernel/object/task_reaper.h"

#include <utility>

#include "base/assert.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/sched/wait_queue.h"

namespace {

// The adopted tasks (linked through Task::reap_next_) and their count, under the queue's lock;
// the reaper and wait_idle's callers block on it.
// Its own lock class: run() holds it while it asks each task (threads_gone) under the task's
// queue lock.
WaitQueue g_reaper_queue{LockClass::kReaperQueue};
Task* g_adopted = nullptr;
uint32_t g_pending = 0;  // adopted and not yet dropped
bool g_started = false;

}  // namespace

Status TaskReaper::start() {
  ASSERT(!g_started);
  Result<RefPtr<Thread>> thread =
      Thread::create_kernel(&TaskReaper::run, nullptr, kPriorityDefault, Affinity::any());
  if (thread.is_error()) return thread.status();
  g_started = true;  // the scheduler holds the thread from here on
  return Status::kOk;
}

bool TaskReaper::running() { return g_started; }

void TaskReaper::adopt(const RefPtr<Task>& task) {
  ASSERT(g_started);
  WaitQueue::Locked locked(g_reaper_queue);
  task->reap_hold_ = task;
  task->reap_next_ = g_adopted;
  g_adopted = task.get();
  ++g_pending;
  g_reaper_queue.wake_all_locked();  // its threads may all have ended already
}

void TaskReaper::threads_gone() {
  if (!g_started) return;
  WaitQueue::Locked locked(g_reaper_queue);
  g_reaper_queue.wake_all_locked();
}

void TaskReaper::wait_idle() {
  WaitQueue::Locked locked(g_reaper_queue);
  while (g_pending != 0) g_reaper_queue.block(locked);
}

uint64_t TaskReaper::backlog() {
  WaitQueue::Locked locked(g_reaper_queue);
  uint64_t listed = 0;
  uint64_t ended = 0;
  for (Task* task = g_adopted; task != nullptr; task = task->reap_next_) {
    ++listed;
    if (task->threads_exited()) ++ended;
  }
  return ended + (g_pending - listed);  // taken off the list, not yet dropped
}

RefPtr<Task> TaskReaper::take_done_locked() {
  for (Task** link = &g_adopted; *link != nullptr; link = &(*link)->reap_next_) {
    Task* task = *link;
    if (!task->threads_gone()) continue;
    *link = task->reap_next_;
    task->reap_next_ = nullptr;
    return std::move(task->reap_hold_);
  }
  return nullptr;
}

void TaskReaper::finish(RefPtr<Task> done) {
  // Outside the lock, interrupts on: removing capabilities and freeing the task's memory.
  done->exit();
  done = nullptr;
  WaitQueue::Locked locked(g_reaper_queue);
  --g_pending;
  g_reaper_queue.wake_all_locked();  // wait_idle
}

uint32_t TaskReaper::reap_here(uint32_t max) {
  if (!g_started) return 0;
  uint32_t reaped = 0;
  while (reaped < max) {
    RefPtr<Task> done;
    {
      WaitQueue::Locked locked(g_reaper_queue);
      done = take_done_locked();
    }
    if (done == nullptr) break;
    finish(std::move(done));
    ++reaped;
  }
  return reaped;
}

void TaskReaper::run(void*) {
  for (;;) {
    RefPtr<Task> done;
    {
      WaitQueue::Locked locked(g_reaper_queue);
      while ((done = take_done_locked()) == nullptr) g_reaper_queue.block(locked);
    }
    finish(std::move(done));
  }
}
