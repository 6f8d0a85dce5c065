// vm_batch(address_space_slot, frames_slot, ops, count): the one mapping path (kernel/vm/
// vm_batch.h) on an AddressSpace capability, with frames from a Frames capability (or, read-only,
// a Module capability's pages). Decode: the
// two capabilities, the count, the operations copied in from user memory; then the batch, which
// vm_batch_apply checks whole before it changes anything (all or nothing). The extra result is
// the first bad operation's index, or `count` when the call as a whole is refused.
//
// vm_lookup(address_space_slot, va, count, entries): what the page tables map at [va, +count
// pages), one VmLookupEntry per page written to `entries`. For a holder of the AddressSpace
// capability with kCapWrite (whoever may change the mappings may read them). Decode: the slot,
// va page aligned (kUnaligned), count 1..kVmLookupMaxPages (kInvalidArgument for 0, kOutOfRange
// above), the range in the user half (kAccessDenied, kOverflow), the entries' user range; then the
// walk into a kernel buffer and one copy out (kNotFound: `entries` not writable).
#include <new>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/vm_lookup.h"
#include "kernel/object/task.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "kernel/syscall/user_memory.h"
#include "kernel/vm/address_space.h"

namespace {

// The operations, copied in: heap memory rather than 6 KiB of the syscall stack.
class CopiedOps {
 public:
  explicit CopiedOps(uint32_t count) : ops_(new (std::nothrow) VmOp[count == 0 ? 1 : count]) {}
  ~CopiedOps() { delete[] ops_; }
  CopiedOps(const CopiedOps&) = delete;
  CopiedOps& operator=(const CopiedOps&) = delete;
  VmOp* get() const { return ops_; }

 private:
  VmOp* ops_;
};

// The frames a batch may map: none for kCapSlotNone, else the Frames capability's range and the
// mapping rights its rights allow, or a Module capability's pages, readable at most (a boot image
// starts on a page: GRUB aligns modules; kUnaligned otherwise).
Result<FrameGrant> frames_of(const CapSpace& space, uint64_t word) {
  const uint32_t slot = TRY(decode_slot(word));
  if (slot == kCapSlotNone) return FrameGrant{};
  const CapInfo info = TRY(space.identify(slot));
  if (info.type == CapabilityType::kModule) {
    if (info.range.base % kPageSize != 0) return Status::kUnaligned;
    const uint64_t bytes = (info.range.size + kPageSize - 1) & ~(kPageSize - 1);
    return FrameGrant{Range<uint64_t>{info.range.base, bytes},
                      static_cast<uint8_t>(vm_rights_of(info.rights) & kVmRead)};
  }
  const CapLookup frames = TRY(space.lookup(slot, CapabilityType::kFrames, 0));
  return FrameGrant{frame_bytes_of(frames.info.range), vm_rights_of(frames.info.rights)};
}

}  // namespace

template <>
SyscallReturn handle_syscall<Syscall::vm_batch>(const SyscallArgs& args) {
  const uint64_t ops_address = args.word[2];
  const uint64_t count_word = args.word[3];
  // The whole call's errors report `count` as the bad index.
  const uint64_t whole = whole_call_index(count_word);
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState, whole);
  CapSpace& space = task->cap_space();

  Result<uint32_t> space_slot = decode_slot(args.word[0]);
  if (space_slot.is_error()) return syscall_return(space_slot.status(), whole);
  Result<CapLookup> target =
      space.lookup(space_slot.value(), CapabilityType::kAddressSpace, kCapWrite);
  if (target.is_error()) return syscall_return(target.status(), whole);
  Result<FrameGrant> frames = frames_of(space, args.word[1]);
  if (frames.is_error()) return syscall_return(frames.status(), whole);
  const Result<uint32_t> decoded =
      decode_user_array(ops_address, count_word, kVmBatchMaxOps, sizeof(VmOp));
  if (decoded.is_error()) return syscall_return(decoded.status(), whole);
  const uint32_t count = decoded.value();
  const uint64_t bytes = uint64_t{count} * sizeof(VmOp);
  if (count == 0) return syscall_return(Status::kOk);
  CopiedOps ops(count);
  if (ops.get() == nullptr) return syscall_return(Status::kNoMemory, whole);
  if (const Status s = copy_from_user(ops.get(), ops_address, bytes); s != Status::kOk) {
    return syscall_return(s, whole);
  }

  const RefPtr<AddressSpace> address_space = object_cast<AddressSpace>(target.value().object);
  const VmBatchResult result = address_space->apply(ops.get(), count, frames.value());
  if (result.ok()) return syscall_return(Status::kOk);
  const Status status = result.bad_index < count
                            ? vm_batch_refined_status(result.status, ops.get()[result.bad_index],
                                                      frames.value().frames)
                            : result.status;
  return syscall_return(status, result.bad_index);
}

template <>
SyscallReturn handle_syscall<Syscall::vm_lookup>(const SyscallArgs& args) {
  const uint64_t va = args.word[1];
  const uint64_t count = args.word[2];
  const uint64_t entries_address = args.word[3];
  Task* task = current_task();
  if (task == nullptr) return syscall_return(Status::kBadState);
  CapSpace& space = task->cap_space();
  const Result<uint32_t> slot = decode_slot(args.word[0]);
  if (slot.is_error()) return syscall_return(slot.status());
  const Result<CapLookup> target =
      space.lookup(slot.value(), CapabilityType::kAddressSpace, kCapWrite);
  if (target.is_error()) return syscall_return(target.status());
  if (va % kPageSize != 0) return syscall_return(Status::kUnaligned);
  if (count == 0) return syscall_return(Status::kInvalidArgument);
  if (count > kVmLookupMaxPages) return syscall_return(Status::kOutOfRange);
  const uint64_t bytes = count * kPageSize;
  if (va + bytes < va) return syscall_return(Status::kOverflow);
  if (va + bytes > kUserTop) return syscall_return(Status::kAccessDenied);
  const Result<uint32_t> decoded =
      decode_user_array(entries_address, count, kVmLookupMaxPages, sizeof(VmLookupEntry));
  if (decoded.is_error()) return syscall_return(decoded.status());
  // Walked into kernel memory first: a fault on the user's buffer must not happen under the
  // address space's lock.
  VmLookupEntry* out = new (std::nothrow) VmLookupEntry[count];
  if (out == nullptr) return syscall_return(Status::kNoMemory);
  const RefPtr<AddressSpace> address_space = object_cast<AddressSpace>(target.value().object);
  address_space->lookup_pages(va, static_cast<uint32_t>(count), out);
  const Status copied = copy_to_user(entries_address, out, count * sizeof(VmLookupEntry));
  delete[] out;
  return syscall_return(copied);
}
