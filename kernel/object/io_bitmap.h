// IoBitmap: the kernel object behind a task's I/O-port rights. It holds the 65536 permission bits
// as the CPU reads them, the grants that opened them, a sequence number that names its content, the
// byte window outside which it is all 0xFF, and the set of CPUs whose active TSS slot holds it.
//
// Sharing: several tasks may hold one IoBitmap (spawn with the parent's ports, or a shared IoBitmap
// capability). A task that changes a shared bitmap gets a private duplicate first (TaskIoPorts does
// that); a grant revoked from every sharer at once is removed here, in place (revoke_grant).
//
// Every live IoBitmap is in one registry (g_io_bitmap_registry_lock): a grant can sit in several
// bitmaps (the one it was opened in, and every copy-on-write copy of one that held it), and the
// end of the capability behind it must close it in all of them (revoke_grant_somewhere). Copies
// are made under the registry lock, so a copy cannot slip past a revocation that walks it.
//
// A KernelObject, so an IoBitmap capability can hold one. Lifetime and sharing are counted apart:
// the RefPtr count keeps the memory alive (tasks, CPUs that have the bitmap active, revocations in
// flight), sharer_count() says how many *holders* would see a change (tasks, and IoBitmap
// capabilities, counted as one for the object's life by io_bitmap_create). Copy on write looks at
// the sharer count only, because a CPU's reference must not force a copy.
#pragma once

#include <stdint.h>
#include <atomic>

#include "base/cpu_set.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/io_counters.h"
#include "kernel/object/io_port_bits.h"
#include "kernel/object/kernel_object.h"

// One enabled grant: the ports a capability opened. `id` is opaque here (the capability layer uses
// the capability's identity); 0 is never a valid id.
struct IoGrant {
  uint64_t id = 0;
  PortRange ports;
};

class IoBitmap;

// Guards the registry of live bitmaps (IoBitmap::registry_*). Lock order: task lock, then this,
// then a bitmap's lock. Nobody waits for another CPU while holding it.
extern SpinLock g_io_bitmap_registry_lock;

// What a change asks of other CPUs: each CPU in `cpus` must run
// TssIoState::invalidate(bitmap.get()) and acknowledge before the call that made the change returns
// to its caller. `bitmap` is the object those CPUs may have active (after a COW split, the old
// one); the reference keeps it alive until they have acknowledged. `cpus` may include the calling
// CPU, and is empty when nobody needs to act. Two kinds of change need CPUs to act:
//  - rights removed from an object (in place): the CPUs that have it active;
//  - a task moved off an object (COW split, even one that only adds rights; dropping its ports):
//  the
//    CPUs that have the old object active, since some may run the task's threads and a later
//    removal from the task's new object would not reach them.
struct IoInvalidation {
  CpuSet cpus;
  RefPtr<IoBitmap> bitmap;
  bool rights_removed = false;  // some port the task (or every sharer) held is now closed
};

// The content a CPU copies, read under the bitmap's lock so sequence, window and bytes agree.
struct IoBitmapSnapshot {
  uint64_t sequence;
  IoByteWindow window;
  const uint8_t* bytes;  // kIoBitmapByteCount bytes; valid only inside IoBitmap::read_locked
};

class IoBitmap final : public KernelObject {
 public:
  static constexpr CapabilityType kType = CapabilityType::kIoBitmap;
  static constexpr uint32_t kMaxGrants = 32;

  // A bitmap with every port denied, no grants, a fresh sequence and no sharers yet.
  static Result<RefPtr<IoBitmap>> create();
  // A new grant id: distinct kernel-wide (a grant may be copied into other bitmaps), never 0.
  static uint64_t new_grant_id();
  // A private copy (same bits, window, grants and sequence; no sharers, active nowhere). The copy's
  // memory is allocated before this bitmap's lock is taken.
  Result<RefPtr<IoBitmap>> duplicate() const;
  // The same into `target`, a bitmap nobody else can see yet (allocated earlier, outside any lock).
  // Under the registry lock, so a concurrent revoke_grant_somewhere sees the copy or the original
  // without the grant.
  void copy_into(IoBitmap& target) const EXCLUDES(lock_, g_io_bitmap_registry_lock);

  // Checks grant arguments that need no state: id != 0, ports non-empty and inside the port space.
  [[nodiscard]] static Status check_grant_args(uint64_t grant_id, PortRange ports);

  // --- changes: each validates everything first and changes nothing on error ---------------------
  // Opens `ports` for grant `grant_id` in place. Adds rights only, so no CPU needs to act (a CPU
  // with an older copy repairs it on the #GP that follows). kAlreadyExists, kNoSpace, argument
  // errors.
  [[nodiscard]] Status add_grant(uint64_t grant_id, PortRange ports) EXCLUDES(lock_);
  // Removes grant `grant_id` in place, for every sharer: closes the ports no other enabled grant
  // still covers and returns the CPUs that must invalidate (none if no port closed). kNotFound if
  // the grant is not enabled here.
  [[nodiscard]] Result<IoInvalidation> revoke_grant(uint64_t grant_id, IoCounters& counters)
      EXCLUDES(lock_);
  // revoke_grant on one live bitmap that still holds grant `grant_id`, whichever it is; kNotFound
  // when none does. Called until kNotFound (applying each result), it closes the grant in every
  // bitmap: the one it was opened in and every copy made from one that held it. Each call makes
  // progress (one bitmap fewer holds it), and a copy made meanwhile is made from a bitmap that
  // is still to be visited or no longer holds the grant.
  [[nodiscard]] static Result<IoInvalidation> revoke_grant_somewhere(uint64_t grant_id,
                                                                     IoCounters& counters)
      EXCLUDES(g_io_bitmap_registry_lock);

