// Task: what a program owns, as one kernel object: its address space, its capability space and its
// I/O-port rights (TaskIoPorts), and the count of its user threads (kernel/object/user_thread.h).
// Threads run in a task and point at it; a capability of type kTask names one.
//
// Thread accounting: each user thread counts as live from its creation until it exits (thread_exit
// or a fault) and as present until its Thread object is freed. The last live thread to exit
// exits the task; whoever created the task waits (wait_for_threads) until none is present before
// it lets go of the task, so a task always outlives its threads' objects. A killed task (a fault,
// with no supervisor yet) lets each of its other threads exit the next time the timer interrupts
// it in ring 3 (within one tick); a thread blocked in a system call (a killable block: IPC,
// wait_while_equal) is woken by the kill and exits when its call returns.
//
// A task's capability space usually holds a capability to the task itself (and to its address
// space), so the references form a cycle that only exit() breaks: exit empties the capability
// space, and the task is freed when the last reference from outside goes (the code that ran it, or
// capabilities in other tasks' spaces).
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/kernel_object.h"
#include "kernel/object/task_io_ports.h"
#include "kernel/sched/wait_queue.h"
#include "kernel/vm/address_space.h"

class Thread;

class Task final : public KernelObject {
 public:
  static constexpr CapabilityType kType = CapabilityType::kTask;

  // A task over `space` with an empty capability space of `cap_slots` slots (CapSpace::create's
  // answers; kNoMemory).
  static Result<RefPtr<Task>> create(RefPtr<AddressSpace> space, uint32_t cap_slots);

  AddressSpace& address_space() const { return *address_space_; }
  const RefPtr<AddressSpace>& address_space_ref() const { return address_space_; }
  CapSpace& cap_space() const { return *cap_space_; }
  TaskIoPorts& io_ports() { return io_ports_; }

  // The task's code has stopped for good: every capability in its space is deleted (which drops
  // the references it held, its own included). Capabilities derived from them in other spaces
  // stay, under the dead nodes the deletes leave (docs/capabilities.md).
  void exit();

  // The program's name for the kernel log (its module line's first word); truncated.
  void set_name(const char* name);
  const char* name() const { return name_; }

  // User-thread accounting (see above). thread_exiting returns true for the last live thread.
  void thread_added(Thread* thread);
  bool thread_exiting();
  // A started thread's teardown: it leaves the kill list (its destructor), then, once its memory
  // is freed, it stops counting as present (wait_for_threads may return).
  void thread_leaving(Thread* thread);
  void thread_freed();
  void wait_for_threads();
  // Marks the task killed and interrupts every thread of it (sched::interrupt), so none stays in
  // a killable block; threads started later are interrupted as they are added.
  void kill();
  bool killed() const { return killed_.load(std::memory_order_acquire); }

 private:
  friend class RefPtr<Task>;
  Task(RefPtr<AddressSpace> space, RefPtr<CapSpace> caps);
  ~Task() override;

  const RefPtr<AddressSpace> address_space_;
  const RefPtr<CapSpace> cap_space_;
  TaskIoPorts io_ports_;
  char name_[32] = {};
  std::atomic<bool> killed_{false};
  std::atomic<uint32_t> live_threads_{0};
  WaitQueue threads_gone_;
  // Under threads_gone_'s lock: the started threads not yet freed (linked through
  // Thread::task_next_), and their number.
  Thread* threads_ = nullptr;
  uint32_t present_threads_ = 0;
};

// The task of the running thread (nullptr: a kernel thread). The system calls find the caller's
// capability space through it. set_current_task lends the running kernel thread a task for a
// while (kernel tests acting as a task's code); it does not count as one of the task's threads.
Task* current_task();
void set_current_task(Task* task);
