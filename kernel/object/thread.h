// Thread: the unit the scheduler runs. A kernel stack of its own (freed with the thread), the saved
// kernel context (the rsp context_switch left), the user FPU/SSE registers (switched eagerly, see
// docs/scheduling.md), a priority and an affinity, and what the context switch installs on the CPU
// for it: its TaskIoPorts (the I/O bitmap), its address space (CR3), its ring-3 trap handler and
// its kernel stack as the ring-3 entry stack.
//
// Lifetime: RefPtr. Whoever created the thread holds a reference; the scheduler holds one more from
// start() until the thread has exited and is off its CPU, so the stack it exits on is freed only
// after the switch away from it is complete.
//
// State changes: ready -> running (a CPU picked it), running -> ready (preempted or yielded),
// running -> blocked (on a WaitQueue), blocked -> ready (woken or timed out; one CAS wins),
// running -> exited (entry returned or thread_exit). Owned by the scheduler
// (kernel/sched/scheduler.cc), which is its friend. A killable block (WaitQueue::block_killable)
// is blocked too, and may also end by sched::interrupt (its task is killed): see kill_requested_.
//
// A user thread also holds the one call it is answering (seL4's implicit reply): ipc_receive puts
// the caller's ReplyToken here, ipc_reply_receive answers it, and the thread's exit drops it (the
// caller then fails with kBadState).
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <atomic>
#include <new>

#include "base/result.h"
#include "kernel/arch/arch.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/kernel_object.h"
#include "kernel/sched/run_queue.h"
#include "kernel/sched/wait_queue.h"

class AddressSpace;
class AllocationFaults;
class Task;
class TaskIoPorts;
class UserTrapHandler;

// Guards the registry of threads (Thread::for_each_registered, for system_info). A leaf: nothing
// is taken under it, so a thread may be created or freed under any other lock.
extern SpinLock g_thread_registry_lock;

class Thread final : public KernelObject, private RunQueueEntry {
 public:
  static constexpr CapabilityType kType = CapabilityType::kThread;
  enum class State : uint8_t { kReady, kRunning, kBlocked, kBlockedKillable, kExited };
  using Entry = void (*)(void* arg);
  static constexpr size_t kKernelStackBytes = 16384;

  // A kernel thread running entry(arg), ready at once (on its pinned CPU, else on the caller's
  // CPU, from where idle CPUs take it). kInvalidArgument for a priority >= kPriorityCount or a
  // CPU that is not online; kNoMemory without a stack.
  static Result<RefPtr<Thread>> create_kernel(Entry entry, void* arg, uint32_t priority,
                                              Affinity affinity);

  // A user thread of `task` (kernel/object/user_thread.h): its first run enters ring 3 at `rip`
  // with stack `rsp` and rdx = `arg` from the top of its kernel stack, in the task's address space,
  // with the task's I/O ports. Not started: start_user() counts it as one of the task's threads
  // (Task::thread_added) and makes it ready; a thread never started is simply freed.
  // kInvalidArgument as create_kernel; kNoMemory.
  static Result<RefPtr<Thread>> create_user(Task& task, uint64_t rip, uint64_t rsp, uint64_t arg,
                                            uint32_t priority, Affinity affinity);
  void start_user();

  // Blocks until the thread has exited and left its CPU for good. Not from the thread itself.
  void join();

  // The last reference destroys the thread, frees its memory and only then tells its task (a
  // started user thread), so whoever waits for the task's threads (the program runner's memory
  // check) never finds a thread's block still allocated.
  static void operator delete(Thread* thread, std::destroying_delete_t);

  State state() const { return state_.load(std::memory_order_acquire); }
  uint32_t priority() const { return RunQueueEntry::priority; }
  Affinity affinity() const { return RunQueueEntry::affinity; }
  uint32_t last_cpu() const { return last_cpu_.load(std::memory_order_relaxed); }
  // A kernel-wide number for the log and fault messages (never reused while the kernel runs).
  uint32_t id() const { return id_; }

  // What the switch installs with the thread (for user threads; set before the thread first runs).
  void set_io_ports(TaskIoPorts* ports) { io_ports_ = ports; }
  void set_user_traps(UserTrapHandler* traps) { user_traps_ = traps; }
  void set_address_space(RefPtr<AddressSpace> space);

  // The task the thread runs in (nullptr: a kernel thread with no task lent to it).
  Task* task() const { return task_; }
  bool is_user() const { return is_user_; }
  void lend_task(Task* task) { task_ = task; }  // kernel threads only (set_current_task)
  uint64_t fs_base() const { return fs_base_; }
  void set_fs_base(uint64_t base) { fs_base_ = base; }

  // The call this thread answers next (user threads: ipc_receive / ipc_reply_receive).
  ReplyToken& reply_token() { return reply_token_; }
  // The fault_inject setting the kernel allocations made for this thread draw from: its task's
  // while it runs a syscall of that task that may be made to fail, else nullptr (only the thread
  // itself, and an interrupt on its CPU, change it: kernel/syscall/syscall_allocation_faults.h).
  AllocationFaults* allocation_faults() const { return allocation_faults_; }
  void set_allocation_faults(AllocationFaults* faults) { allocation_faults_ = faults; }
  bool is_idle() const { return is_idle_; }

