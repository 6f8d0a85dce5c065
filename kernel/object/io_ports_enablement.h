// IoPortsEnablement: an IoPorts capability enabled in a task (io_ports_enable). It is the grant in
// the task's TaskIoPorts that opens the capability's ports, bound to the capability as its CapUse,
// so that whatever ends the capability closes the ports in that task (and in every task that
// shares or copied the bitmap the grant is in: docs/io-ports.md, "Sharing"), on every CPU where
// one of those bitmaps is live, before the call that ended it returns: io_ports_disable, a delete,
// a revoke of any ancestor (in any task), the task's exit. Rules (docs/io-ports.md):
//   - enabling needs kCapRead and kCapWrite (the TSS bitmap cannot open a port for IN only);
//   - a capability is enabled at most once (kAlreadyExists), only in the task whose space holds it,
//     and an enabled capability cannot be moved to another space (kBusy): disable it first;
//   - ports stay open while any enabled capability of the task covers them (overlaps are fine).
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/derivation_tree.h"

class Task;

class IoPortsEnablement final : public CapUse {
 public:
  // The calls on the calling task's slot `slot`. enable: CapSpace::attach_use's answers, kNoMemory.
  // disable: CapSpace::detach_use's answers (kBadState: not enabled).
  static Status enable(Task& task, uint32_t slot);
  static Status disable(Task& task, uint32_t slot);

  void capability_gone() override;
  const KernelObject* bound_to() const override;

 private:
  IoPortsEnablement(RefPtr<Task> task, uint64_t grant_id);
  ~IoPortsEnablement() = default;
  // Closes the grant in every bitmap that holds it (the task's, and those that share or copied
  // it) and waits for every CPU that had one of them live.
  void close_ports();

  const RefPtr<Task> task_;
  const uint64_t grant_id_;
};
