// Ring-3 port probes through the I/O-bitmap engine, on the CPU itself (QEMU TCG and Bochs): a
// task's IN instructions in user mode succeed exactly for the ports its grants cover, at every
// width, across a byte boundary and at the top of the port space; a #GP on a port the task holds
// but this CPU's slot does not show yet (invalidated by a revoke, then re-granted) is repaired by
// reloading the slot and restarting the instruction; a port it does not hold is a violation handed
// to the trap handler, and the kernel carries on.
#include "kernel/arch/arch.h"
#include "kernel/arch/x86_64/tss_io_hardware.h"
#include "kernel/arch/x86_64/user_entry.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/object/io_port_revocation.h"
#include "kernel/vm/address_space.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kCodeVa = 0x400000;
constexpr uint64_t kStackVa = 0x800000;
// The user code: three entry points, each one IN from port DX, then int $0x81 ("done").
constexpr uint32_t kIn8 = 0x00, kIn16 = 0x10, kIn32 = 0x20;
constexpr uint8_t kUserCode[] = {
    0xEC, 0xCD, 0x81, 0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // in %dx, %al
    0x66, 0xED, 0xCD, 0x81, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // in %dx, %ax
    0xED, 0xCD, 0x81,                                            // in %dx, %eax
};

enum class Outcome { kNone, kCompleted, kViolation };

struct ProbeState {
  RefPtr<AddressSpace> space;
  uint64_t frames = 0;
  TssIoState* io = nullptr;
  UnityJmpBuf back;
  Outcome outcome = Outcome::kNone;
  uint32_t fault_port = 0;
  uint32_t fault_width = 0;
  uint32_t repairs = 0;
};

ProbeState g;
constinit TaskIoPorts g_driver;
IoCounters g_changes;

[[noreturn]] void leave_user_code(Outcome outcome) {
  g.outcome = outcome;
  UNITY_LONGJMP(g.back);
}

// The trap handler stands in for the kernel's future fault path: decode the faulting IN/OUT, let
// the engine repair a stale slot, otherwise report a violation (a supervisor would be told).
class ProbeTraps final : public UserTrapHandler {
 public:
  bool handle_user_trap(InterruptFrame* f) override;
};
ProbeTraps g_traps;

bool ProbeTraps::handle_user_trap(InterruptFrame* f) {
  if (f->vector == kVectorUserTrap) leave_user_code(Outcome::kCompleted);
  if (f->vector != 13) return false;
  const auto* insn = reinterpret_cast<const uint8_t*>(f->rip);  // user code, readable by the kernel
  uint32_t width = 0;
  uint32_t i = 0;
  const bool operand16 = insn[0] == 0x66;
  if (operand16) i = 1;
  switch (insn[i]) {
    case 0xEC:
    case 0xEE:
      width = 1;
      break;
    case 0xED:
    case 0xEF:
      width = operand16 ? 2 : 4;
      break;
    default:
      return false;  // not port I/O: not ours to judge
  }
  const uint32_t port = f->rdx & 0xFFFF;
  if (g.io->repair_fault(g_driver, port, width)) {
    ++g.repairs;
    return true;  // iret restarts the IN on the reloaded slot
  }
  g.fault_port = port;
  g.fault_width = width;
  leave_user_code(Outcome::kViolation);
}

Outcome probe(uint32_t entry, uint16_t port) {
  g.outcome = Outcome::kNone;
  g.fault_port = g.fault_width = 0;
  const IrqFlags flags = irq_save_disable();
  g.io->switch_to(&g_driver);  // what the context switch will do on the way to this task
  g.space->activate_here();
  if (UNITY_SETJMP(g.back) == 0)
    enter_user_mode(kCodeVa + entry, kStackVa + kPageSize, port, g_traps);
  g.space->deactivate_here();
  irq_restore(flags);
  return g.outcome;
}

#define ASSERT_PROBE(expected, entry, port) \
  TEST_ASSERT_EQUAL_INT(static_cast<int>(expected), static_cast<int>(probe((entry), (port))))

void test_set_up_a_user_address_space() {
  Result<uint64_t> frames = kernel_frames().alloc_contiguous(2, 1);
  TEST_ASSERT_TRUE(frames.is_ok());
  g.frames = frames.value();
  __builtin_memset(arch::phys_to_virt(g.frames), 0xCC, kPageSize);  // int3 around the code
  __builtin_memcpy(arch::phys_to_virt(g.frames), kUserCode, sizeof kUserCode);
  Result<RefPtr<AddressSpace>> space =
      AddressSpace::create(FrameGrant{{g.frames, 2 * kPageSize}, kVmRead | kVmWrite | kVmExec});
  TEST_ASSERT_TRUE(space.is_ok());
  g.space = space.release_value();
  const VmOp ops[] = {vm_map_op(kCodeVa, g.frames, 1, kVmRead | kVmExec),
                      vm_map_op(kStackVa, g.frames + kPageSize, 1, kVmRead | kVmWrite)};
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g.space->apply(ops, 2).status));
  g.io = this_cpu()->io_state;
}