  // --- the registry of threads (system_info: kernel/object/system_info.h) --------------------
  // A thread is in it from when it is whole (create_kernel, create_user, a CPU's boot context
  // and idle thread) until its destructor. Runs fn(const Thread&) for each, under
  // g_thread_registry_lock: fn must be short and take no lock. What fn may read: the accessors
  // above whose fields are fixed once the thread is registered (id, priority, affinity, task,
  // is_user, is_idle) and the atomic ones (state, last_cpu).
  template <typename Fn>
  static void for_each_registered(Fn&& fn) EXCLUDES(g_thread_registry_lock) {
    SpinGuard guard(g_thread_registry_lock);
    for (const Thread* t = registry_first_; t != nullptr; t = t->registry_next_) fn(*t);
  }

  // Set by sched::interrupt (Task::kill), never cleared: every killable block of the thread ends
  // from then on, at once.
  bool kill_requested() const { return kill_requested_.load(std::memory_order_seq_cst); }

 private:
  friend class RefPtr<Thread>;
  friend class Scheduler;
  friend class Task;
  friend class WaitQueue;

  Thread(uint32_t priority, Affinity affinity);
  ~Thread() override;
  // A thread with its own stack, not yet started; the caller owns the first reference.
  static Thread* allocate(Entry entry, void* arg, uint32_t priority, Affinity affinity);

  // Puts the thread in the registry once its fixed fields are set (idempotent).
  void publish() EXCLUDES(g_thread_registry_lock);

  static Thread* from_entry(RunQueueEntry* e) { return static_cast<Thread*>(e); }
  RunQueueEntry* entry() { return this; }

  std::atomic<State> state_{State::kReady};
  // True from the moment a CPU picks the thread until the switch away from it has saved its
  // context: nobody else may switch to it meanwhile (the scheduler's hand-off).
  std::atomic<bool> on_cpu_{false};
  std::atomic<uint32_t> last_cpu_{0};
  const uint32_t id_;
  bool is_idle_ = false;
  uint64_t saved_rsp_ = 0;
  uint8_t* stack_ = nullptr;  // owned; nullptr for a CPU's boot context (never freed)
  uint64_t stack_top_ = 0;    // the ring-3 entry stack while this thread runs
  Entry entry_ = nullptr;
  void* arg_ = nullptr;
  TaskIoPorts* io_ports_ = nullptr;
  UserTrapHandler* user_traps_ = nullptr;
  RefPtr<AddressSpace> address_space_;  // nullptr: a kernel thread (the kernel's PML4)
  // On a WaitQueue (under its lock): doubly linked, so a waiter that timed out leaves from
  // anywhere.
  Thread* wait_next_ = nullptr;
  Thread* wait_prev_ = nullptr;
  bool wait_linked_ = false;
  // A timed block (WaitQueue::block_for): the deadline in ticks of the CPU whose timer list holds
  // the thread (under that list's lock), and whether the timer, not a wake, made it ready (written
  // before the thread is queued to run, read by the thread itself).
  uint64_t timer_deadline_ = 0;
  Thread* timer_next_ = nullptr;
  uint32_t timer_cpu_ = 0;
  bool timer_armed_ = false;
  bool timed_out_ = false;
  WaitQueue exit_waiters_;
  bool exited_ = false;  // under exit_waiters_'s lock: off its CPU for good
  // User threads: the task (which outlives the thread: see Task::wait_for_threads), the first
  // ring-3 registers, and the FS base the switch saves and restores.
  Task* task_ = nullptr;
  bool is_user_ = false;
  bool counted_ = false;  // start_user() counted it in its task
  uint64_t user_rip_ = 0;
  uint64_t user_rsp_ = 0;
  uint64_t user_arg_ = 0;
  uint64_t fs_base_ = 0;
  Thread* task_next_ = nullptr;  // the task's list of started threads (under the task's lock)
  // Stored before the interrupter looks at state_, and state_ stored before the blocking thread
  // looks at this (both seq_cst): one of the two always sees the other (WaitQueue::block_killable).
  std::atomic<bool> kill_requested_{false};
  ReplyToken reply_token_;
  AllocationFaults* allocation_faults_ = nullptr;
  // The registry (see for_each_registered).
  static Thread* registry_first_ GUARDED_BY(g_thread_registry_lock);
  Thread* registry_next_ GUARDED_BY(g_thread_registry_lock) = nullptr;
  Thread* registry_prev_ GUARDED_BY(g_thread_registry_lock) = nullptr;
  bool registered_ GUARDED_BY(g_thread_registry_lock) = false;
  static void user_entry(void* thread);
  arch::FpuState fpu_;
};

// The calling thread ends (its entry returning does the same). Never returns.
[[noreturn]] void thread_exit();
