// Fault messages: a user thread that faults stops and calls its task's supervisor endpoint with a
// fault message (abi/portcullis/fault_message.h); here the supervisor is a kernel thread receiving
// on that endpoint. A page fault the supervisor repairs (it maps the page) and resumes; an #UD it
// answers with kill; port faults name the port, width and direction of each IN/OUT/INS/OUTS form;
// a supervisor that drops the call kills the task too. Each run ends with every frame and heap
// block back. task_set_supervisor's decode answers are checked through its handler.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/vm_op.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/mm/memory_in_use.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "kernel/syscall/syscall_dispatch.h"
#include "test/kernel/kernel_test.h"
#include "test/kernel/object/user_task_fixture.h"
#include "unity.h"

namespace {

using namespace user_task_fixture;

void start_run(UserTask& run, const uint8_t* code, size_t size) {
  make_user_task(run, code, size);
  start_user_thread(run);
}

void test_page_fault_repaired_and_resumed_then_kill() {
  const MemoryInUse before = memory_in_use();
  {
    const uint8_t code[] = {
        0x48, 0x8B, 0x04, 0x25, 0x00, 0x00, 0x50, 0x00,  // mov rax, [0x500000]
        0x48, 0x89, 0x04, 0x25, 0x08, 0x00, 0x50, 0x00,  // mov [0x500008], rax
        0x0F, 0x0B,                                      // ud2
    };
    UserTask run;
    start_run(run, code, sizeof code);
    FaultMessage fault;
    {
      ReplyToken token;
      TEST_ASSERT_TRUE(receive_fault(run, &fault, token));
      TEST_ASSERT_TRUE(fault.kind == FaultKind::kPage);
      TEST_ASSERT_EQUAL_UINT32(14, fault.vector);
      TEST_ASSERT_EQUAL_HEX64(kCodeVa, fault.rip);
      TEST_ASSERT_EQUAL_HEX64(kDataVa, fault.detail);
      TEST_ASSERT_EQUAL_HEX32(0x4, fault.error_code);  // a user-mode read of a page not present
      // The supervisor's repair: map the page, then resume the thread.
      run.map_data();
      answer_fault(token, kFaultReplyResume);
    }
    {
      ReplyToken token;
      TEST_ASSERT_TRUE(receive_fault(run, &fault, token));
      TEST_ASSERT_TRUE(fault.kind == FaultKind::kInvalidOpcode);
      TEST_ASSERT_EQUAL_UINT32(6, fault.vector);
      TEST_ASSERT_EQUAL_HEX64(kCodeVa + 16, fault.rip);
      // The retried load read the page the supervisor mapped, and the store after it ran.
      TEST_ASSERT_EQUAL_UINT64(42, run.data()[1]);
      answer_fault(token, kFaultReplyKill);
    }
    finish_user_task(run);
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

struct PortCase {
  uint8_t code[8];
  size_t size;  // of the port instruction, after the two register loads
  uint32_t port;
  uint32_t width;
  bool out;
};

void test_port_faults_name_port_width_and_direction() {
  const PortCase cases[] = {
      {{0xEE}, 1, 0x80, 1, true},               // out dx, al
      {{0x66, 0xED}, 2, 0x80, 2, false},        // in ax, dx
      {{0xE5, 0x71}, 2, 0x71, 4, false},        // in eax, 0x71
      {{0xE6, 0x70}, 2, 0x70, 1, true},         // out 0x70, al
      {{0x6E}, 1, 0x80, 1, true},               // outsb
      {{0xF3, 0x66, 0x6D}, 3, 0x80, 2, false},  // rep insw
      {{0xF3, 0x6F}, 2, 0x80, 4, true},         // rep outsd
  };
  const MemoryInUse before = memory_in_use();
  for (const PortCase& c : cases) {
    uint8_t code[32] = {
        0xBA, 0x80, 0x00, 0x00, 0x00,  // mov edx, 0x80
        0xBE, 0x00, 0x00, 0x40, 0x00,  // mov esi, 0x400000 (OUTS reads from here)
        0xBF, 0x00, 0x00, 0x40, 0x00,  // mov edi, 0x400000 (INS would write here)
        0xB9, 0x01, 0x00, 0x00, 0x00,  // mov ecx, 1 (one REP iteration)
    };
    constexpr size_t kPrologue = 20;
    for (size_t i = 0; i < c.size; ++i) code[kPrologue + i] = c.code[i];
    UserTask run;
    start_run(run, code, kPrologue + c.size);
    FaultMessage fault;
    {
      ReplyToken token;
      TEST_ASSERT_TRUE(receive_fault(run, &fault, token));
      TEST_ASSERT_TRUE(fault.kind == FaultKind::kPort);
      TEST_ASSERT_EQUAL_UINT32(13, fault.vector);
      TEST_ASSERT_EQUAL_HEX64(kCodeVa + kPrologue, fault.rip);
      TEST_ASSERT_EQUAL_HEX32(c.port, fault_port(fault.detail));
      TEST_ASSERT_EQUAL_UINT32(c.width, fault_port_width(fault.detail));
      TEST_ASSERT_EQUAL(c.out, fault_port_is_out(fault.detail));
      answer_fault(token, kFaultReplyKill);
    }
    finish_user_task(run);
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

void test_a_dropped_fault_call_kills_the_task() {
  const MemoryInUse before = memory_in_use();
  {
    const uint8_t code[] = {0x0F, 0x0B};  // ud2
    UserTask run;
    start_run(run, code, sizeof code);
    FaultMessage fault;
    {
      ReplyToken token;
      TEST_ASSERT_TRUE(receive_fault(run, &fault, token));
      TEST_ASSERT_TRUE(fault.kind == FaultKind::kInvalidOpcode);
    }  // the token goes unanswered: the thread's call fails, and the task is killed
    finish_user_task(run);
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

Status set_supervisor_call(uint64_t task_slot, uint64_t endpoint_slot) {
  const SyscallArgs args{{task_slot, endpoint_slot, 0, 0, 0, 0}};
  return static_cast<Status>(handle_syscall<Syscall::task_set_supervisor>(args).status);
}

void test_task_set_supervisor_decodes_before_it_changes_anything() {
  const MemoryInUse before = memory_in_use();
  {
    Result<RefPtr<AddressSpace>> space = AddressSpace::create(FrameGrant{});
    TEST_ASSERT_TRUE(space.is_ok());
    Result<RefPtr<Task>> made = Task::create(space.release_value(), 8);
    TEST_ASSERT_TRUE(made.is_ok());
    RefPtr<Task> task = made.release_value();
    Result<RefPtr<Endpoint>> endpoint = Endpoint::create();
    TEST_ASSERT_TRUE(endpoint.is_ok());
    CapSpace& caps = task->cap_space();
    TEST_ASSERT_TRUE(caps.insert(0, CapabilityType::kTask, task, kCapWrite).is_ok());
    TEST_ASSERT_TRUE(caps.insert(1, CapabilityType::kTask, task, kCapRead).is_ok());
    TEST_ASSERT_TRUE(
        caps.insert(2, CapabilityType::kEndpoint, endpoint.value(), kCapWrite | kCapRead).is_ok());
    TEST_ASSERT_TRUE(caps.insert(3, CapabilityType::kEndpoint, endpoint.value(), kCapRead).is_ok());
    // The calls run as the task's code; the answers are checked after, so that a failed check
    // cannot leave this kernel thread lent to the task.
    set_current_task(task.get());
    const Status refused[] = {
        set_supervisor_call(uint64_t{1} << 32, 2),  // not a slot word
        set_supervisor_call(0, uint64_t{1} << 32),
        set_supervisor_call(5, 2),  // empty slot
        set_supervisor_call(2, 2),  // an Endpoint as the task
        set_supervisor_call(1, 2),  // a Task capability without kCapWrite
        set_supervisor_call(0, 6),  // empty endpoint slot
        set_supervisor_call(0, 0),  // a Task as the endpoint
        set_supervisor_call(0, 3),  // an Endpoint without kCapWrite
    };
    Endpoint* const after_refusals = task->supervisor().get();
    const Status set = set_supervisor_call(0, 2);
    Endpoint* const after_set = task->supervisor().get();
    const Status cleared = set_supervisor_call(0, kCapSlotNone);
    Endpoint* const after_clear = task->supervisor().get();
    set_current_task(nullptr);
    const Status expected[] = {Status::kBadHandle, Status::kBadHandle,    Status::kBadHandle,
                               Status::kWrongType, Status::kAccessDenied, Status::kBadHandle,
                               Status::kWrongType, Status::kAccessDenied};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; ++i) {
      TEST_ASSERT_EQUAL_STRING(status_name(expected[i]), status_name(refused[i]));
    }
    TEST_ASSERT_NULL(after_refusals);  // none of those changed anything
    TEST_ASSERT_EQUAL_STRING("ok", status_name(set));
    TEST_ASSERT_EQUAL_PTR(endpoint.value().get(), after_set);
    TEST_ASSERT_EQUAL_STRING("ok", status_name(cleared));
    TEST_ASSERT_NULL(after_clear);
    task->exit();
  }
  TEST_ASSERT_TRUE(before == memory_in_use());
}

int run_fault_message_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_page_fault_repaired_and_resumed_then_kill);
  RUN_TEST(test_port_faults_name_port_width_and_direction);
  RUN_TEST(test_a_dropped_fault_call_kills_the_task);
  RUN_TEST(test_task_set_supervisor_decodes_before_it_changes_anything);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_fault_message_kernel_tests);
