// TaskIoPorts: a task's hold on its IoBitmap, and the copy-on-write rule. A task without ports
// holds none. Spawning with the parent's ports shares the parent's bitmap (no copy); a change to a
// bitmap other holders share first gives this task a private duplicate, so they see nothing change
// (not even the sequence). A grant revoked from every holder at once goes to IoBitmap::revoke_grant
// instead.
//
// Several threads of the task may run on several CPUs while another thread changes the ports, so
// the pointer is published twice: `bitmap_` (the owning reference, under lock_) and `published_` (a
// raw copy that the context-switch path reads without the lock, see TssIoState::switch_to).
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/io_counters.h"

class TaskIoPorts {
 public:
  constexpr TaskIoPorts() = default;
  ~TaskIoPorts();
  TaskIoPorts(const TaskIoPorts&) = delete;
  TaskIoPorts& operator=(const TaskIoPorts&) = delete;

  // Opens `ports` for grant `grant_id`, creating the bitmap on first use and duplicating it first
  // when shared. In place it adds rights only and nobody needs to act (a CPU with an older copy
  // repairs it on the #GP that follows); a COW split returns the old object's CPUs (see
  // IoInvalidation). On error nothing changed.
  [[nodiscard]] Result<IoInvalidation> enable(uint64_t grant_id, PortRange ports,
                                              IoCounters& counters) EXCLUDES(lock_);
  // Closes grant `grant_id` for this task only (duplicating first when shared). The result names
  // the CPUs that must invalidate before the caller returns to its caller. On error nothing
  // changed.
  [[nodiscard]] Result<IoInvalidation> disable(uint64_t grant_id, IoCounters& counters)
      EXCLUDES(lock_);
  // Makes this task (which must hold no bitmap: kBadState otherwise) share `source`'s bitmap, as a
  // spawn with the parent's ports does. A source without ports leaves this task without ports.
  [[nodiscard]] Status share_from(TaskIoPorts& source) EXCLUDES(lock_);
  // Makes this task share `shared` (an IoBitmap capability's object: io_bitmap_attach) in place
  // of the bitmap it holds. kBusy while an IoPorts capability of the task's own is enabled (its
  // grant would be lost with the old bitmap: disable it first); attaching the bitmap it already
  // holds changes nothing. The result names the CPUs that must drop the old bitmap.
  [[nodiscard]] Result<IoInvalidation> attach(RefPtr<IoBitmap> shared, IoCounters& counters)
      EXCLUDES(lock_);
  // An enabled capability's grant was closed outside enable/disable (IoPortsEnablement closes it
  // in every bitmap that holds it, IoBitmap::revoke_grant_somewhere): one own grant fewer.
  void forget_own_grant() EXCLUDES(lock_);
  // Grants this task opened with enable and has not closed (not those it shares).
  uint32_t own_grant_count() const EXCLUDES(lock_);
  // Drops the bitmap (task exit, or "give up all ports"). Threads still running on other CPUs must
  // stop using it: the result names them.
  IoInvalidation clear(IoCounters& counters) EXCLUDES(lock_);

  // The bitmap as the context-switch path sees it, read without the lock. Only compared against a
  // pointer the reader already holds a reference to, or used as a "has ports" hint: never
  // dereferenced.
  const IoBitmap* published() const { return published_.load(std::memory_order_seq_cst); }
  // A new reference to the current bitmap (nullptr without ports), with `cpu` marked active on it
  // before the task lock is released, so a concurrent COW split either sees the mark or happens
  // first.
  RefPtr<IoBitmap> activate_on(uint32_t cpu) EXCLUDES(lock_);
  // The current bitmap (a new reference), for tests and the fault path.
  RefPtr<IoBitmap> bitmap() const EXCLUDES(lock_);
  // The current bitmap's id (0: no ports), without a reference: for readers that must not drop
  // one under their own locks (system_info's walks).
  uint64_t bitmap_id() const EXCLUDES(lock_);
  // Whether the task may use [port, port + width) right now.
  bool allows(uint32_t port, uint32_t width) const EXCLUDES(lock_);

 private:
  // Replaces bitmap_ and publishes it; returns the old reference.
  RefPtr<IoBitmap> install_locked(RefPtr<IoBitmap> next) REQUIRES(lock_);
  // After install_locked moved this task off `old`: the CPUs that have `old` active must drop it.
  static IoInvalidation leave(RefPtr<IoBitmap> old, bool rights_removed, bool always,
                              IoCounters& counters);
  // A spare bitmap when the current one looks shared or absent; the choice is checked again under
  // the lock. Allocating here keeps allocation out of every lock.
  Result<RefPtr<IoBitmap>> spare_for_change() const;

  mutable SpinLock lock_{LockClass::kTaskIoPorts};
  RefPtr<IoBitmap> bitmap_ GUARDED_BY(lock_);  // this task counts as one of its sharers
  std::atomic<IoBitmap*> published_{nullptr};  // == bitmap_.get(), stored under lock_
  uint32_t own_grants_ GUARDED_BY(lock_) = 0;  // see own_grant_count()
};
