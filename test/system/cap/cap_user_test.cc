// The capability calls and vm_batch from ring 3 (a module run by test=programs as a task with the
// initial capabilities of abi/portcullis/cap_slots.h): each call's success path and each error
// docs/syscalls.md lists for it, with the whole capability space identified before and after
// every refused call (nothing may change), revoke emptying derived slots, and memory mapped with
// the program's own Frames capability, used, and checked to be left as it was by refused batches.
// The program ends with mappings and derived capabilities in place: the runner checks that the
// task's exit gives back every frame and heap block.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

constexpr uint32_t kAllRights = kCapRead | kCapWrite | kCapGrant;
constexpr uint64_t kKernelPointer = 0xFFFFFFFF80000000;
constexpr uint64_t kUnmappedPointer = 0x10000000;
// Where the tests map their frames: far from the program image and the stack.
constexpr uint64_t kMapBase = 0x0000200000000000;

// Every slot's identity (an empty slot reads as type 0): what "nothing changed" compares.
struct SpaceSnapshot {
  CapIdentity slots[kTaskCapSlots];
  bool operator==(const SpaceSnapshot&) const = default;
};

SpaceSnapshot snapshot() {
  SpaceSnapshot s{};
  for (uint32_t i = 0; i < kTaskCapSlots; ++i) {
    const SyscallResult r = sys_cap_identify(i, &s.slots[i]);
    if (r.status != Status::kOk) s.slots[i] = CapIdentity{};
  }
  return s;
}

CapIdentity identify(uint32_t slot) {
  CapIdentity id{};
  const SyscallResult r = sys_cap_identify(slot, &id);
  TEST_ASSERT_STATUS(Status::kOk, r);
  return id;
}

// The initial Frames capability's first frame (physical address) and the one after its last.
uint64_t frames_base() { return identify(kSlotInitialFrames).base * kPageSize; }

SyscallResult batch(uint32_t space_slot, uint32_t frames_slot, const VmOp* ops, uint64_t count) {
  return sys_vm_batch(space_slot, frames_slot, ops, count);
}

// Whether the page at `va` is mapped (readable), asked without faulting: debug_write reads it and
// answers kNotFound for an unmapped page. Only a wrongly mapped page prints (one byte).
bool page_mapped(uint64_t va) { return sys_debug_write(va, 1).status != Status::kNotFound; }

// Deletes every slot from kFirstFreeSlot on, so each test starts from the initial space.
void clear_free_slots() {
  for (uint32_t i = kFirstFreeSlot; i < kTaskCapSlots; ++i) (void)sys_cap_delete(i);
}

// Runs `call`, which must be refused with `expected`, and checks the space did not change.
template <typename Call>
void expect_refused_unchanged(Status expected, Call call) {
  const SpaceSnapshot before = snapshot();
  const SyscallResult r = call();
  TEST_ASSERT_STATUS(expected, r);
  const SpaceSnapshot after = snapshot();
  TEST_ASSERT_TRUE(before == after);
}

// --- the initial space --------------------------------------------------------------------------

void test_initial_slots() {
  const CapIdentity task = identify(kSlotSelfTask);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kTask), task.type);
  TEST_ASSERT_EQUAL_UINT32(kAllRights, task.rights);
  TEST_ASSERT_EQUAL_UINT64(0, task.count);
  const CapIdentity space = identify(kSlotSelfAddressSpace);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kAddressSpace), space.type);
  TEST_ASSERT_EQUAL_UINT32(kAllRights, space.rights);
  const CapIdentity frames = identify(kSlotInitialFrames);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kFrames), frames.type);
  TEST_ASSERT_EQUAL_UINT32(kAllRights, frames.rights);
  TEST_ASSERT_EQUAL_UINT64(kInitialFramesPages, frames.count);
  TEST_ASSERT_TRUE(frames.base != 0);
  for (uint32_t i = kFirstFreeSlot; i < kTaskCapSlots; ++i) {
    CapIdentity id{};
    TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(i, &id));
  }
}

