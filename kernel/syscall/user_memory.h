// Reading and writing user memory from a syscall. Every user range is checked before a byte of it
// is touched (check_user_range, plain C++ the host tests exercise), and a page fault on a checked
// range (not mapped, or not writable) ends the copy with an error instead of the kernel
// (arch::copy_user_bytes and its exception fixup). The user's address space must be loaded: these
// run inside a syscall of the user code whose memory they read.
//
// The answers, in the order they are checked:
//   kOverflow         address + length wraps past 2^64
//   kAccessDenied     a byte at or above kUserTop (the kernel half or non-canonical addresses)
//   kInvalidArgument  a byte in the null page [0, 4096)
//   kNotFound         (the copies) a page in the range is not mapped, or not writable for
//                     copy_to_user; bytes before it may already have been copied
// A zero-length range is valid at any address: nothing is touched.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/page.h"
#include "abi/portcullis/status.h"
#include "abi/portcullis/vm_op.h"
#include "base/result.h"

constexpr Status check_user_range(uint64_t address, uint64_t length) {
  if (length == 0) return Status::kOk;
  const uint64_t last = address + (length - 1);
  if (last < address) return Status::kOverflow;
  if (last >= kUserTop) return Status::kAccessDenied;
  if (address < kPageSize) return Status::kInvalidArgument;
  return Status::kOk;
}

// An array of operations in user memory for a call that takes many at once (vm_batch,
// io_vector): `count_word` records of `record_bytes` at `address`. At most `max_count`
// (kOutOfRange), then check_user_range's answers for the whole array; the count on success.
inline Result<uint32_t> decode_user_array(uint64_t address, uint64_t count_word, uint32_t max_count,
                                          size_t record_bytes) {
  if (count_word > max_count) return Status::kOutOfRange;
  TRY(check_user_range(address, count_word * record_bytes));
  return static_cast<uint32_t>(count_word);
}
// The bad-operation index such a call reports when it is refused as a whole: the count word,
// capped to the 32 bits of the field.
constexpr uint64_t whole_call_index(uint64_t count_word) {
  return count_word > UINT32_MAX ? UINT32_MAX : count_word;
}

[[nodiscard]] Status copy_from_user(void* dst, uint64_t user_src, size_t length);
[[nodiscard]] Status copy_to_user(uint64_t user_dst, const void* src, size_t length);

// A NUL-terminated string of at most `capacity` - 1 bytes into `dst` (always terminated when
// capacity > 0); returns its length. Reads page by page and stops at the NUL, so an unmapped page
// after the string is never touched. kOutOfRange when no NUL comes within capacity - 1 bytes or
// capacity is 0; otherwise the range answers above, checked page by page as the read advances.
[[nodiscard]] Result<size_t> copy_string_from_user(char* dst, size_t capacity, uint64_t user_src);
