// The kernel's side of the syscall list (abi/portcullis/syscalls.h): one entry per number, in
// number order, expanded from the list. The SYSCALL entry will index it with rax and call the
// entry's decoder; until the first decoder exists an entry holds what the build can already check,
// the name and the number of argument registers.
#pragma once

#include <stdint.h>

#include "abi/portcullis/syscalls.h"

struct SyscallEntry {
  uint32_t number;
  const char* name;
  uint32_t arity;         // argument registers used, rdi onwards
  bool has_extra_result;  // a second result word in rdx
};

inline constexpr SyscallEntry kSyscallTable[kSyscallCount] = {
#define PORTCULLIS_SYSCALL_ENTRY(number, name, args, extra) \
  {number, #name, syscall_arity(args), (extra)[0] != '\0'},
    PORTCULLIS_SYSCALLS(PORTCULLIS_SYSCALL_ENTRY)
#undef PORTCULLIS_SYSCALL_ENTRY
};

// Dispatch indexes the table with the number: the list must be dense and in order, and no call may
// need more registers than SYSCALL passes.
constexpr bool syscall_table_well_formed() {
  for (uint32_t i = 0; i < kSyscallCount; ++i) {
    if (kSyscallTable[i].number != i || kSyscallTable[i].arity > kSyscallMaxArgs) return false;
  }
  return true;
}
static_assert(syscall_table_well_formed(),
              "abi/portcullis/syscalls.h: numbers dense from 0, at most 6 arguments");
