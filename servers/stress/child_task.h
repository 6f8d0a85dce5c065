// A stress_child task a workload spawned (command_protocol.h), with the endpoint that is both its
// supervisor and where it reports: spawn, grant, start, command it, collect its end. The
// capabilities (its Task and the endpoint) are sys::Caps, deleted with the object.
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "abi/portcullis/task_end.h"
#include "base/result.h"
#include "libsys/cap.h"
#include "servers/stress/workload.h"

namespace stress {

// How long a workload waits for a child's message before calling it a violation: long enough for
// a loaded host under Bochs.
inline constexpr uint64_t kChildAnswerNs = 60ull * 1000 * 1000 * 1000;

class ChildTask {
 public:
  // Spawns `stress_child <args>` from the controller's Module capability, supervised by a new
  // endpoint granted into the child's kChildReportSlot; not started. task_spawn's,
  // endpoint_create's and task_grant's answers (kNoSpace when the controller's slots are all in
  // use).
  [[nodiscard]] Status spawn(const Context& ctx, const char* args);
  // task_grant of the caller's `slot` into the child's `target` with `rights`.
  [[nodiscard]] Status grant(uint32_t slot, uint32_t target, uint32_t rights) const;
  [[nodiscard]] Status share_ports() const;
  [[nodiscard]] Status start() const;

  // Takes the child's waiting call (kChildReady or kChildResult) and answers it with `command`;
  // `reply` is what comes next: the child's result, a fault message, or another call. A first
  // message that is not a ready or result call is handed back in `reply` unanswered.
  [[nodiscard]] Status command(uint64_t label, uint64_t word0, uint64_t word1, IpcMessage& reply);
  // Takes the child's waiting call and answers it with `label` as its last command (exit), and
  // anything queued after it with the same; the receive's answer.
  [[nodiscard]] Status finish(uint64_t label);
  // The next message (drops a held call first: the child calls again).
  [[nodiscard]] Status receive(IpcMessage& m, uint64_t timeout_ns = kChildAnswerNs);
  // Answers the held call with `answer` and receives the next message.
  [[nodiscard]] Status answer_and_receive(const IpcMessage& answer, IpcMessage& m,
                                          uint64_t timeout_ns = kChildAnswerNs);
  // Answers the held call with `label`, and anything queued after it too, until nothing is.
  void answer_all(uint64_t label);

  // Ends a started child that runs no spinner: answers the call it holds (`holding`) or the next
  // message with kChildExit (to a call: its main returns; to a fault message: any answer but
  // resume kills), waits for the end and releases the capabilities. Merely deleting them would
  // leave a child blocked for ever in its call: its own capability keeps the endpoint alive.
  // kTimedOut (the capabilities released, the child left as it is) when no message came.
  Result<TaskEnd> end(bool holding);
  // task_wait: how it ended.
  [[nodiscard]] Result<TaskEnd> wait() const;
  // Its kernel-wide task id (what fault messages carry) and the id of the I/O bitmap its ports
  // are in (0: none), through cap_identify of the Task capability.
  [[nodiscard]] Result<uint64_t> task_id() const;
  [[nodiscard]] Result<uint64_t> bitmap_id() const;
  // Deletes the endpoint and the Task capability: for a child not started, or one that has
  // ended or will end on its own (a child blocked in a call stays blocked).
  void release();
  bool spawned() const { return task_.valid(); }

 private:
  sys::Cap task_;
  sys::Cap endpoint_;
};

// `stress_child <args>` spawned from the controller's Module capability, not started, with no
// supervisor: its Task capability. task_spawn's answers (kNoSpace: no free slot).
[[nodiscard]] Result<sys::Cap> spawn_child_task(const Context& ctx, const char* args);
// The same for any Module capability of the controller's (`module`) and a whole `line` (its name
// first): how the fuzz workload spawns syscall_fuzz.
[[nodiscard]] Result<sys::Cap> spawn_module_task(uint32_t module, const char* line);

// A fault message's port fault on `port`, 8 bits, IN: what a closed port's access must give.
bool is_in8_port_fault(const IpcMessage& m, uint16_t port);

}  // namespace stress
