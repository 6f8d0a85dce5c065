// sys::Thread: a thread of the calling program, running function(arg), owned by the object that
// started it. join() waits until the thread has ended and gives back its stack and its Thread
// capability; the destructor joins a thread nobody joined.
//
// The stack comes from libsys/page_pool.h (one memory-server allocation when the program is its
// client, else frames of the program's initial Frames capability) with an unmapped guard page
// below it. Knowing the end needs no
// kernel object: the thread's last steps set a word in this object and wake it
// (wake_waiters), then call thread_exit, all in registers (thread.cc says why), and join()
// sleeps on that word.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/status.h"
#include "abi/portcullis/thread_params.h"

namespace sys {

struct ThreadOptions {
  // No more urgent than the calling thread; by default the same level as it (a program's first
  // thread runs at its manifest's priority=, else kThreadPriorityDefault).
  uint32_t priority = kThreadPrioritySame;
  uint32_t cpu = kThreadCpuAny;  // or a CPU index: the thread runs only there
  size_t stack_pages = 4;        // plus one unmapped guard page
};

class Thread {
 public:
  using Function = void (*)(void* arg);

  Thread() = default;
  ~Thread() { join(); }
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  // Starts function(arg) on a new thread. kBadState if this object already has a thread; the
  // page pool's answers for the stack (kNoMemory; from the memory server also kNoSpace, over the
  // program's quota or table of allocations); thread_create's (docs/syscalls.md:
  // kInvalidArgument for a priority or CPU that does not exist, kAccessDenied for a priority
  // above the caller's, kNoSpace without a free capability slot). Nothing is left behind on
  // error.
  [[nodiscard]] Status start(Function function, void* arg, const ThreadOptions& options = {});
  // Waits until the thread has ended; then the object may start another. At once if none runs.
  void join();
  bool joinable() const { return stack_ != nullptr; }

 private:
  std::atomic<uint32_t> ended_{0};  // set to 1 by the thread's last steps
  void* stack_ = nullptr;           // the lowest mapped page; nullptr: no thread
  size_t stack_pages_ = 0;
  uint32_t slot_ = 0;  // its Thread capability
};

// How many CPUs are online (io_counters' count; 1 if the kernel will not say): for a thread per
// CPU, pinned with ThreadOptions::cpu.
uint32_t online_cpus();

}  // namespace sys