void test_cap_type() {
  SyscallResult r = sys_cap_type(kSlotSelfTask);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(CapabilityType::kTask), r.extra);
  r = sys_cap_type(kSlotInitialFrames);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(CapabilityType::kFrames), r.extra);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(kFirstFreeSlot));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(kTaskCapSlots));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(uint64_t{1} << 32));  // not slot 0
}

void test_cap_identify_errors() {
  CapIdentity id{};
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(kFirstFreeSlot, &id));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(kTaskCapSlots, &id));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(uint64_t{1} << 32 | 1, &id));
  // Bad pointers, in the user-pointer order; the pointer is checked before the slot.
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_cap_identify(kSlotSelfTask, kKernelPointer));
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_cap_identify(kFirstFreeSlot, kKernelPointer));
  TEST_ASSERT_STATUS(Status::kOverflow, sys_cap_identify(kSlotSelfTask, UINT64_MAX - 7));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_cap_identify(kSlotSelfTask, 8));
  TEST_ASSERT_STATUS(Status::kNotFound, sys_cap_identify(kSlotSelfTask, kUnmappedPointer));
  // Read-only memory (the program's code) is not writable for the result.
  TEST_ASSERT_STATUS(Status::kNotFound,
                     sys_cap_identify(kSlotSelfTask, reinterpret_cast<uint64_t>(&snapshot)));
}

// --- cap_copy -----------------------------------------------------------------------------------

void test_cap_copy_with_fewer_rights() {
  clear_free_slots();
  SyscallResult r = sys_cap_copy(kSlotSelfAddressSpace, 10, kCapRead, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(10, r.extra);
  const CapIdentity copy = identify(10);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kAddressSpace), copy.type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, copy.rights);
  // The lowest free slot.
  r = sys_cap_copy(kSlotSelfTask, kCapSlotAny, kAllRights, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(kFirstFreeSlot, r.extra);
  TEST_ASSERT_EQUAL_UINT32(kAllRights, identify(kFirstFreeSlot).rights);
  // A copy of a copy: rights only shrink.
  r = sys_cap_copy(10, 11, 0, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT32(0, identify(11).rights);
}

void test_cap_copy_narrows_frames() {
  clear_free_slots();
  const CapIdentity frames = identify(kSlotInitialFrames);
  const SyscallResult r =
      sys_cap_copy(kSlotInitialFrames, 5, kCapRead, kCapCopyNarrow, frames.base + 4, 8);
  TEST_ASSERT_STATUS(Status::kOk, r);
  const CapIdentity narrow = identify(5);
  TEST_ASSERT_EQUAL_UINT32(static_cast<uint32_t>(CapabilityType::kFrames), narrow.type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, narrow.rights);
  TEST_ASSERT_EQUAL_UINT64(frames.base + 4, narrow.base);
  TEST_ASSERT_EQUAL_UINT64(8, narrow.count);
  // The whole range again is allowed (not wider); the last frame alone too.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 6, kAllRights, kCapCopyNarrow,
                                               frames.base, frames.count));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 7, kAllRights, kCapCopyNarrow,
                                               frames.base + frames.count - 1, 1));
}

