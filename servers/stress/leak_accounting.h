// Leak accounting for a stress run: the kernel's counts (kernel_stats: `frames` = free frames plus
// the heap's pages, heap bytes and blocks, live objects per kind) and the memory server's free
// pool pages, taken before the workloads start and after they have all returned. A key that
// differs is a leak.
//
// What makes the two snapshots comparable (main.cc keeps to it): the "before" snapshot is taken
// before the first workload thread starts and the "after" one once every one has been joined, so
// their stacks (memsrv allocations, freed by join) and Thread objects are in neither; the
// controller and its workloads never use sys::heap, whose size classes keep pages once given (a
// free list that keeps memory would look like a leak); the page tables of libsys's stack window
// (where memsrv maps thread stacks) are made before "before" (warm_stack_window): the kernel keeps
// a page table once made, so the first stack in each 2 MiB of the window would otherwise cost a
// frame for the rest of the program's life; the controller's own I/O bitmap is made too
// (warm_controller_ports); and "after" waits (bounded) until the kernel's
// reaper has freed every ended task and thread and the counts equal "before" or stop moving.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"

namespace stress {

class LeakSnapshot {
 public:
  static constexpr uint32_t kMaxKeys = 32;

  // The counts now; `memory_endpoint` is memsrv's slot, or kNoMemoryServer. `backlog` is the
  // reaper's (objects waiting to be freed). kernel_stats's or pool_stats's error.
  static constexpr uint32_t kNoMemoryServer = ~0u;
  [[nodiscard]] static Status take(uint32_t memory_endpoint, LeakSnapshot& out, uint64_t& backlog);

  uint32_t count() const { return count_; }
  const char* key(uint32_t i) const { return keys_[i]; }
  uint64_t value(uint32_t i) const { return values_[i]; }
  bool operator==(const LeakSnapshot& other) const;

  // Prints `stress: leaks <when> key=n key=n ...` (one line).
  void print(const char* when) const;
  // Prints `stress: leak <key> <before> -> <after>` for each key that differs; how many.
  static uint32_t print_differences(const LeakSnapshot& before, const LeakSnapshot& after);

 private:
  void add(const char* key, uint64_t value);

  uint32_t count_ = 0;
  const char* keys_[kMaxKeys] = {};
  uint64_t values_[kMaxKeys] = {};
};

// Maps a one-page stack into every slot of libsys's stack window and frees them all again, so
// the page tables of the whole window exist (memory-server clients only; nothing otherwise).
// Call before any thread is started.
void warm_stack_window();

// Enables and disables a one-port capability in the controller (taken from the IoPorts
// capability in `io_ports_root`), so the controller's own I/O bitmap, which the cow workload
// changes, exists before "before" as it will after (with no port open). Errors are ignored: the
// leak check then shows the difference.
void warm_controller_ports(uint32_t io_ports_root);

// Takes snapshots until the reaper's backlog is 0 and the counts equal `want` (nullptr: until two
// in a row agree), giving up after `max_wait_ns` in which the backlog did not shrink; the last
// one. kernel_stats's or pool_stats's error.
[[nodiscard]] Status settled_snapshot(uint32_t memory_endpoint, const LeakSnapshot* want,
                                      uint64_t max_wait_ns, LeakSnapshot& out);

}  // namespace stress
