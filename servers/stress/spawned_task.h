// stress::SpawnedTask: a task the controller spawned from a Module capability
// (spawn_module_task, child_task.h), its Task capability owned (deleted with it, which frees an
// unstarted or ended task). The workloads that start programs of their own (kill, crash, fuzz) use
// it; docs/init.md has the task calls.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/task_end.h"
#include "base/result.h"
#include "libsys/cap.h"
#include "libsys/syscall_stubs.h"
#include "servers/stress/child_task.h"

namespace stress {

class SpawnedTask {
 public:
  // task_spawn of `module_slot` with `line` (name and arguments), not started
  // (spawn_module_task's answers).
  [[nodiscard]] static Result<SpawnedTask> spawn(uint32_t module_slot, const char* line) {
    return SpawnedTask(TRY(spawn_module_task(module_slot, line)));
  }

  uint32_t slot() const { return task_.slot(); }
  // The kernel-wide id fault messages name the task by (cap_identify's base).
  [[nodiscard]] Result<uint32_t> id() const {
    const CapIdentity identity = TRY(task_.identify());
    return static_cast<uint32_t>(identity.base);
  }
  [[nodiscard]] Status set_supervisor(uint32_t endpoint_slot) const {
    return sys_task_set_supervisor(task_.slot(), endpoint_slot).status;
  }
  // A capability derived from our `slot` into the task's `target_slot`.
  [[nodiscard]] Status grant(uint32_t slot, uint32_t target_slot, uint32_t rights) const {
    return sys_task_grant(task_.slot(), slot, target_slot, rights).status;
  }
  [[nodiscard]] Status start() const { return sys_task_start(task_.slot()).status; }
  // Blocks until every thread of the task has ended.
  [[nodiscard]] Result<TaskEnd> wait() const {
    const SyscallResult r = sys_task_wait(task_.slot());
    if (r.status != Status::kOk) return r.status;
    return static_cast<TaskEnd>(r.extra);
  }

 private:
  explicit SpawnedTask(sys::Cap task) : task_(static_cast<sys::Cap&&>(task)) {}
  sys::Cap task_;
};

}  // namespace stress
