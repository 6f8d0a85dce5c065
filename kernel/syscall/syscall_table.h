// The syscall list's facts per number (abi/portcullis/syscalls.h), expanded from the list: name
// and number of argument registers, checked at compile time. The handlers are a second table from
// the same list (kernel/syscall/syscall_dispatch.cc).
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
