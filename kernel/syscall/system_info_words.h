// system_info's argument words (kernel/syscall/system_info_calls.cc), decoded with no state so
// the host tests check every refusal: words[1] the topic, [2] its argument, [3] the user buffer,
// [4] the capacity in entries. (words[0], the slot, is decode_slot's.)
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/system_info.h"
#include "base/result.h"

struct SystemInfoRequest {
  uint64_t topic = 0;
  uint64_t arg = 0;
  uint64_t buffer = 0;
  uint32_t capacity = 0;  // entries, at most kSystemInfoMaxEntries
  size_t entry_bytes = 0;
};

// kInvalidArgument: an unknown topic; kOutOfRange: more than kSystemInfoMaxEntries entries. The
// buffer's range is the caller's to check (capacity * entry_bytes bytes: no overflow after this).
inline Result<SystemInfoRequest> decode_system_info(const uint64_t* words) {
  SystemInfoRequest r;
  r.topic = words[1];
  r.entry_bytes = system_info_entry_bytes(r.topic);
  if (r.entry_bytes == 0) return Status::kInvalidArgument;
  if (words[4] > kSystemInfoMaxEntries) return Status::kOutOfRange;
  r.arg = words[2];
  r.buffer = words[3];
  r.capacity = static_cast<uint32_t>(words[4]);
  return r;
}