void test_no_ports_every_in_faults() {
  ASSERT_PROBE(Outcome::kViolation, kIn8, 0x80);
  TEST_ASSERT_EQUAL_HEX32(0x80, g.fault_port);
  TEST_ASSERT_EQUAL_UINT32(1, g.fault_width);
}

void test_granted_port_works_and_neighbours_fault() {
  TEST_ASSERT_TRUE(g_driver.enable(1, PortRange{0x80, 1}, g_changes).is_ok());
  ASSERT_PROBE(Outcome::kCompleted, kIn8, 0x80);
  ASSERT_PROBE(Outcome::kViolation, kIn8, 0x81);
  ASSERT_PROBE(Outcome::kViolation, kIn8, 0x7F);
  // 16 bits at 0x80 need 0x80 and 0x81: the grant's edge cuts the access.
  ASSERT_PROBE(Outcome::kViolation, kIn16, 0x80);
  TEST_ASSERT_EQUAL_UINT32(2, g.fault_width);
}

void test_wide_accesses_across_a_byte_boundary() {
  // 0x86-0x89 straddles bitmap bytes 0x10/0x11 (bits 0x87 | 0x88).
  TEST_ASSERT_TRUE(g_driver.enable(2, PortRange{0x86, 3}, g_changes).is_ok());  // 0x86-0x88
  ASSERT_PROBE(Outcome::kViolation, kIn32, 0x86);                               // 0x89 missing
  ASSERT_PROBE(Outcome::kCompleted, kIn16, 0x87);  // 0x87-0x88 across the boundary
  TEST_ASSERT_TRUE(g_driver.enable(3, PortRange{0x89, 1}, g_changes).is_ok());
  ASSERT_PROBE(Outcome::kCompleted, kIn32, 0x86);
}

void test_top_of_the_port_space_needs_the_trailing_byte() {
  // Port 0xFFFF's check reads bitmap byte 8191 and the byte after it: the trailing 0xFF in the TSS.
  TEST_ASSERT_TRUE(g_driver.enable(4, PortRange{0xFFFC, 4}, g_changes).is_ok());
  ASSERT_PROBE(Outcome::kCompleted, kIn32, 0xFFFC);
  ASSERT_PROBE(Outcome::kCompleted, kIn8, 0xFFFF);
  ASSERT_PROBE(Outcome::kViolation, kIn8, 0xFFFB);
}

void test_revoked_port_faults_and_held_ports_still_work() {
  // Run once so the slot is current, then revoke: the change names this CPU (the bitmap is active
  // here) and its invalidation makes the slot fault everything until the next load.
  ASSERT_PROBE(Outcome::kCompleted, kIn8, 0x80);
  Result<IoInvalidation> revoked = g_driver.disable(1, g_changes);
  TEST_ASSERT_TRUE(revoked.is_ok());
  TEST_ASSERT_TRUE(revoked.value().cpus.contains(arch::current_cpu()));
  apply_io_invalidation(revoked.value());
  ASSERT_PROBE(Outcome::kViolation, kIn8, 0x80);  // revoked: a real violation, not repaired
  const uint32_t repairs_before = g.repairs;
  ASSERT_PROBE(Outcome::kCompleted, kIn8, 0x86);  // still held: the switch reloaded by sequence
  TEST_ASSERT_EQUAL_UINT32(repairs_before, g.repairs);
}

void test_regrant_while_loaded_is_repaired_on_the_fault() {
  // The slot is current for the bitmap; a re-grant adds rights in place with no IPI, so the slot is
  // now older than the bitmap. The IN faults, repair_fault reloads, the IN is restarted and
  // succeeds.
  ASSERT_PROBE(Outcome::kCompleted, kIn8, 0x86);
  TEST_ASSERT_TRUE(g_driver.enable(5, PortRange{0x80, 1}, g_changes).is_ok());
  // Enter without switch_to, as a thread that was already running here would be.
  const uint32_t repairs_before = g.repairs;
  g.outcome = Outcome::kNone;
  const IrqFlags flags = irq_save_disable();
  g.space->activate_here();
  if (UNITY_SETJMP(g.back) == 0)
    enter_user_mode(kCodeVa + kIn8, kStackVa + kPageSize, 0x80, g_traps);
  g.space->deactivate_here();
  irq_restore(flags);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Outcome::kCompleted), static_cast<int>(g.outcome));
  TEST_ASSERT_EQUAL_UINT32(repairs_before + 1, g.repairs);
}

void test_tear_down() {
  g.io->switch_to(nullptr);
  TEST_ASSERT_TRUE(g_driver.clear(g_changes).cpus.empty());
  g.space.reset();  // the last reference frees the page tables
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(kernel_frames().free_contiguous(g.frames, 2)));
}

int run_user_port_probe_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_set_up_a_user_address_space);
  RUN_TEST(test_no_ports_every_in_faults);
  RUN_TEST(test_granted_port_works_and_neighbours_fault);
  RUN_TEST(test_wide_accesses_across_a_byte_boundary);
  RUN_TEST(test_top_of_the_port_space_needs_the_trailing_byte);
  RUN_TEST(test_revoked_port_faults_and_held_ports_still_work);
  RUN_TEST(test_regrant_while_loaded_is_repaired_on_the_fault);
  RUN_TEST(test_tear_down);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_user_port_probe_kernel_tests);
