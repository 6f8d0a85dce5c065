// TaskReaper: ends the tasks user space starts (task_start). The kernel code that starts a task
// itself (the program runner, init's start) waits for its threads and then lets go of it; a task
// started by another task has nobody in the kernel to do that, so one kernel thread does it for
// all of them: it holds a reference to each started task until the task's last thread has been
// freed, then exits the task (its capabilities go) and drops the reference. The task itself, with
// its address space and frames, goes when no capability names it any more.
//
// The reaper thread runs at the default level, so servers and busy programs above it can starve
// it; ended tasks would then keep their memory until task_spawn fails for want of it (a stress run
// with 8 CPUs saw that). So task_spawn also reaps on the calling thread first (reap_here: direct
// reclaim, as Linux's allocators do): whoever makes tasks pays for ended ones, at its own level,
// and the dead can never pile up faster than the living are made. (Raising the reaper's level
// instead made it take whole CPUs from pinned threads for seconds at a time.)
//
// Lock order: the reaper's lock, then a task's thread-accounting lock (threads_gone).
#pragma once

#include "abi/portcullis/status.h"
#include "kernel/lib/ref_ptr.h"

class Task;

class TaskReaper {
 public:
  // The reaper's thread; once, at boot, before the first adopt. kNoMemory.
  [[nodiscard]] static Status start();
  // Whether start() has run: a boot without init has no reaper, and task_start refuses.
  static bool running();
  // Takes a reference to a task whose first thread has just started.
  static void adopt(const RefPtr<Task>& task);
  // From Task::thread_freed, when a task's last thread has been freed.
  static void threads_gone();
  // Blocks until every adopted task has been reaped (the reference dropped).
  static void wait_idle();
  // Adopted tasks whose threads have all exited and that the reaper has not let go of yet (the
  // ones it is ending now included): what is left to free without anyone else acting.
  static uint64_t backlog();
  // Ends up to `max` tasks whose threads have all been freed, on the calling thread (no locks
  // held, interrupts on): the reaper's work, done by task_spawn before it makes a task. How many.
  static uint32_t reap_here(uint32_t max);

 private:
  [[noreturn]] static void run(void*);
  // Under the reaper's lock: the first adopted task whose threads have all been freed, taken off
  // the list (its hold moved to the result), or nullptr.
  static RefPtr<Task> take_done_locked();
  // Exits `done` and lets go of it, outside the lock; then counts it reaped (wait_idle wakes).
  static void finish(RefPtr<Task> done);
};
