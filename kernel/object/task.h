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
// Memory the task owns (its loaded image and stack, its initial frames, init's boot info page) is
// freed with the task, after its address space, which may map it (own_frames).
//
// A task that user space starts (task_start) is ended by the reaper (kernel/object/task_reaper.h),
// which stands in for the creator's wait; the parent's Task capability keeps the dead task, with
// its memory, until it is deleted.
//
// A task's capability space usually holds a capability to the task itself (and to its address
// space), so the references form a cycle that only exit() breaks: exit empties the capability
// space, and the task is freed when the last reference from outside goes (the code that ran it, or
// capabilities in other tasks' spaces).
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/task_end.h"
#include "base/range.h"
#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/mm/allocation_faults.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/kernel_object.h"
#include "kernel/object/task_io_ports.h"
#include "kernel/sched/run_queue.h"
#include "kernel/sched/wait_queue.h"
#include "kernel/vm/address_space.h"

class Thread;

// Guards the registry of live tasks (Task::for_each_registered, for system_info). Taken only by
// a task's constructor and destructor and by the walkers, which take a task's I/O-port and
// supervisor locks under it and nothing else.
extern SpinLock g_task_registry_lock;

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
  const TaskIoPorts& io_ports() const { return io_ports_; }
  // Its fault_inject setting (kernel/mm/allocation_faults.h).
  AllocationFaults& allocation_faults() { return allocation_faults_; }

  // The task's code has stopped for good: every capability in its space is deleted (which drops
  // the references it held, its own included). Capabilities derived from them in other spaces
  // stay, under the dead nodes the deletes leave (docs/capabilities.md).
  void exit();

  // The program's name for the kernel log (its module line's first word); truncated.
  void set_name(const char* name);
  const char* name() const { return name_; }

  // Takes over a run of frames (physical, page aligned) to free when the task is freed; at most
  // kMaxOwnedRuns (kNoSpace). Only before the task first runs.
  static constexpr size_t kMaxOwnedRuns = 3;
  [[nodiscard]] Status own_frames(Range<uint64_t> run);

  // Where the task's first thread enters ring 3 (the loaded program's entry and initial rsp).
  void set_first_thread(uint64_t rip, uint64_t rsp) {
    first_rip_ = rip;
    first_rsp_ = rsp;
  }
  uint64_t first_rip() const { return first_rip_; }
  uint64_t first_rsp() const { return first_rsp_; }
  // The scheduler level of the first thread (task_set_priority, before the start).
  void set_first_priority(uint32_t priority) {
    first_priority_.store(static_cast<uint8_t>(priority), std::memory_order_relaxed);
  }
  uint32_t first_priority() const { return first_priority_.load(std::memory_order_relaxed); }

  // task_start (and the kernel starting a task itself): true for the one call that may start the
  // task's first thread; undo_start gives a failed start back.
  bool mark_started() { return !started_.exchange(true, std::memory_order_acq_rel); }
  void undo_start() { started_.store(false, std::memory_order_release); }
  bool started() const { return started_.load(std::memory_order_acquire); }

  // User-thread accounting (see above). thread_exiting returns true for the last live thread.
  void thread_added(Thread* thread);
  bool thread_exiting();
  // A started thread's teardown: it leaves the kill list (its destructor), then, once its memory
  // is freed, it stops counting as present (wait_for_threads may return).
  void thread_leaving(Thread* thread);
  void thread_freed();
  void wait_for_threads();
  // True once started and every thread has been freed (the reaper's test).
  bool threads_gone();
  // True once started and every thread has exited (their objects may not be freed yet).
  bool threads_exited() const {
    return started() && live_threads_.load(std::memory_order_acquire) == 0;
  }
  // Marks the task killed and interrupts every thread of it (sched::interrupt), so none stays in
  // a killable block; threads started later are interrupted as they are added. `on_request`:
  // task_kill's (task_wait then answers TaskEnd::kKilled), not a fault's; the first cause counts.
  void kill(bool on_request = false);
  bool killed() const { return killed_.load(std::memory_order_acquire); }
  // How it ended, for task_wait (once its threads have).
  TaskEnd end() const;

  // A kernel-wide number for the log and fault messages (never reused while the kernel runs).
  uint32_t id() const { return id_; }

  // Where the kernel sends its threads' fault messages (abi/portcullis/fault_message.h); nullptr:
  // none, a fault kills the task. Changeable at any time; a fault uses the one set when it hit.
  void set_supervisor(RefPtr<Endpoint> endpoint) EXCLUDES(supervisor_lock_);
  RefPtr<Endpoint> supervisor() EXCLUDES(supervisor_lock_);
  bool has_supervisor() const EXCLUDES(supervisor_lock_);
  // User threads started and not yet exited.
  uint32_t live_threads() const { return live_threads_.load(std::memory_order_acquire); }

  // --- the registry of live tasks (system_info: kernel/object/system_info.h) ------------------
  // Every Task is in it from the end of its constructor to the start of its destructor. Runs
  // fn(Task&) for each one whose count has not reached 0, under g_task_registry_lock: fn must be
  // short, must not sleep and may take only the task's own I/O-port and supervisor locks.
  template <typename Fn>
  static void for_each_registered(Fn&& fn) EXCLUDES(g_task_registry_lock) {
    SpinGuard guard(g_task_registry_lock);
    for (Task* t = registry_first_; t != nullptr; t = t->registry_next_) {
      // Count 0: its destructor waits for this lock to unlink it; it is no longer a task.
      if (t->ref_count() > 0) fn(*t);
    }
  }
  // A new reference to the live task with this id; nullptr when there is none.
  static RefPtr<Task> find(uint32_t id) EXCLUDES(g_task_registry_lock);

 private:
  friend class RefPtr<Task>;
  Task(RefPtr<AddressSpace> space, RefPtr<CapSpace> caps);
  ~Task() override;

  // The frames own_frames took; the destructor frees them.
  class OwnedFrames {
   public:
    OwnedFrames() = default;
    OwnedFrames(const OwnedFrames&) = delete;
    OwnedFrames& operator=(const OwnedFrames&) = delete;
    ~OwnedFrames();
    Status add(Range<uint64_t> run);

   private:
    Range<uint64_t> runs_[kMaxOwnedRuns] = {};
    size_t count_ = 0;
  };

  // First member, so destroyed last: after the capability space and the address space that may
  // map these frames.
  OwnedFrames owned_frames_;
  const RefPtr<AddressSpace> address_space_;
  const RefPtr<CapSpace> cap_space_;
  TaskIoPorts io_ports_;
  AllocationFaults allocation_faults_;
  char name_[32] = {};
  uint64_t first_rip_ = 0;
  uint64_t first_rsp_ = 0;
  std::atomic<bool> killed_{false};
  std::atomic<bool> killed_on_request_{false};  // set before killed_, by the first kill only
  const uint32_t id_;
  mutable SpinLock supervisor_lock_{LockClass::kTaskSupervisor};
  RefPtr<Endpoint> supervisor_ GUARDED_BY(supervisor_lock_);
  std::atomic<bool> started_{false};
  std::atomic<uint8_t> first_priority_{kPriorityDefault};
  std::atomic<uint32_t> live_threads_{0};
  WaitQueue threads_gone_;
  // Under threads_gone_'s lock: the started threads not yet freed (linked through
  // Thread::task_next_), and their number.
  Thread* threads_ = nullptr;
  uint32_t present_threads_ = 0;

  // The registry: a doubly linked list of every task (see for_each_registered).
  static Task* registry_first_ GUARDED_BY(g_task_registry_lock);
  Task* registry_next_ GUARDED_BY(g_task_registry_lock) = nullptr;
  Task* registry_prev_ GUARDED_BY(g_task_registry_lock) = nullptr;

  // The reaper's list of started tasks and its reference to this one (under its lock).
  friend class TaskReaper;
  Task* reap_next_ = nullptr;
  RefPtr<Task> reap_hold_;
};

// The task of the running thread (nullptr: a kernel thread). The system calls find the caller's
// capability space through it. set_current_task lends the running kernel thread a task for a
// while (kernel tests acting as a task's code); it does not count as one of the task's threads.
Task* current_task();
void set_current_task(Task* task);
