// Ring 3 for scheduler threads: the first entry of a user thread (iretq from the top of its kernel
// stack) and the trap handler every user thread shares. A fault goes to the kernel's user-fault
// path (kernel/object/user_thread.h: the supervisor's fault message), except a #GP on a port the
// thread's task holds whose TSS slot on this CPU was stale: that one is repaired and the
// IN/OUT/INS/OUTS restarted, invisibly to the task.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/per_cpu.h"
#include "kernel/arch/x86_64/user_entry.h"
#include "kernel/object/task.h"
#include "kernel/object/user_thread.h"
#include "kernel/syscall/user_memory.h"

namespace {

constexpr uint64_t kVectorGeneralProtection = 13;
constexpr uint64_t kVectorPageFault = 14;

// One byte of the user code at `rip` + `offset`, read with the user-copy fixup: another thread of
// the task may have unmapped the page since the fault (0 then, which decodes as no port access).
uint8_t code_byte(uint64_t rip, uint32_t offset) {
  uint8_t byte = 0;
  if (copy_from_user(&byte, rip + offset, 1) != Status::kOk) return 0;
  return byte;
}

// The port access at `rip`: port, width and direction of an IN/OUT (immediate or DX port) or an
// INS/OUTS (DX port; REP allowed), behind any mix of the operand-size and REP prefixes. False for
// any other instruction. The thread's address space is loaded.
bool decode_port_access(const InterruptFrame* f, UserFault* out) {
  bool operand16 = false;
  uint32_t at = 0;
  uint8_t op = code_byte(f->rip, 0);
  for (; at < 4 && (op == 0x66 || op == 0xF3 || op == 0xF2); op = code_byte(f->rip, ++at)) {
    operand16 = operand16 || op == 0x66;
  }
  const uint32_t wide = operand16 ? 2 : 4;
  switch (op) {
    case 0xE4:  // in al, imm8
    case 0xE5:  // in eax/ax, imm8
    case 0xE6:  // out imm8, al
    case 0xE7:  // out imm8, eax/ax
      out->port = code_byte(f->rip, at + 1);
      break;
    case 0xEC:  // in al, dx
    case 0xED:  // in eax/ax, dx
    case 0xEE:  // out dx, al
    case 0xEF:  // out dx, eax/ax
    case 0x6C:  // insb
    case 0x6D:  // insw/insd
    case 0x6E:  // outsb
    case 0x6F:  // outsw/outsd
      out->port = f->rdx & 0xFFFF;
      break;
    default:
      return false;
  }
  // Byte forms have an even opcode, word/dword forms the next odd one.
  out->width = (op & 1) == 0 ? 1 : wide;
  out->port_out = op == 0xE6 || op == 0xE7 || op == 0xEE || op == 0xEF || op == 0x6E || op == 0x6F;
  return true;
}

class UserThreadTraps final : public UserTrapHandler {
 public:
  bool handle_user_trap(InterruptFrame* f) override {
    Task* task = current_task();
    UserFault fault;
    fault.vector = static_cast<uint8_t>(f->vector);
    fault.error_code = static_cast<uint32_t>(f->error_code);
    fault.rip = f->rip;
    if (f->vector == kVectorGeneralProtection && task != nullptr && f->rip < kUserSpaceEnd &&
        decode_port_access(f, &fault)) {
      if (arch::io_ports_repair(task->io_ports(), fault.port, fault.width)) {
        return true;  // iretq restarts the instruction on the reloaded slot
      }
      fault.is_port = true;
    }
    if (f->vector == kVectorPageFault) fault.address = x86::read_cr2();
    // Returns only when the supervisor says resume: iretq retries the instruction.
    return user_thread_fault(fault);
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
