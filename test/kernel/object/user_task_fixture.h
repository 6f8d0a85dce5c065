// Kernel tests that run ring-3 code as a real task: a task whose address space maps `code` at
// kCodeVa (one executable page) and has a second frame, zeroed, for the test to map where it needs
// (data, a counter the user code and the test share), a supervisor endpoint a kernel thread of the
// test receives fault messages on, and one user thread. finish_user_task waits for the task's end
// and gives every frame back.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/vm_op.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/task.h"
#include "kernel/object/thread.h"
#include "unity.h"

namespace user_task_fixture {

inline constexpr uint64_t kCodeVa = 0x400000;
inline constexpr uint64_t kDataVa = 0x500000;
inline constexpr uint64_t kReceiveTicks = 1000;  // 10 s: only a broken kernel waits that long

struct UserTask {
  uint64_t frames = 0;  // two contiguous frames: code, data
  RefPtr<Task> task;
  RefPtr<Endpoint> supervisor;
  RefPtr<Thread> thread;

  uint64_t* data() const { return arch::phys_to_virt<uint64_t>(frames + kPageSize); }
  void map_data() const {
    const VmOp map{kDataVa, frames + kPageSize, 1, VmOpKind::kMap, kVmRead | kVmWrite, 0};
    TEST_ASSERT_TRUE(task->address_space().apply(&map, 1).status == Status::kOk);
  }
};

// The task, not started yet: `cap_slots` slots, the data frame's first word 42, the rest 0.
inline void make_user_task(UserTask& run, const uint8_t* code, size_t size,
                           uint32_t cap_slots = 4) {
  Result<uint64_t> frames = kernel_frames().alloc_contiguous(2, 1);
  TEST_ASSERT_TRUE(frames.is_ok());
  run.frames = frames.value();
  auto* code_page = arch::phys_to_virt<uint8_t>(run.frames);
  for (size_t i = 0; i < kPageSize; ++i) code_page[i] = i < size ? code[i] : 0xCC;
  for (size_t i = 0; i < kPageSize / 8; ++i) run.data()[i] = 0;
  run.data()[0] = 42;
  Result<RefPtr<AddressSpace>> space =
      AddressSpace::create(FrameGrant{{run.frames, 2 * kPageSize}, kVmRead | kVmWrite | kVmExec});
  TEST_ASSERT_TRUE(space.is_ok());
  const VmOp map_code{kCodeVa, run.frames, 1, VmOpKind::kMap, kVmRead | kVmExec, 0};
  TEST_ASSERT_TRUE(space.value()->apply(&map_code, 1).status == Status::kOk);
  Result<RefPtr<Task>> task = Task::create(space.release_value(), cap_slots);
  TEST_ASSERT_TRUE(task.is_ok());
  run.task = task.release_value();
  run.task->set_name("kernel_test_task");
  Result<RefPtr<Endpoint>> endpoint = Endpoint::create();
  TEST_ASSERT_TRUE(endpoint.is_ok());
  run.supervisor = endpoint.release_value();
  run.task->set_supervisor(run.supervisor);
}

// Its thread, at kCodeVa, on `affinity`.
inline void start_user_thread(UserTask& run, Affinity affinity = Affinity::any()) {
  Result<RefPtr<Thread>> thread =
      Thread::create_user(*run.task, kCodeVa, 0, 0, kPriorityDefault, affinity);
  TEST_ASSERT_TRUE(thread.is_ok());
  run.thread = thread.release_value();
  run.thread->start_user();
}

// Waits for the next fault message; false if none came in time.
inline bool receive_fault(UserTask& run, FaultMessage* fault, ReplyToken& token) {
  IpcPayload message;
  if (run.supervisor->receive(message, nullptr, kReceiveTicks, token) != Status::kOk) return false;
  TEST_ASSERT_EQUAL_UINT64(kFaultMessageLabel, message.label);
  TEST_ASSERT_EQUAL_UINT32(kFaultMessageWords, message.word_count);
  *fault = fault_message_unpack(message.words);
  TEST_ASSERT_EQUAL_UINT32(run.task->id(), fault->task_id);
  TEST_ASSERT_EQUAL_UINT32(run.thread->id(), fault->thread_id);
  return true;
}

inline void answer_fault(ReplyToken& token, uint64_t label) {
  IpcPayload reply;
  reply.label = label;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOk),
                        static_cast<int>(token.reply(reply, nullptr)));
}

// The task's threads have ended (killed): its capabilities, address space and frames go.
inline void finish_user_task(UserTask& run) {
  run.thread = nullptr;  // the task counts its threads until their objects are freed
  run.task->wait_for_threads();
  TEST_ASSERT_TRUE(run.task->killed());
  run.task->set_supervisor(nullptr);
  run.task->exit();
  run.task = nullptr;
  run.supervisor = nullptr;
  TEST_ASSERT_TRUE(kernel_frames().free_contiguous(run.frames, 2) == Status::kOk);
}

}  // namespace user_task_fixture
