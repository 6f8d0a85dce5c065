// Ring 3 for scheduler threads: the first entry of a user thread (iretq from the top of its kernel
// stack) and the trap handler every user thread shares. A fault goes to the kernel's user-fault
// path (kernel/object/user_thread.h), except a #GP on a port the thread's task holds whose TSS slot
// on this CPU was stale: that one is repaired and the IN/OUT restarted, invisibly to the task.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/user_entry.h"
#include "kernel/object/task.h"
#include "kernel/object/user_thread.h"

namespace {

constexpr uint32_t kMsrFsBase = 0xC0000100;
constexpr uint64_t kVectorGeneralProtection = 13;
constexpr uint64_t kVectorPageFault = 14;

// The port and width of the IN/OUT (DX forms) at `rip`, or false. The kernel may read the user
// code: the thread's address space is loaded. The immediate-port forms fault the same way and are
// decoded too.
bool decode_port_access(const InterruptFrame* f, uint32_t* port, uint32_t* width) {
  const auto* insn = reinterpret_cast<const uint8_t*>(f->rip);
  const bool operand16 = insn[0] == 0x66;
  const uint8_t op = insn[operand16 ? 1 : 0];
  switch (op) {
    case 0xEC:
    case 0xEE:
      *width = 1;
      *port = f->rdx & 0xFFFF;
      return true;
    case 0xED:
    case 0xEF:
      *width = operand16 ? 2 : 4;
      *port = f->rdx & 0xFFFF;
      return true;
    case 0xE4:
    case 0xE6:
      *width = 1;
      *port = insn[operand16 ? 2 : 1];
      return true;
    case 0xE5:
    case 0xE7:
      *width = operand16 ? 2 : 4;
      *port = insn[operand16 ? 2 : 1];
      return true;
    default:
      return false;
  }
}

class UserThreadTraps final : public UserTrapHandler {
 public:
  bool handle_user_trap(InterruptFrame* f) override {
    Task* task = current_task();
    if (f->vector == kVectorGeneralProtection && task != nullptr) {
      uint32_t port = 0;
      uint32_t width = 0;
      if (f->rip < kUserSpaceEnd && decode_port_access(f, &port, &width) &&
          arch::io_ports_repair(task->io_ports(), port, width)) {
        return true;  // iretq restarts the instruction on the reloaded slot
      }
    }
    const uint64_t address = f->vector == kVectorPageFault ? x86::read_cr2() : 0;
    user_thread_fault(f->vector, f->rip, address);
  }

 private:
  // Below the canonical hole: user code's half of the address space.
  static constexpr uint64_t kUserSpaceEnd = uint64_t{1} << 47;
};

constinit UserThreadTraps g_user_thread_traps;

}  // namespace

UserTrapHandler* arch::user_thread_traps() { return &g_user_thread_traps; }

void arch::enter_user_thread(uint64_t rip, uint64_t rsp, uint64_t arg) {
  enter_user_mode(rip, rsp, arg, g_user_thread_traps);
}

uint64_t arch::read_fs_base() { return x86::rdmsr(kMsrFsBase); }
void arch::write_fs_base(uint64_t base) { x86::wrmsr(kMsrFsBase, base); }