  // --- reading ------------------------------------------------------------------------------
  // Names the object: drawn from a global counter at creation, never 0, never reused, kept by
  // every change (unlike the sequence). cap_identify reports it (docs/io-ports.md, "Sharing").
  uint64_t id() const { return id_; }
  // Names the content: changes with every change, drawn from one global counter, never 0, never
  // reused.
  uint64_t sequence() const { return sequence_.load(std::memory_order_seq_cst); }
  bool allows(uint32_t port, uint32_t width) const EXCLUDES(lock_);
  IoByteWindow window() const EXCLUDES(lock_);
  bool has_grant(uint64_t grant_id) const EXCLUDES(lock_);
  uint32_t grant_count() const EXCLUDES(lock_);
  // Copies out the grants (up to `max`), returns how many there are.
  uint32_t grants(IoGrant* out, uint32_t max) const EXCLUDES(lock_);
  // Runs fn(const IoBitmapSnapshot&) under the lock.
  template <typename Fn>
  void read_locked(Fn&& fn) const EXCLUDES(lock_) {
    SpinGuard guard(lock_);
    fn(IoBitmapSnapshot{sequence_.load(std::memory_order_relaxed), window_, bits_.bytes()});
  }
  // True when both hold the same bits (for tests).
  bool same_bits(const IoBitmap& other) const EXCLUDES(lock_);

  // --- sharing (TaskIoPorts)
  // ---------------------------------------------------------------------------
  uint32_t sharer_count() const { return sharers_.load(std::memory_order_acquire); }
  void add_sharer() { sharers_.fetch_add(1, std::memory_order_acq_rel); }
  void remove_sharer();

  // --- the CPU side (TssIoState)
  // ----------------------------------------------------------------------- A CPU marks itself
  // before it reads the sequence (or the task's bitmap pointer); a changer stamps the sequence (or
  // publishes the new pointer) before it reads the set. All four are seq_cst, so at least one side
  // sees the other (docs/io-bitmap.md): the CPU is targeted or loads the new state.
  void mark_active(uint32_t cpu) { active_on_.add(cpu); }
  void mark_inactive(uint32_t cpu) { active_on_.remove(cpu); }
  CpuSet active_cpus() const { return active_on_.load(); }

  // Panics (ASSERT) if any invariant written beside the fields below does not hold.
  void check_invariants() const EXCLUDES(lock_);

  // Runs fn(const IoBitmap&) for every registered bitmap whose count has not reached 0, under the
  // registry lock (system_info): fn may take the bitmap's own lock (window, grants) and nothing
  // else, and must not keep a reference (dropping it under the lock could run the destructor).
  template <typename Fn>
  static void for_each_registered(Fn&& fn) EXCLUDES(g_io_bitmap_registry_lock) {
    SpinGuard registry(g_io_bitmap_registry_lock);
    for (const IoBitmap* b = registry_first_; b != nullptr; b = b->registry_next_) {
      if (b->ref_count() > 0) fn(*b);
    }
  }

 private:
  friend class RefPtr<IoBitmap>;
  IoBitmap();
  ~IoBitmap() override;

  static Result<RefPtr<IoBitmap>> allocate();
  int32_t find_grant_locked(uint64_t grant_id) const REQUIRES(lock_);
  void stamp_locked() REQUIRES(lock_);
  bool same_bits_locked(const IoBitmap& other) const REQUIRES(lock_, other.lock_);
  // copy_into's target is a bitmap nobody else can reach yet: one reference (its creator's), no
  // sharer, so its lock is free and having it alone stands in for holding it.
  void assert_unpublished() const ASSERT_CAPABILITY(lock_) {
    ASSERT(ref_count() == 1 && sharer_count() == 0 && !lock_.is_locked());
  }

  // The registry: a doubly linked list of every live bitmap, from its constructor to its
  // destructor.
  static IoBitmap* registry_first_ GUARDED_BY(g_io_bitmap_registry_lock);
  IoBitmap* registry_next_ GUARDED_BY(g_io_bitmap_registry_lock) = nullptr;
  IoBitmap* registry_prev_ GUARDED_BY(g_io_bitmap_registry_lock) = nullptr;

  const uint64_t id_;
  mutable SpinLock lock_{LockClass::kIoBitmap};
  // Bit p is 0 exactly when some grant in grants_[0, grant_count_) covers port p.
  IoPortBits bits_ GUARDED_BY(lock_);
  // Tight: every byte outside [lo, hi) is 0xFF and, unless empty, bytes lo and hi - 1 are not.
  IoByteWindow window_ GUARDED_BY(lock_);
  // Distinct non-zero ids; ranges may overlap.
  IoGrant grants_[kMaxGrants] GUARDED_BY(lock_);
  uint32_t grant_count_ GUARDED_BY(lock_) = 0;
  // Written under lock_, read without it by CPUs (both seq_cst, see mark_active). Never 0. Two
  // bitmaps with the same sequence have the same bits (a duplicate keeps its original's until its
  // first change).
  std::atomic<uint64_t> sequence_{0};
  // Holders that would see a change in place (tasks, IoBitmap capabilities). Not the RefPtr count.
  std::atomic<uint32_t> sharers_{0};
  // CPUs whose active TSS slot holds this bitmap, or that have committed to activating it (a CPU
  // adds itself before it reads the sequence and removes itself only after its TSS stopped using
  // it). seq_cst: the pairing described at mark_active.
  AtomicCpuSet<std::memory_order_seq_cst> active_on_;
};
