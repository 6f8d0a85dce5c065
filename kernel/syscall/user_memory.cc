#include "kernel/syscall/user_memory.h"

#include "kernel/arch/arch.h"

Status copy_from_user(void* dst, uint64_t user_src, size_t length) {
  TRY(check_user_range(user_src, length));
  if (length == 0) return Status::kOk;
  const size_t left = arch::copy_user_bytes(dst, reinterpret_cast<const void*>(user_src), length);
  return left == 0 ? Status::kOk : Status::kNotFound;
}

Status copy_to_user(uint64_t user_dst, const void* src, size_t length) {
  TRY(check_user_range(user_dst, length));
  if (length == 0) return Status::kOk;
  const size_t left = arch::copy_user_bytes(reinterpret_cast<void*>(user_dst), src, length);
  return left == 0 ? Status::kOk : Status::kNotFound;
}

Result<size_t> copy_string_from_user(char* dst, size_t capacity, uint64_t user_src) {
  if (capacity == 0) return Status::kOutOfRange;
  size_t copied = 0;
  while (copied < capacity - 1) {
    const uint64_t at = user_src + copied;
    // To the end of this page: every byte of a page is mapped if one is.
    const uint64_t page_left = kPageSize - (at & (kPageSize - 1));
    const size_t chunk = page_left < capacity - 1 - copied ? page_left : capacity - 1 - copied;
    TRY(copy_from_user(dst + copied, at, chunk));
    for (size_t i = 0; i < chunk; ++i) {
      if (dst[copied + i] == '\0') return copied + i;
    }
    copied += chunk;
  }
  dst[capacity - 1] = '\0';
  return Status::kOutOfRange;
}
