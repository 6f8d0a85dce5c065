// Where a program's pieces sit in its address space when the kernel starts it from a boot module
// (kernel/program/program_loader.h): what the loader builds and libsys's start-up code (crt0)
// relies on.
//
//   [kUserStackTop - kUserStackBytes, kUserStackTop)   the stack, read/write
//   the page below it                                  the guard: never mapped, so an overflow
//                                                      faults instead of writing over something
//   the last page of the user half                     never mapped: see kUserLastPage
//
// At entry rsp is 16-byte aligned and points at argc; above it argv[0..argc-1], a null pointer,
// then the argument strings (the module's line split at spaces; argv[0] is the program's name).
#pragma once

#include <stdint.h>

#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_op.h"

// The page just below 2^47. A SYSCALL at its last two bytes would return to the non-canonical
// address 2^47, which SYSRET must never be asked to do (docs/syscalls.md); the loader refuses
// segments here, and the SYSCALL exit path checks the return address as well.
inline constexpr uint64_t kUserLastPage = kUserTop - kPageSize;

inline constexpr uint64_t kUserStackTop = uint64_t{0x7FFF} << 32;  // 0x7FFF'0000'0000
inline constexpr uint64_t kUserStackPages = 16;
inline constexpr uint64_t kUserStackBytes = kUserStackPages * kPageSize;
inline constexpr uint64_t kUserStackGuard = kUserStackTop - kUserStackBytes - kPageSize;

// The most the loader copies onto a new stack: the module line and the argv pointers.
inline constexpr uint32_t kProgramMaxArgs = 16;
inline constexpr uint32_t kProgramMaxLineBytes = 256;