void test_cap_copy_errors_change_nothing() {
  clear_free_slots();
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 4, kCapRead, 0, 0, 0));
  const CapIdentity frames = identify(kSlotInitialFrames);
  const uint64_t base = frames.base;
  const uint64_t count = frames.count;
  // Empty or past the space (source and target), a slot word past 32 bits.
  expect_refused_unchanged(Status::kBadHandle,
                           [] { return sys_cap_copy(kFirstFreeSlot, 9, kCapRead, 0, 0, 0); });
  expect_refused_unchanged(Status::kBadHandle,
                           [] { return sys_cap_copy(kTaskCapSlots, 9, kCapRead, 0, 0, 0); });
  expect_refused_unchanged(Status::kBadHandle, [] {
    return sys_cap_copy(kSlotSelfTask, kTaskCapSlots, kCapRead, 0, 0, 0);
  });
  expect_refused_unchanged(Status::kBadHandle,
                           [] { return sys_cap_copy(uint64_t{1} << 32, 9, kCapRead, 0, 0, 0); });
  // Target occupied.
  expect_refused_unchanged(Status::kAlreadyExists, [] {
    return sys_cap_copy(kSlotSelfTask, kSlotInitialFrames, kCapRead, 0, 0, 0);
  });
  // Unknown rights bits, unknown flags, a range without the narrow flag.
  expect_refused_unchanged(Status::kInvalidArgument,
                           [] { return sys_cap_copy(kSlotSelfTask, 9, 1u << 4, 0, 0, 0); });
  expect_refused_unchanged(Status::kInvalidArgument, [] {
    return sys_cap_copy(kSlotSelfTask, 9, kCapRead, 0, uint64_t{1} << 40, 0);
  });
  expect_refused_unchanged(Status::kInvalidArgument,
                           [] { return sys_cap_copy(kSlotSelfTask, 9, kCapRead, 2, 0, 0); });
  expect_refused_unchanged(Status::kInvalidArgument,
                           [] { return sys_cap_copy(kSlotSelfTask, 9, kCapRead, 0, 1, 1); });
  // Rights wider than the source's (slot 4 has read only).
  expect_refused_unchanged(Status::kAccessDenied,
                           [] { return sys_cap_copy(4, 9, kCapRead | kCapWrite, 0, 0, 0); });
  // Narrowing a type without a range.
  expect_refused_unchanged(Status::kWrongType, [] {
    return sys_cap_copy(kSlotSelfTask, 9, kCapRead, kCapCopyNarrow, 0, 1);
  });
  // Ranges: zero count, wrapping, outside the source's (below, past, wider).
  expect_refused_unchanged(Status::kInvalidArgument, [=] {
    return sys_cap_copy(kSlotInitialFrames, 9, kCapRead, kCapCopyNarrow, base, 0);
  });
  expect_refused_unchanged(Status::kOverflow, [] {
    return sys_cap_copy(kSlotInitialFrames, 9, kCapRead, kCapCopyNarrow, UINT64_MAX, 2);
  });
  expect_refused_unchanged(Status::kOutOfRange, [=] {
    return sys_cap_copy(kSlotInitialFrames, 9, kCapRead, kCapCopyNarrow, base - 1, 2);
  });
  expect_refused_unchanged(Status::kOutOfRange, [=] {
    return sys_cap_copy(kSlotInitialFrames, 9, kCapRead, kCapCopyNarrow, base + count, 1);
  });
  expect_refused_unchanged(Status::kOutOfRange, [=] {
    return sys_cap_copy(kSlotInitialFrames, 9, kCapRead, kCapCopyNarrow, base, count + 1);
  });
  // A derived capability cannot be widened back either.
  expect_refused_unchanged(Status::kAccessDenied,
                           [] { return sys_cap_copy(4, 9, kCapRead | kCapGrant, 0, 0, 0); });
}

void test_cap_copy_fills_the_space() {
  clear_free_slots();
  for (uint32_t i = kFirstFreeSlot; i < kTaskCapSlots; ++i) {
    const SyscallResult r = sys_cap_copy(kSlotSelfTask, kCapSlotAny, kCapRead, 0, 0, 0);
    TEST_ASSERT_STATUS(Status::kOk, r);
    TEST_ASSERT_EQUAL_UINT64(i, r.extra);
  }
  expect_refused_unchanged(
      Status::kNoSpace, [] { return sys_cap_copy(kSlotSelfTask, kCapSlotAny, kCapRead, 0, 0, 0); });
  clear_free_slots();
}

// --- cap_move, cap_delete, cap_revoke
// -------------------------------------------------------------

