#include "kernel/object/task_io_ports.h"

#include <utility>

#include "base/assert.h"

TaskIoPorts::~TaskIoPorts() {
  IoCounters unused;
  const IoInvalidation invalidation = clear(unused);
  // A task is destroyed after its last thread stopped: no CPU can still run it.
  (void)invalidation;
}

RefPtr<IoBitmap> TaskIoPorts::install_locked(RefPtr<IoBitmap> next) {
  RefPtr<IoBitmap> old = std::move(bitmap_);
  if (next) next->add_sharer();
  bitmap_ = std::move(next);
  published_.store(bitmap_.get(), std::memory_order_seq_cst);
  if (old) old->remove_sharer();
  return old;
}

Result<RefPtr<IoBitmap>> TaskIoPorts::spare_for_change() const {
  // Unlocked peek: a wrong guess is corrected under the lock (retry or unused spare).
  const IoBitmap* current = published();
  if (current != nullptr && current->sharer_count() <= 1) return RefPtr<IoBitmap>();
  return IoBitmap::create();
}

IoInvalidation TaskIoPorts::leave(RefPtr<IoBitmap> old, bool rights_removed, bool always,
                                  IoCounters& counters) {
  IoInvalidation invalidation;
  invalidation.rights_removed = rights_removed;
  if (old && (always || rights_removed)) {
    // Pairs with IoBitmap::mark_active (seq_cst on both sides): a CPU that marked itself on `old`,
    // under this task's lock or earlier, is seen here; one that did not will read the new pointer.
    invalidation.cpus = old->active_cpus();
    if (rights_removed) ++counters.revocations;
    counters.revocation_targets += invalidation.cpus.count();
  }
  invalidation.bitmap = std::move(old);
  return invalidation;
}

Result<IoInvalidation> TaskIoPorts::enable(uint64_t grant_id, PortRange ports,
                                           IoCounters& counters) {
  TRY(IoBitmap::check_grant_args(grant_id, ports));
  for (;;) {
    RefPtr<IoBitmap> spare = TRY(spare_for_change());  // allocated before any lock
    RefPtr<IoBitmap> old;                              // dropped after the lock is released
    SpinGuard guard(lock_);
    IoBitmap* current = bitmap_.get();
    ASSERT(current == nullptr || current->sharer_count() >= 1);
    if (current != nullptr && current->sharer_count() == 1) {
      TRY(current->add_grant(grant_id, ports));
      ++own_grants_;
      return IoInvalidation{};
    }
    if (!spare) continue;  // became shared since the peek: allocate outside the lock and retry
    if (current != nullptr) current->copy_into(*spare);
    TRY(spare->add_grant(grant_id, ports));  // on error the shared bitmap was never touched
    if (current != nullptr) ++counters.cow_duplications;
    ++own_grants_;
    old = install_locked(std::move(spare));
    return leave(std::move(old), false, true, counters);
  }
}

Result<IoInvalidation> TaskIoPorts::disable(uint64_t grant_id, IoCounters& counters) {
  if (grant_id == 0) return Status::kInvalidArgument;
  for (;;) {
    // A task without ports has nothing to disable: no spare for it (rechecked under the lock).
    RefPtr<IoBitmap> spare = published() == nullptr ? RefPtr<IoBitmap>() : TRY(spare_for_change());
    RefPtr<IoBitmap> old;
    SpinGuard guard(lock_);
    IoBitmap* current = bitmap_.get();
    if (current == nullptr) return Status::kNotFound;
    if (current->sharer_count() == 1) {
      Result<IoInvalidation> revoked = current->revoke_grant(grant_id, counters);
      if (revoked.is_ok() && own_grants_ > 0) --own_grants_;
      return revoked;
    }
    if (!spare) continue;
    if (!current->has_grant(grant_id)) return Status::kNotFound;
    current->copy_into(*spare);
    // The copy is private and active nowhere: its own change targets nobody.
    IoCounters scratch;
    const IoInvalidation private_change = TRY(spare->revoke_grant(grant_id, scratch));
    ASSERT(private_change.cpus.empty());
    ++counters.cow_duplications;
    if (own_grants_ > 0) --own_grants_;
    old = install_locked(std::move(spare));
    return leave(std::move(old), private_change.rights_removed, true, counters);
  }
}

Status TaskIoPorts::share_from(TaskIoPorts& source) {
  if (&source == this) return Status::kInvalidArgument;
  RefPtr<IoBitmap> shared = source.bitmap();
  SpinGuard guard(lock_);
  if (bitmap_) return Status::kBadState;
  if (!shared) return Status::kOk;
  // The source may have changed (even COW-split) since we read it: we share the snapshot we read,
  // exactly as if the spawn had happened just before that change.
  const RefPtr<IoBitmap> none = install_locked(std::move(shared));
  return Status::kOk;
}

Result<IoInvalidation> TaskIoPorts::attach(RefPtr<IoBitmap> shared, IoCounters& counters) {
  if (!shared) return Status::kInvalidArgument;
  RefPtr<IoBitmap> old;
  {
    SpinGuard guard(lock_);
    if (own_grants_ != 0) return Status::kBusy;
    if (bitmap_ == shared) return IoInvalidation{};
    old = install_locked(std::move(shared));
  }
  // Moving off a bitmap: a CPU that runs this task's threads on it must drop it, whether or not
  // the new one opens fewer ports (as in a COW split, docs/io-bitmap.md).
  const bool rights_removed = old && !old->window().empty();
  return leave(std::move(old), rights_removed, true, counters);
}

void TaskIoPorts::forget_own_grant() {
  SpinGuard guard(lock_);
  if (own_grants_ > 0) --own_grants_;
}

uint32_t TaskIoPorts::own_grant_count() const {
  SpinGuard guard(lock_);
  return own_grants_;
}

IoInvalidation TaskIoPorts::clear(IoCounters& counters) {
  RefPtr<IoBitmap> old;
  {
    SpinGuard guard(lock_);
    old = install_locked(RefPtr<IoBitmap>());
  }
  // A CPU still holding `old` with no open port permits nothing, whatever it runs next.
  const bool rights_removed = old && !old->window().empty();
  return leave(std::move(old), rights_removed, false, counters);
}

RefPtr<IoBitmap> TaskIoPorts::activate_on(uint32_t cpu) {
  SpinGuard guard(lock_);
  if (bitmap_) bitmap_->mark_active(cpu);
  return bitmap_;
}

RefPtr<IoBitmap> TaskIoPorts::bitmap() const {
  SpinGuard guard(lock_);
  return bitmap_;
}

uint64_t TaskIoPorts::bitmap_id() const {
  SpinGuard guard(lock_);
  return bitmap_ ? bitmap_->id() : 0;
}

bool TaskIoPorts::allows(uint32_t port, uint32_t width) const {
  SpinGuard guard(lock_);
  return bitmap_ && bitmap_->allows(port, width);
}
