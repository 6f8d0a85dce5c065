// TaskReaper: ends the tasks user space starts (task_start). The kernel code that starts a task
// itself (the program runner, init's start) waits for its threads and then lets go of it; a task
// started by another task has nobody in the kernel to do that, so one kernel thread does it for
// all of them: it holds a reference to each started task until the task's last thread has been
// freed, then exits the task (its capabilities go) and drops the reference. The task itself, with
// its address space and frames, goes when no capability names it any more.
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

 private:
  [[noreturn]] static void run(void*);
};