void test_cap_move() {
  clear_free_slots();
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 8, kCapRead, 0, 0, 0));
  const CapIdentity before = identify(8);
  SyscallResult r = sys_cap_move(8, 20);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(20, r.extra);
  TEST_ASSERT_TRUE(before == identify(20));
  CapIdentity id{};
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(8, &id));
  r = sys_cap_move(20, kCapSlotAny);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(kFirstFreeSlot, r.extra);
  // The moved capability is still under its parent: revoking the parent's children reaches it.
  r = sys_cap_revoke(kSlotInitialFrames);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(1, r.extra);
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(kFirstFreeSlot, &id));

  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfTask, 8, kCapRead, 0, 0, 0));
  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_move(9, 10); });
  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_move(8, kTaskCapSlots); });
  expect_refused_unchanged(Status::kBadHandle,
                           [] { return sys_cap_move(uint64_t{1} << 32 | 8, 9); });
  expect_refused_unchanged(Status::kAlreadyExists,
                           [] { return sys_cap_move(8, kSlotSelfAddressSpace); });
}

void test_cap_delete() {
  clear_free_slots();
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfTask, 12, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(12));
  CapIdentity id{};
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(12, &id));
  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_delete(12); });  // stale
  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_delete(kTaskCapSlots); });
  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_delete(UINT64_MAX); });
}

void test_revoke_empties_derived_slots() {
  clear_free_slots();
  // frames -> 5 -> 6 -> 7, and frames -> 8; 9 is a copy of the task (another tree).
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 5, kAllRights, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(5, 6, kCapRead | kCapWrite, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(6, 7, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 8, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfTask, 9, kCapRead, 0, 0, 0));
  const CapIdentity five = identify(5);

  SyscallResult r = sys_cap_revoke(5);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(2, r.extra);
  CapIdentity id{};
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(6, &id));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(7, &id));
  TEST_ASSERT_TRUE(five == identify(5));  // kept
  TEST_ASSERT_EQUAL_UINT32(kCapRead, identify(8).rights);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, identify(9).rights);
  // Nothing left below 5.
  r = sys_cap_revoke(5);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(0, r.extra);

  // A deleted middle capability still passes the revoke on to its children.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(5, 6, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(6, 7, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(6));
  r = sys_cap_revoke(kSlotInitialFrames);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(3, r.extra);  // 5, 7 and 8
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(5, &id));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(7, &id));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_identify(8, &id));
  TEST_ASSERT_EQUAL_UINT32(kCapRead, identify(9).rights);  // another tree

  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_revoke(6); });
  expect_refused_unchanged(Status::kBadHandle, [] { return sys_cap_revoke(kTaskCapSlots); });
  expect_refused_unchanged(Status::kBadHandle,
                           [] { return sys_cap_revoke(uint64_t{1} << 33 | kSlotSelfTask); });
}

// --- vm_batch -----------------------------------------------------------------------------------

volatile uint64_t* word_at(uint64_t va) { return reinterpret_cast<volatile uint64_t*>(va); }

void test_vm_batch_maps_frames_and_the_memory_works() {
  const uint64_t frame = frames_base();
  const VmOp map[] = {vm_map_op(kMapBase, frame, 4, kVmRead | kVmWrite)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, map, 1));
  for (uint64_t p = 0; p < 4; ++p) {
    TEST_ASSERT_EQUAL_UINT64(0, *word_at(kMapBase + p * kPageSize));  // zeroed frames
    *word_at(kMapBase + p * kPageSize + 8) = 0xC0DE0000 + p;
  }
  // The same frames at a second address show the same bytes.
  const VmOp alias[] = {vm_map_op(kMapBase + 0x100000, frame + kPageSize, 2, kVmRead)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, alias, 1));
  TEST_ASSERT_EQUAL_UINT64(0xC0DE0001, *word_at(kMapBase + 0x100000 + 8));
  TEST_ASSERT_EQUAL_UINT64(0xC0DE0002, *word_at(kMapBase + 0x100000 + kPageSize + 8));
  // Unmap the alias (no frames needed), protect and unmap the rest in one batch.
  const VmOp unmap_alias[] = {vm_unmap_op(kMapBase + 0x100000, 2)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kCapSlotNone, unmap_alias, 1));
  TEST_ASSERT_FALSE(page_mapped(kMapBase + 0x100000));
  const VmOp change[] = {vm_protect_op(kMapBase, 1, kVmRead), vm_unmap_op(kMapBase + kPageSize, 3)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, change, 2));
  TEST_ASSERT_EQUAL_UINT64(0xC0DE0000, *word_at(kMapBase + 8));
  TEST_ASSERT_FALSE(page_mapped(kMapBase + kPageSize));
  // Zero operations: nothing to do.
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, nullptr, 0));
  const VmOp cleanup[] = {vm_unmap_op(kMapBase, 1)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kCapSlotNone, cleanup, 1));
}

