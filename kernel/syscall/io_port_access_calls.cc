// io_in(io_ports_slot, port, width), io_out(io_ports_slot, port, width, value) and
// io_vector(io_ports_slot, ops, count): port I/O made by the kernel on behalf of a task that names
// an IoPorts capability (the seL4/MINIX path; docs/io-ports.md, "Port I/O by system call"). The
// capability need not be enabled. Decode, then invoke: the words (io_port_access_words.h), then
// the capability, its rights and range, every operation of a vector, and only then the accesses.
// The accesses run inside CapSpace::with_capability, under the capability-tree lock: a delete or
// revoke of the capability returns either before the check (the call is refused) or after the
// last access, never between the two, as for enabled ports (docs/io-ports.md).
#include "abi/portcullis/io_port_op.h"
#include "kernel/arch/arch.h"
#include "kernel/object/io_counters.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/io_port_access_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"

namespace {

// Under the capability-tree lock, interrupts off: this CPU's counters are safe to count into.
void perform(IoPortOp& op) {
  if (op.direction == IoPortDirection::kIn) {
    op.value = arch::io_port_read(op.port, op.width);
  } else {
    arch::io_port_write(op.port, op.width, op.value);
  }
  ++arch::io_counters_here().syscall_accesses;
}

SyscallReturn access_one(const SyscallArgs& args, IoPortDirection direction) {
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  Result<IoPortOp> op = decode_io_access(args.word[1], args.word[2], direction,
                                         direction == IoPortDirection::kOut ? args.word[3] : 0);
  if (op.is_error()) return syscall_return(op.status());
  const Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  const uint32_t right = direction == IoPortDirection::kIn ? kCapRead : kCapWrite;
  IoPortOp& access = op.value();
  const Status s = task->cap_space().with_capability(slot.value(), CapabilityType::kIoPorts, right,
                                                     [&access](const CapInfo& info) {
                                                       TRY(check_io_op_allowed(access, info));
                                                       perform(access);
                                                       return Status::kOk;
                                                     });
  if (s != Status::kOk) return syscall_return(s);
  return syscall_return(Status::kOk, direction == IoPortDirection::kIn ? access.value : 0);
}

struct VectorContext {
  IoPortOp* ops;
  uint32_t count;
  uint32_t bad_index;
};

// Every operation checked, then every access made: all or nothing up to the first access.
Status perform_vector(void* context, const CapInfo& info) {
  auto* c = static_cast<VectorContext*>(context);
  const IoVectorCheck check = check_io_vector(c->ops, c->count, info);
  if (check.status != Status::kOk) {
    c->bad_index = check.bad_index;
    return check.status;
  }
  for (uint32_t i = 0; i < c->count; ++i) perform(c->ops[i]);
  return Status::kOk;
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::io_in>(const SyscallArgs& args) {
  return access_one(args, IoPortDirection::kIn);
}

template <>
SyscallReturn handle_syscall<Syscall::io_out>(const SyscallArgs& args) {
  return access_one(args, IoPortDirection::kOut);
}

// rdx: the first bad operation's index, or `count` (capped to 32 bits) when the call as a whole
// is refused, or when it succeeded.
template <>
SyscallReturn handle_syscall<Syscall::io_vector>(const SyscallArgs& args) {
  const uint64_t ops_address = args.word[1];
  const uint64_t count_word = args.word[2];
  const uint64_t whole = whole_call_index(count_word);
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState, whole);
  const Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status(), whole);
  const Result<uint32_t> decoded =
      decode_user_array(ops_address, count_word, kIoVectorMaxOps, sizeof(IoPortOp));
  if (decoded.is_error()) return syscall_return(decoded.status(), whole);
  const uint32_t count = decoded.value();
  const uint64_t bytes = uint64_t{count} * sizeof(IoPortOp);
  // 512 bytes of the syscall stack, left uninitialised (IoPortOp's member initialisers would
  // cost a store per field of all 64 on every call): only the `count` copied in are read.
  union UncopiedOps {
    UncopiedOps() {}
    IoPortOp ops[kIoVectorMaxOps];
  } buffer;
  IoPortOp* ops = buffer.ops;
  if (const Status s = copy_from_user(ops, ops_address, bytes); s != Status::kOk) {
    return syscall_return(s, whole);
  }
  // The results go back into the same array: find out now, before any access, whether it can
  // take them (writing the bytes just read), so a read-only array is refused whole.
  if (const Status s = copy_to_user(ops_address, ops, bytes); s != Status::kOk) {
    return syscall_return(s, whole);
  }
  VectorContext context{ops, count, count};
  const Status s = task->cap_space().with_capability(slot.value(), CapabilityType::kIoPorts, 0,
                                                     perform_vector, &context);
  if (s != Status::kOk) return syscall_return(s, context.bad_index);
  // Only an unmap by another thread of this task since the probe above can fail here; the
  // accesses have been made, only their results are lost.
  return syscall_return(copy_to_user(ops_address, ops, bytes), count);
}
