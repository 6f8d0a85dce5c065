#include "kernel/arch/x86_64/user_entry.h"

#include "kernel/arch/x86_64/descriptors.h"
#include "kernel/arch/x86_64/per_cpu.h"

void enter_user_mode(uint64_t rip, uint64_t rsp, uint64_t arg, UserTrapHandler& traps) {
  constexpr uint64_t kUserRflags =
      0x202;  // IF set, IOPL 0: port access goes through the TSS bitmap
  // Ring 3 can fault only after the iretq below: setting the route first needs no ordering.
  this_cpu()->user_traps = &traps;
  asm volatile(
      "cli\n"
      "swapgs\n"  // user GS in, the kernel's per-CPU pointer kept in KERNEL_GS_BASE
      "pushq %[ss]\n"
      "pushq %[rsp]\n"
      "pushq %[rflags]\n"
      "pushq %[cs]\n"
      "pushq %[rip]\n"
      "mov %[ss], %%rax\n"
      "mov %%ax, %%ds\n"
      "mov %%ax, %%es\n"
      "xor %%eax, %%eax\n"
      "iretq\n"
      :
      : [ss] "r"(uint64_t{kUserDataSelector}), [rsp] "r"(rsp), [rflags] "r"(kUserRflags),
        [cs] "r"(uint64_t{kUserCodeSelector}), [rip] "r"(rip), "d"(arg)
      : "rax", "memory");
  __builtin_unreachable();
}