void test_vm_batch_capability_errors() {
  clear_free_slots();
  const VmOp map[] = {vm_map_op(kMapBase, frames_base(), 1, kVmRead)};
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfAddressSpace, 10, kCapRead, 0, 0, 0));
  struct Case {
    uint64_t space_slot;
    uint64_t frames_slot;
    Status expected;
  };
  const Case cases[] = {
      {kFirstFreeSlot, kSlotInitialFrames, Status::kBadHandle},         // empty
      {kTaskCapSlots, kSlotInitialFrames, Status::kBadHandle},          // past the space
      {uint64_t{1} << 32 | 1, kSlotInitialFrames, Status::kBadHandle},  // a word past 32 bits
      {kSlotSelfAddressSpace, kFirstFreeSlot, Status::kBadHandle},
      {kSlotSelfAddressSpace, kCapSlotAny, Status::kBadHandle},
      {kSlotInitialFrames, kSlotInitialFrames, Status::kWrongType},
      {kSlotSelfAddressSpace, kSlotSelfTask, Status::kWrongType},
      {10, kSlotInitialFrames, Status::kAccessDenied},  // no kCapWrite on the address space
  };
  for (const Case& c : cases) {
    const SpaceSnapshot before = snapshot();
    const SyscallResult r = sys_vm_batch(c.space_slot, c.frames_slot, map, 1);
    TEST_ASSERT_STATUS(c.expected, r);
    TEST_ASSERT_EQUAL_UINT64(1, r.extra);  // the call as a whole: bad_index = count
    TEST_ASSERT_TRUE(before == snapshot());
    TEST_ASSERT_FALSE(page_mapped(kMapBase));
  }
}

