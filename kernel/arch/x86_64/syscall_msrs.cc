// SYSCALL/SYSRET set-up, on every CPU (per_cpu_install): EFER.SCE, the selectors in STAR, the
// entry in LSTAR, and the flags SYSCALL clears in FMASK.
#include "kernel/arch/x86_64/syscall_msrs.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/descriptors.h"

extern "C" char syscall_entry[];  // syscall_entry.S

namespace {

constexpr uint32_t kMsrStar = 0xC0000081;
constexpr uint32_t kMsrLstar = 0xC0000082;
constexpr uint32_t kMsrCstar = 0xC0000083;
constexpr uint32_t kMsrFmask = 0xC0000084;

// SYSCALL loads CS from STAR[47:32] and SS from that + 8; SYSRET to 64-bit code loads CS from
// STAR[63:48] + 16 and SS from STAR[63:48] + 8, both with RPL 3. The GDT's order (gdt.cc) is
// built for exactly this.
static_assert(kKernelDataSelector == kKernelCodeSelector + 8);
static_assert((kUserDataSelector & ~3) == kKernelDataSelector + 8);
static_assert((kUserCodeSelector & ~3) == kKernelDataSelector + 16);
constexpr uint64_t kStar = (uint64_t{kKernelDataSelector | 3} << 48) |  // SYSRET base
                           (uint64_t{kKernelCodeSelector} << 32);       // SYSCALL CS

// Cleared on entry: IF (nothing interrupts the entry before it is on the kernel stack), DF (the C
// ABI wants it clear), TF (no single-step trap on the user stack in ring 0), AC (no alignment
// checks in the kernel), NT (an IRET with NT set would fault).
constexpr uint64_t kFmask = (1u << 9) | (1u << 10) | (1u << 8) | (1u << 18) | (1u << 14);

}  // namespace

void syscall_init_this_cpu() {
  x86::wrmsr(x86::kMsrEfer, x86::rdmsr(x86::kMsrEfer) | EFER_SCE);
  x86::wrmsr(kMsrStar, kStar);
  x86::wrmsr(kMsrLstar, reinterpret_cast<uint64_t>(syscall_entry));
  // No 32-bit user code segment exists, so SYSCALL from compatibility mode cannot happen.
  x86::wrmsr(kMsrCstar, 0);
  x86::wrmsr(kMsrFmask, kFmask);
}
