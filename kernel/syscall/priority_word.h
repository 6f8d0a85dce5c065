// A priority argument (thread_create, task_set_priority), decoded against the calling thread's
// own level. Plain C++: the host tests run it too.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "abi/portcullis/thread_params.h"
#include "base/result.h"

// kThreadPrioritySame (the caller's level), or a level that exists (kInvalidArgument), no more
// urgent than the calling thread's own (kAccessDenied), so a program cannot outrank the threads
// that started it.
inline Result<uint32_t> decode_priority(uint64_t word, uint32_t caller_priority) {
  if (word == kThreadPrioritySame) return caller_priority;
  if (word >= kThreadPriorityCount) return Status::kInvalidArgument;
  if (word > caller_priority) return Status::kAccessDenied;
  return static_cast<uint32_t>(word);
}