void test_vm_batch_pointer_and_length_errors() {
  const VmOp map[] = {vm_map_op(kMapBase, frames_base(), 1, kVmRead)};
  auto call = [](uint64_t ops, uint64_t count) {
    return sys_vm_batch(kSlotSelfAddressSpace, kSlotInitialFrames, ops, count);
  };
  SyscallResult r = call(reinterpret_cast<uint64_t>(map), kVmBatchMaxOps + 1);
  TEST_ASSERT_STATUS(Status::kOutOfRange, r);
  TEST_ASSERT_EQUAL_UINT64(kVmBatchMaxOps + 1, r.extra);
  TEST_ASSERT_STATUS(Status::kOutOfRange, call(reinterpret_cast<uint64_t>(map), UINT64_MAX));
  TEST_ASSERT_STATUS(Status::kAccessDenied, call(kKernelPointer, 1));
  TEST_ASSERT_STATUS(Status::kOverflow, call(UINT64_MAX - 8, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, call(16, 1));
  r = call(kUnmappedPointer, 2);
  TEST_ASSERT_STATUS(Status::kNotFound, r);
  TEST_ASSERT_EQUAL_UINT64(2, r.extra);
  TEST_ASSERT_FALSE(page_mapped(kMapBase));
}

// A batch refused at operation 2 leaves the pages exactly as they were: the earlier unmap and
// protect did not happen (the memory reads and writes as before), the earlier map did not either.
void test_vm_batch_refused_changes_no_mapping() {
  const uint64_t frame = frames_base();
  const uint64_t kept = kMapBase + 0x200000;
  const VmOp setup[] = {vm_map_op(kept, frame + 8 * kPageSize, 2, kVmRead | kVmWrite)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, setup, 1));
  *word_at(kept) = 0x5AFE;
  *word_at(kept + kPageSize) = 0x5AFF;

  VmOp bad_flags = vm_map_op(kMapBase, frame, 1, kVmRead);
  bad_flags.reserved = 1;
  VmOp bad_kind = vm_unmap_op(kMapBase, 1);
  bad_kind.kind = static_cast<VmOpKind>(9);
  VmOp unaligned = vm_map_op(kMapBase + 1, frame, 1, kVmRead);
  const VmOp frames_outside =
      vm_map_op(kMapBase, frame + kInitialFramesPages * kPageSize, 1, kVmRead);
  const VmOp frames_below = vm_map_op(kMapBase, frame - kPageSize, 2, kVmRead);
  const VmOp exec = vm_map_op(kMapBase, frame, 1, kVmRead | kVmExec);  // the cap has no execute
  const VmOp over_kept = vm_map_op(kept + kPageSize, frame, 1, kVmRead);
  const VmOp kernel_half = vm_map_op(kUserTop, frame, 1, kVmRead);
  struct Case {
    VmOp third;
    Status expected;
  };
  const Case cases[] = {
      {bad_flags, Status::kInvalidArgument}, {bad_kind, Status::kInvalidArgument},
      {unaligned, Status::kUnaligned},       {frames_outside, Status::kOutOfRange},
      {frames_below, Status::kOutOfRange},   {exec, Status::kAccessDenied},
      {over_kept, Status::kAlreadyExists},   {kernel_half, Status::kAccessDenied},
  };
  for (const Case& c : cases) {
    const VmOp ops[] = {vm_unmap_op(kept, 1), vm_protect_op(kept + kPageSize, 1, kVmRead), c.third,
                        vm_map_op(kMapBase + 0x10000, frame, 1, kVmRead)};
    const SpaceSnapshot before = snapshot();
    const SyscallResult r = batch(kSlotSelfAddressSpace, kSlotInitialFrames, ops, 4);
    TEST_ASSERT_STATUS(c.expected, r);
    TEST_ASSERT_EQUAL_UINT64(2, r.extra);
    TEST_ASSERT_TRUE(before == snapshot());
    TEST_ASSERT_EQUAL_UINT64(0x5AFE, *word_at(kept));  // still mapped, same frame
    *word_at(kept + kPageSize) = 0x5B00;               // still writable
    TEST_ASSERT_EQUAL_UINT64(0x5B00, *word_at(kept + kPageSize));
    *word_at(kept + kPageSize) = 0x5AFF;
    TEST_ASSERT_FALSE(page_mapped(kMapBase));
    TEST_ASSERT_FALSE(page_mapped(kMapBase + 0x10000));
  }
  // Without a Frames capability nothing can be mapped or protected; unmaps still work.
  const VmOp map_without[] = {vm_map_op(kMapBase, frame, 1, kVmRead)};
  SyscallResult r = batch(kSlotSelfAddressSpace, kCapSlotNone, map_without, 1);
  TEST_ASSERT_STATUS(Status::kOutOfRange, r);
  TEST_ASSERT_EQUAL_UINT64(0, r.extra);
  const VmOp protect_without[] = {vm_protect_op(kept, 1, kVmRead)};
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     batch(kSlotSelfAddressSpace, kCapSlotNone, protect_without, 1));
  TEST_ASSERT_EQUAL_UINT64(0x5AFE, *word_at(kept));
  const VmOp cleanup[] = {vm_unmap_op(kept, 2)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kCapSlotNone, cleanup, 1));
}

