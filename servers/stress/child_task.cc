// A stress_child task a workload spawned (child_task.h).
#include "servers/stress/child_task.h"

#include <utility>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/mutex.h"
#include "libsys/syscall_stubs.h"
#include "servers/stress/command_protocol.h"
#include "servers/stress/controller_slots.h"

namespace stress {
namespace {

// One spawn at a time lands in kStressSpawnLandingSlot (controller_slots.h says why).
sys::Mutex g_landing;

}  // namespace

Result<sys::Cap> spawn_child_task(const Context& ctx, const char* args) {
  char line[128] = "stress_child ";
  size_t n = __builtin_strlen(line);
  for (const char* c = args; *c != '\0' && n + 1 < sizeof line; ++c) line[n++] = *c;
  line[n] = '\0';
  return spawn_module_task(ctx.slots().child_module, line);
}

Result<sys::Cap> spawn_module_task(uint32_t module, const char* line) {
  const size_t n = __builtin_strlen(line);
  sys::MutexGuard guard(g_landing);
  const Status spawned = sys_task_spawn(module, line, n, kStressSpawnLandingSlot).status;
  // kAlreadyExists: a lowest-free pick took the landing slot, so the space is full.
  if (spawned == Status::kAlreadyExists) return Status::kNoSpace;
  if (spawned != Status::kOk) return spawned;
  const SyscallResult moved = sys_cap_move(kStressSpawnLandingSlot, kCapSlotAny);
  if (moved.status != Status::kOk) {
    (void)sys_cap_delete(kStressSpawnLandingSlot);  // unstarted: the task goes with it
    return moved.status;
  }
  return sys::Cap(static_cast<uint32_t>(moved.extra));
}

Status ChildTask::spawn(const Context& ctx, const char* args) {
  release();
  const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
  if (endpoint.status != Status::kOk) return endpoint.status;
  sys::Cap endpoint_cap(static_cast<uint32_t>(endpoint.extra));
  Result<sys::Cap> task = spawn_child_task(ctx, args);
  if (!task.is_ok()) return task.status();
  sys::Cap task_cap = task.release_value();
  Status s = sys_task_set_supervisor(task_cap.slot(), endpoint_cap.slot()).status;
  if (s == Status::kOk) {
    s = sys_task_grant(task_cap.slot(), endpoint_cap.slot(), kChildReportSlot, kCapWrite).status;
  }
  if (s != Status::kOk) return s;
  task_ = std::move(task_cap);
  endpoint_ = std::move(endpoint_cap);
  return Status::kOk;
}

Status ChildTask::grant(uint32_t slot, uint32_t target, uint32_t rights) const {
  return sys_task_grant(task_.slot(), slot, target, rights).status;
}

Status ChildTask::share_ports() const { return sys_task_share_ports(task_.slot()).status; }

Status ChildTask::start() const { return sys_task_start(task_.slot()).status; }

Status ChildTask::receive(IpcMessage& m, uint64_t timeout_ns) {
  m = IpcMessage{};
  return sys_ipc_receive(endpoint_.slot(), &m, timeout_ns).status;
}

Status ChildTask::answer_and_receive(const IpcMessage& answer, IpcMessage& m, uint64_t timeout_ns) {
  m = answer;
  return sys_ipc_reply_receive(endpoint_.slot(), &m, timeout_ns).status;
}

Status ChildTask::command(uint64_t label, uint64_t word0, uint64_t word1, IpcMessage& reply) {
  const Status received = receive(reply);
  if (received != Status::kOk) return received;
  if (reply.label != kChildReady && reply.label != kChildResult) return Status::kOk;
  IpcMessage m;
  m.label = label;
  m.word_count = 2;
  m.words[0] = word0;
  m.words[1] = word1;
  return answer_and_receive(m, reply);
}

Status ChildTask::finish(uint64_t label) {
  IpcMessage m;
  const Status received = receive(m);
  if (received == Status::kOk) answer_all(label);
  return received;
}

void ChildTask::answer_all(uint64_t label) {
  IpcMessage m;
  m.label = label;
  // A timeout of 0: answers, then takes only what is queued; kTimedOut once nothing is. Bounded:
  // a child answers an unknown command by exiting, so it does not call again for ever.
  for (uint32_t i = 0;
       i < 16 && sys_ipc_reply_receive(endpoint_.slot(), &m, 0).status == Status::kOk; ++i) {
    m = IpcMessage{};
    m.label = label;
  }
}

Result<TaskEnd> ChildTask::end(bool holding) {
  if (holding) {
    answer_all(kChildExit);
  } else if (const Status received = finish(kChildExit); received != Status::kOk) {
    release();
    return received;
  }
  Result<TaskEnd> ended = wait();
  release();
  return ended;
}

Result<TaskEnd> ChildTask::wait() const {
  const SyscallResult r = sys_task_wait(task_.slot());
  if (r.status != Status::kOk) return r.status;
  return static_cast<TaskEnd>(r.extra);
}

Result<uint64_t> ChildTask::task_id() const {
  const CapIdentity identity = TRY(task_.identify());
  return identity.base;
}

Result<uint64_t> ChildTask::bitmap_id() const {
  const CapIdentity identity = TRY(task_.identify());
  return identity.count;
}

void ChildTask::release() {
  (void)endpoint_.reset();
  (void)task_.reset();
}

bool is_in8_port_fault(const IpcMessage& m, uint16_t port) {
  if (m.label != kFaultMessageLabel) return false;
  const FaultMessage f = fault_message_unpack(m.words);
  return f.kind == FaultKind::kPort && fault_port(f.detail) == port &&
         fault_port_width(f.detail) == 1 && !fault_port_is_out(f.detail);
}

}  // namespace stress
