// The argument words of the task calls (task_spawn, task_grant, task_start, task_wait), decoded:
// the checks that need no capability space. Plain C++: the host tests run it too.
#pragma once

#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/program_layout.h"
#include "base/result.h"
#include "kernel/syscall/cap_call_words.h"
#include "kernel/syscall/user_memory.h"

// task_spawn(module_slot, line, line_length, target_slot).
struct TaskSpawnRequest {
  uint32_t module_slot = 0;
  uint64_t line = 0;
  uint32_t line_length = 0;
  uint32_t target_slot = 0;
};

// In order: the slot words (kBadHandle); a line of 0 bytes (kInvalidArgument: it names the program)
// or of kProgramMaxLineBytes or more (kOutOfRange); the line's user range (check_user_range).
inline Result<TaskSpawnRequest> decode_task_spawn(const uint64_t (&word)[6]) {
  TaskSpawnRequest r;
  r.module_slot = TRY(decode_slot(word[0]));
  r.target_slot = TRY(decode_slot(word[3]));
  if (word[2] == 0) return Status::kInvalidArgument;
  if (word[2] >= kProgramMaxLineBytes) return Status::kOutOfRange;
  r.line = word[1];
  r.line_length = static_cast<uint32_t>(word[2]);
  TRY(check_user_range(r.line, r.line_length));
  return r;
}

// task_grant(task_slot, slot, target_slot, rights).
struct TaskGrantRequest {
  uint32_t task_slot = 0;
  uint32_t slot = 0;
  uint32_t target_slot = 0;
  uint32_t rights = 0;
};

// In order: the slot words (kBadHandle), the rights (kInvalidArgument), then the target slot: it
// must be named (kCapSlotAny: kInvalidArgument) and not one of the slots the kernel fills when it
// starts a program (below kFirstFreeSlot: kAccessDenied).
inline Result<TaskGrantRequest> decode_task_grant(const uint64_t (&word)[6]) {
  TaskGrantRequest r;
  r.task_slot = TRY(decode_slot(word[0]));
  r.slot = TRY(decode_slot(word[1]));
  r.target_slot = TRY(decode_slot(word[2]));
  r.rights = TRY(decode_rights(word[3]));
  if (r.target_slot == kCapSlotAny) return Status::kInvalidArgument;
  if (r.target_slot < kFirstFreeSlot) return Status::kAccessDenied;
  return r;
}

// The types task_grant passes to another task: those whose object outlives the granting task or
// holds no memory of it. AddressSpace passes: it holds no reference to a task or a thread (so no
// cycle through a capability space), and it maps only frames the mapper names with a capability
// of its own. Frames pass only over memory that is never freed (`frames_never_freed`: the memory
// pool, kernel/object/memory_pool.h); a task's own frames are freed with it while another task
// could still map them. SystemInfo passes: it holds nothing, only the right to look (read only).
// Task and Thread (references that would keep a task or its threads alive
// from another space) stay in their task.
constexpr bool task_grant_allows(CapabilityType type, bool frames_never_freed = false) {
  return type == CapabilityType::kIoPorts || type == CapabilityType::kIoBitmap ||
         type == CapabilityType::kEndpoint || type == CapabilityType::kIrq ||
         type == CapabilityType::kModule || type == CapabilityType::kAddressSpace ||
         type == CapabilityType::kSystemInfo ||
         (type == CapabilityType::kFrames && frames_never_freed);
}