// A derived Frames capability bounds what it maps: its rights and its narrower range.
void test_vm_batch_rights_never_wider_than_the_frames_cap() {
  clear_free_slots();
  const CapIdentity frames = identify(kSlotInitialFrames);
  const uint64_t frame = frames.base * kPageSize;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotInitialFrames, 5, kCapRead, kCapCopyNarrow,
                                               frames.base + 16, 4));
  const VmOp write[] = {vm_map_op(kMapBase, frame + 16 * kPageSize, 1, kVmRead | kVmWrite)};
  SyscallResult r = batch(kSlotSelfAddressSpace, 5, write, 1);
  TEST_ASSERT_STATUS(Status::kAccessDenied, r);
  TEST_ASSERT_EQUAL_UINT64(0, r.extra);
  const VmOp outside[] = {vm_map_op(kMapBase, frame + 20 * kPageSize, 1, kVmRead)};
  TEST_ASSERT_STATUS(Status::kOutOfRange, batch(kSlotSelfAddressSpace, 5, outside, 1));
  const VmOp read[] = {vm_map_op(kMapBase, frame + 16 * kPageSize, 4, kVmRead)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, 5, read, 1));
  TEST_ASSERT_EQUAL_UINT64(0, *word_at(kMapBase + 3 * kPageSize));
  // Protecting to writable needs a capability that allows it, the initial one does.
  const VmOp writable[] = {vm_protect_op(kMapBase, 1, kVmRead | kVmWrite)};
  TEST_ASSERT_STATUS(Status::kAccessDenied, batch(kSlotSelfAddressSpace, 5, writable, 1));
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, writable, 1));
  *word_at(kMapBase) = 77;
  TEST_ASSERT_EQUAL_UINT64(77, *word_at(kMapBase));
  // Mapped memory stays mapped after its capability is revoked or deleted (docs/syscalls.md):
  // left in place here, for the task's exit to return.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(5));
  TEST_ASSERT_EQUAL_UINT64(77, *word_at(kMapBase));
}

// The program ends holding mappings and derived capabilities: the kernel's exit of the task must
// still give back every frame and heap block (the runner checks and fails the boot otherwise).
void test_leave_state_behind_for_exit() {
  const uint64_t frame = frames_base();
  const VmOp map[] = {vm_map_op(kMapBase + 0x400000, frame + 24 * kPageSize, 8, kVmRead | kVmWrite),
                      vm_map_op(kMapBase + 0x7FC00000, frame + 24 * kPageSize, 8, kVmRead)};
  TEST_ASSERT_STATUS(Status::kOk, batch(kSlotSelfAddressSpace, kSlotInitialFrames, map, 2));
  *word_at(kMapBase + 0x400000) = 1;
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfTask, 30, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(30, 31, kCapRead, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(kSlotSelfAddressSpace, 32, kAllRights, 0, 0, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(30));  // a dead node with a child
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_initial_slots);
  RUN_TEST(test_cap_type);
  RUN_TEST(test_cap_identify_errors);
  RUN_TEST(test_cap_copy_with_fewer_rights);
  RUN_TEST(test_cap_copy_narrows_frames);
  RUN_TEST(test_cap_copy_errors_change_nothing);
  RUN_TEST(test_cap_copy_fills_the_space);
  RUN_TEST(test_cap_move);
  RUN_TEST(test_cap_delete);
  RUN_TEST(test_revoke_empties_derived_slots);
  RUN_TEST(test_vm_batch_maps_frames_and_the_memory_works);
  RUN_TEST(test_vm_batch_capability_errors);
  RUN_TEST(test_vm_batch_pointer_and_length_errors);
  RUN_TEST(test_vm_batch_refused_changes_no_mapping);
  RUN_TEST(test_vm_batch_rights_never_wider_than_the_frames_cap);
  RUN_TEST(test_leave_state_behind_for_exit);
  return UNITY_END();
}
