// libsys's side of the syscall list (abi/portcullis/syscalls.h): one inline stub per call,
// sys_<name>(arguments...), expanded from the list. A stub takes exactly as many arguments as the
// list names (a compile error otherwise), passes each as one register word in the order of the
// calling convention, and returns the Status in rax and the extra result word in rdx.
#pragma once

#include <stdint.h>
#include <type_traits>

#include "abi/portcullis/status.h"
#include "abi/portcullis/syscalls.h"

struct SyscallResult {
  Status status;
  uint64_t extra;  // the list's extra result (rdx); meaningless for calls that name none
};

namespace syscall_detail {

template <typename T>
inline uint64_t word(T value) {
  if constexpr (std::is_pointer_v<T>) {
    return reinterpret_cast<uintptr_t>(value);
  } else {
    static_assert(std::is_integral_v<T> || std::is_enum_v<T>, "syscall arguments are words");
    return static_cast<uint64_t>(value);
  }
}

inline SyscallResult invoke(Syscall number, uint64_t a0 = 0, uint64_t a1 = 0, uint64_t a2 = 0,
                            uint64_t a3 = 0, uint64_t a4 = 0, uint64_t a5 = 0) {
  uint64_t status = static_cast<uint64_t>(number);
  register uint64_t extra asm("rdx") = a2;
  register uint64_t r10 asm("r10") = a3;
  register uint64_t r8 asm("r8") = a4;
  register uint64_t r9 asm("r9") = a5;
  asm volatile("syscall"
               : "+a"(status), "+r"(extra)
               : "D"(a0), "S"(a1), "r"(r10), "r"(r8), "r"(r9)
               : "rcx", "r11", "memory");
  return SyscallResult{static_cast<Status>(status), extra};
}

}  // namespace syscall_detail

#define PORTCULLIS_SYSCALL_STUB(number, name, args, extra)                                   \
  template <typename... Args>                                                                \
  inline SyscallResult sys_##name(Args... arguments) {                                       \
    static_assert(sizeof...(Args) == syscall_arity(args), "sys_" #name " takes (" args ")"); \
    return syscall_detail::invoke(Syscall::name, syscall_detail::word(arguments)...);        \
  }
PORTCULLIS_SYSCALLS(PORTCULLIS_SYSCALL_STUB)
#undef PORTCULLIS_SYSCALL_STUB
