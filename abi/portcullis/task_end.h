// How a task ended, as task_wait answers it (its extra result).
#pragma once

#include <stdint.h>

enum class TaskEnd : uint64_t {
  kExited = 0,   // its last thread called thread_exit
  kFaulted = 1,  // a thread faulted and the task was killed
  kKilled = 2,   // task_kill ended it (its holder asked; no fault)
};
