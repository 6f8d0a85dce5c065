// Task: what a program owns, as one kernel object: its address space, its capability space and its
// I/O-port rights (TaskIoPorts). Threads (when they exist) run in a task and point at it; a
// capability of type kTask names one.
//
// A task's capability space usually holds a capability to the task itself (and to its address
// space), so the references form a cycle that only exit() breaks: exit empties the capability
// space, and the task is freed when the last reference from outside goes (the code that ran it, or
// capabilities in other tasks' spaces).
#pragma once

#include <stdint.h>

#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/kernel_object.h"
#include "kernel/object/task_io_ports.h"
#include "kernel/vm/address_space.h"

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

 private:
  friend class RefPtr<Task>;
  Task(RefPtr<AddressSpace> space, RefPtr<CapSpace> caps);
  ~Task() override;

  const RefPtr<AddressSpace> address_space_;
  const RefPtr<CapSpace> cap_space_;
  TaskIoPorts io_ports_;
};

// The task of the code running on this CPU (nullptr: kernel code of no task). The system calls
// find the caller's capability space through it. Today the program runner sets it around a
// program's run; the thread switch will, from the thread it switches to.
Task* current_task();
void set_current_task(Task* task);
