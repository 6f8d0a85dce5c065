// IoPorts capabilities enabled in a task (kernel/object/io_ports_enablement.h): enable opens the
// capability's ports in the task and disable closes them; a delete, a revoke of an ancestor (also
// from another task's space) and the task's exit close them too; overlapping grants keep a port
// open while one covers it; refusals change nothing. And the point of it all: a driver thread
// spinning on its port on another CPU makes no successful access after the revoke returns (the
// next one faults to its supervisor), and only the CPU where its bitmap was live got the IPI.
#include <stdint.h>

#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/rights.h"
#include "base/cpu_relax.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/irq_state.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/io_counters.h"
#include "kernel/object/io_ports_enablement.h"
#include "kernel/object/task.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/object/user_task_fixture.h"
#include "unity.h"

namespace {

using namespace user_task_fixture;

constexpr uint32_t kRW = kCapRead | kCapWrite;

// A task (no code runs) holding the root IoPorts capability in slot 0.
RefPtr<Task> task_with_root_ports() {
  Result<RefPtr<AddressSpace>> space = AddressSpace::create(FrameGrant{});
  TEST_ASSERT_TRUE(space.is_ok());
  Result<RefPtr<Task>> task = Task::create(space.release_value(), 16);
  TEST_ASSERT_TRUE(task.is_ok());
  TEST_ASSERT_TRUE(task.value()->cap_space().insert_io_ports_root(0).is_ok());
  return task.release_value();
}

void mint(Task& task, uint32_t from, uint32_t to, uint64_t base, uint64_t count,
          uint32_t rights = kRW | kCapGrant) {
  TEST_ASSERT_TRUE(task.cap_space().mint(from, task.cap_space(), to, rights, base, count).is_ok());
}

bool open(Task& task, uint32_t port) { return task.io_ports().allows(port, 1); }

void check(Status want, Status got) {
  TEST_ASSERT_EQUAL_STRING(status_name(want), status_name(got));
}

void test_enable_disable_and_refusals() {
  const MemoryInUse before = memory_in_use();
  {
    RefPtr<Task> task = task_with_root_ports();
    mint(*task, 0, 1, 0x80, 4);            // 0x80-0x83
    mint(*task, 0, 2, 0x60, 1, kCapRead);  // read-only: IN-only cannot be enforced
    TEST_ASSERT_FALSE(open(*task, 0x80));
    check(Status::kOk, IoPortsEnablement::enable(*task, 1));
    TEST_ASSERT_TRUE(open(*task, 0x80));
    TEST_ASSERT_TRUE(open(*task, 0x83));
    TEST_ASSERT_FALSE(open(*task, 0x84));
    TEST_ASSERT_FALSE(open(*task, 0x7F));
    check(Status::kAlreadyExists, IoPortsEnablement::enable(*task, 1));
    check(Status::kAccessDenied, IoPortsEnablement::enable(*task, 2));
    check(Status::kBadHandle, IoPortsEnablement::enable(*task, 9));   // empty
    check(Status::kBadHandle, IoPortsEnablement::enable(*task, 99));  // past the space
    TEST_ASSERT_FALSE(open(*task, 0x60));
    check(Status::kBadState, IoPortsEnablement::disable(*task, 0));  // never enabled
    check(Status::kBadHandle, IoPortsEnablement::disable(*task, 9));
    TEST_ASSERT_TRUE(open(*task, 0x80));  // none of the refusals changed anything
    check(Status::kOk, IoPortsEnablement::disable(*task, 1));
    TEST_ASSERT_FALSE(open(*task, 0x80));
    check(Status::kBadState, IoPortsEnablement::disable(*task, 1));
    // The root itself: every port, the top of the port space included.
    check(Status::kOk, IoPortsEnablement::enable(*task, 0));
    TEST_ASSERT_TRUE(task->io_ports().allows(0xFFFC, 4));
    task->exit();  // closes them
    TEST_ASSERT_FALSE(task->io_ports().allows(0xFFFC, 4));
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

void test_delete_revoke_and_overlap_close_ports() {
  const MemoryInUse before = memory_in_use();
  {
    RefPtr<Task> task = task_with_root_ports();
    mint(*task, 0, 1, 0x80, 2);  // 0x80-0x81
    mint(*task, 0, 2, 0x81, 2);  // 0x81-0x82
    check(Status::kOk, IoPortsEnablement::enable(*task, 1));
    check(Status::kOk, IoPortsEnablement::enable(*task, 2));
    check(Status::kOk, task->cap_space().remove(1));
    TEST_ASSERT_FALSE(open(*task, 0x80));
    TEST_ASSERT_TRUE(open(*task, 0x81));  // still covered by slot 2
    TEST_ASSERT_TRUE(open(*task, 0x82));
    // A copy of an enabled capability is independent; revoking the root takes both.
    TEST_ASSERT_TRUE(task->cap_space().copy(2, task->cap_space(), 3, kRW).is_ok());
    check(Status::kOk, IoPortsEnablement::enable(*task, 3));
    TEST_ASSERT_TRUE(task->cap_space().revoke(0).is_ok());
    TEST_ASSERT_FALSE(open(*task, 0x81));
    TEST_ASSERT_FALSE(open(*task, 0x82));
    TEST_ASSERT_EQUAL_UINT32(1, task->cap_space().occupied_count());  // the root
    task->exit();
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

void test_move_and_revoke_across_tasks() {
  const MemoryInUse before = memory_in_use();
  {
    RefPtr<Task> parent = task_with_root_ports();
    RefPtr<Task> driver = task_with_root_ports();
    check(Status::kOk, driver->cap_space().remove(0));
    mint(*parent, 0, 1, 0x3F8, 8);  // COM1's ports
    TEST_ASSERT_TRUE(parent->cap_space().copy(1, driver->cap_space(), 4, kRW | kCapGrant).is_ok());
    check(Status::kOk, IoPortsEnablement::enable(*driver, 4));
    TEST_ASSERT_TRUE(open(*driver, 0x3F8));
    TEST_ASSERT_FALSE(open(*parent, 0x3F8));  // enabling is per task
    // An enabled capability stays in its task: a move elsewhere is refused, a move inside is not.
    const CapSlotSnapshot enabled = driver->cap_space().snapshot(4);
    TEST_ASSERT_EQUAL_INT(
        static_cast<int>(Status::kBusy),
        static_cast<int>(driver->cap_space().move(4, parent->cap_space(), 9).status()));
    TEST_ASSERT_TRUE(enabled == driver->cap_space().snapshot(4));
    TEST_ASSERT_TRUE(driver->cap_space().move(4, driver->cap_space(), 5).is_ok());
    TEST_ASSERT_TRUE(open(*driver, 0x3FF));
    // The parent revokes what it gave: the driver's ports close before revoke returns.
    TEST_ASSERT_TRUE(parent->cap_space().revoke(1).is_ok());
    TEST_ASSERT_FALSE(open(*driver, 0x3F8));
    TEST_ASSERT_EQUAL_UINT32(0, driver->cap_space().occupied_count());
    driver->exit();
    parent->exit();
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

Status enable_call(uint64_t slot_word) {
  const SyscallArgs args{{slot_word, 0, 0, 0, 0, 0}};
  return static_cast<Status>(handle_syscall<Syscall::io_ports_enable>(args).status);
}

void test_syscalls_decode_the_slot_word() {
  RefPtr<Task> task = task_with_root_ports();
  set_current_task(task.get());
  const Status wide = enable_call(uint64_t{1} << 32);
  const Status root = enable_call(0);
  set_current_task(nullptr);
  check(Status::kBadHandle, wide);
  check(Status::kOk, root);
  TEST_ASSERT_TRUE(open(*task, 0x80));
  task->exit();
}

// The driver: count an attempt, then IN from port 0x80, forever.
constexpr uint8_t kSpinOnPort[] = {
    0x48, 0xFF, 0x04, 0x25, 0x08, 0x00, 0x50, 0x00,  // inc qword [0x500008]
    0xE4, 0x80,                                      // in al, 0x80
    0xEB, 0xF4,                                      // jmp back to the inc
};

void test_revoke_stops_a_spinning_driver_on_another_cpu() {
  if (arch::cpu_count() < 2) TEST_IGNORE_MESSAGE("needs a second CPU");
  uint32_t driver_cpu = 0;
  for (uint32_t cpu : arch::online_cpus()) {
    if (cpu != arch::current_cpu()) driver_cpu = cpu;
  }
  const MemoryInUse before = memory_in_use();
  {
    UserTask run;
    make_user_task(run, kSpinOnPort, sizeof kSpinOnPort, 4);
    run.map_data();
    TEST_ASSERT_TRUE(run.task->cap_space().insert_io_ports_root(0).is_ok());
    mint(*run.task, 0, 1, 0x80, 1);
    check(Status::kOk, IoPortsEnablement::enable(*run.task, 1));
    start_user_thread(run, Affinity::pinned(driver_cpu));
    volatile uint64_t* attempts = &run.data()[1];
    const uint64_t deadline = arch::timer_ticks() + kReceiveTicks;
    while (*attempts < 2000 && arch::timer_ticks() < deadline) cpu_relax();
    TEST_ASSERT_TRUE(*attempts >= 2000);  // it runs, and its IN succeeds

    IoCounters& here = arch::io_counters_here();
    const IrqFlags flags = irq_save_disable();  // the counters of the CPU the revoke runs on
    const uint64_t targets_before = here.revocation_targets;
    TEST_ASSERT_TRUE(run.task->cap_space().remove(1) == Status::kOk);
    const uint64_t after_return = *attempts;
    const uint64_t targets = here.revocation_targets - targets_before;
    irq_restore(flags);

    FaultMessage fault;
    {
      ReplyToken token;
      TEST_ASSERT_TRUE(receive_fault(run, &fault, token));
      // The attempt counted last is the one that faulted: either the one in flight when the
      // revoke returned, or the next. No IN succeeded after the return.
      const uint64_t final_attempts = *attempts;
      TEST_ASSERT_TRUE(final_attempts == after_return || final_attempts == after_return + 1);
      TEST_ASSERT_TRUE(fault.kind == FaultKind::kPort);
      TEST_ASSERT_EQUAL_HEX32(0x80, fault_port(fault.detail));
      TEST_ASSERT_EQUAL_UINT32(1, fault_port_width(fault.detail));
      TEST_ASSERT_FALSE(fault_port_is_out(fault.detail));
      TEST_ASSERT_EQUAL_HEX64(kCodeVa + 8, fault.rip);
      answer_fault(token, kFaultReplyKill);
    }
    // One CPU had the driver's bitmap live: one target, not a broadcast.
    TEST_ASSERT_EQUAL_UINT64(1, targets);
    finish_user_task(run);
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

int run_io_ports_enablement_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_enable_disable_and_refusals);
  RUN_TEST(test_delete_revoke_and_overlap_close_ports);
  RUN_TEST(test_move_and_revoke_across_tasks);
  RUN_TEST(test_syscalls_decode_the_slot_word);
  RUN_TEST(test_revoke_stops_a_spinning_driver_on_another_cpu);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_io_ports_enablement_kernel_tests);
