// CapSpace: a task's capability space, a fixed-capacity table of slots named by index. A slot is
// empty or names one capability: a typed reference to a kernel object (or a range of ports or
// frames), its rights and its node in the derivation tree (kernel/object/derivation_tree.h).
//
// Every operation decodes, then invokes: it checks every argument and the state it needs first and,
// on any error, changes nothing in any space. Errors (docs/capabilities.md):
//   kBadHandle     a slot index past the capacity, or an empty slot where a capability is needed
//   kWrongType     the capability is of another type than the call needs (mint of a non-range type)
//   kAccessDenied  rights not within the source's, or kCapGrant missing to reach another space
//   kInvalidArgument / kOverflow / kOutOfRange   a malformed range, one that wraps, one that widens
//   kAlreadyExists the target slot is occupied
//   kNoSpace       no free slot (kAnySlot), or the derivation chain is at kMaxDerivationDepth
//   kBusy          a revoke of this capability or an ancestor is in progress; a move out of the
//                  space of a capability with a use (an enabled IoPorts capability)
//   kNoMemory      no memory for a new derivation-tree node
//
// The caller keeps a reference to every CapSpace it passes in for the length of the call.
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/rights.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/derivation_tree.h"
#include "kernel/object/kernel_object.h"

// Ports are 0-65535; physical frame numbers stay below 2^40 (52-bit physical addresses), and a
// Module's physical bytes below 2^52.
inline constexpr uint64_t kIoPortLimit = 65536;
inline constexpr uint64_t kFrameNumberLimit = uint64_t{1} << 40;
inline constexpr uint64_t kPhysicalByteLimit = uint64_t{1} << 52;

constexpr bool capability_type_has_range(CapabilityType type) {
  return type == CapabilityType::kIoPorts || type == CapabilityType::kFrames ||
         type == CapabilityType::kModule;
}

// What a revoke did: capabilities removed (dead nodes not counted), how many times it took the
// lock, and the most tree steps it made while holding it once.
struct RevokeStats {
  uint64_t removed = 0;
  uint32_t lock_holds = 0;
  uint32_t max_steps_per_hold = 0;
};

// One non-empty slot as CapSpace::describe reports it (system_info's task_caps topic).
struct CapSlotView {
  enum class Parent : uint8_t {
    kNone,
    kLive,
    kDead
  };  // an original; a live capability; a dead node
  uint32_t slot = 0;
  CapInfo info;
  bool in_use = false;  // the capability has a CapUse (enabled IoPorts, or added to a bitmap)
  uint32_t depth = 0;
  Parent parent = Parent::kNone;
  uint32_t parent_task_id = 0;  // kLive: the owner of the parent's space (0: none) and its slot
  uint32_t parent_slot = 0;
  // What `detail` (see describe) says of the object: cap_identify's base and count for it.
  bool has_object_detail = false;
  uint64_t object_base = 0;
  uint64_t object_count = 0;
};
// Called under g_cap_tree_lock with a slot's object: short, no sleeping, may take object locks.
using CapObjectDetail = void (*)(const KernelObject& object, CapSlotView& view);

// A capability as a call uses it: the object (may be null for range types) and what it allows.
struct CapLookup {
  RefPtr<KernelObject> object;
  CapInfo info;
};

// Everything a slot holds, for "unchanged on error" tests: equal snapshots mean bit-identical slots
// (contents, links and the generation).
struct CapSlotSnapshot {
  uint64_t generation = 0;
  const CapNode* node = nullptr;
  CapInfo info;
  const KernelObject* object = nullptr;
  int32_t object_refs = 0;
  const CapNode* parent = nullptr;
  const CapNode* first_child = nullptr;
  const CapNode* next_sibling = nullptr;
  const CapNode* prev_sibling = nullptr;
  bool revoking = false;
  bool operator==(const CapSlotSnapshot&) const = default;
};

// Where the nearest live ancestor of a capability sits (tests and the model).
struct CapLocation {
  const CapSpace* space = nullptr;
  uint32_t index = 0;
};

class CapSpace final : public RefCounted<CapSpace> {
 public:
  static constexpr uint32_t kMaxCapacity = 1u << 20;
  // As a target index: the lowest free slot (kNoSpace when there is none).
  static constexpr uint32_t kAnySlot = 0xFFFFFFFFu;
  // Leaves a revoke removes per lock hold; each costs at most kMaxDerivationDepth + 1 steps.
  static constexpr uint32_t kRevokeChunk = 64;

  // An empty space of `capacity` slots (1..kMaxCapacity, else kInvalidArgument; kNoMemory).
  static Result<RefPtr<CapSpace>> create(uint32_t capacity);

  uint32_t capacity() const { return capacity_; }
  // The id of the task whose space this is (0: none, e.g. a kernel test's space), for the
  // derivation parents system_info reports. Set once, before any capability is in the space.
  void set_owner_task_id(uint32_t id) { owner_task_id_.store(id, std::memory_order_relaxed); }
  uint32_t owner_task_id() const { return owner_task_id_.load(std::memory_order_relaxed); }
  // Spaces alive in the whole kernel (kernel_stats: nothing leaks).
  static int64_t live_count() { return live_.load(std::memory_order_relaxed); }

  // --- original capabilities (the kernel creates them: a new object's first capability, the root
  // IoPorts and Frames capabilities). A root of the derivation tree. Returns the slot used.
  // Object types need `object` of that type (null: kInvalidArgument, other type: kWrongType); range
  // types take `range` (checked against the type's limit) and an optional object.
  Result<uint32_t> insert(uint32_t index, CapabilityType type, RefPtr<KernelObject> object,
                          uint32_t rights, uint64_t range_base = 0, uint64_t range_count = 0)
      EXCLUDES(g_cap_tree_lock);
  // The root I/O-port capability: ports 0-65535, every right.
  Result<uint32_t> insert_io_ports_root(uint32_t index) EXCLUDES(g_cap_tree_lock);

  // --- operations on a capability of this space ----------------------------------------------
  // A child of slot `index` in target[target_index], same type, object and range, `rights` within
  // the source's. Returns the slot used.
  Result<uint32_t> copy(uint32_t index, CapSpace& target, uint32_t target_index, uint32_t rights)
      EXCLUDES(g_cap_tree_lock);
  // As copy, with the range narrowed to {base, count} inside the source's (IoPorts, Frames only).
  Result<uint32_t> mint(uint32_t index, CapSpace& target, uint32_t target_index, uint32_t rights,
                        uint64_t base, uint64_t count) EXCLUDES(g_cap_tree_lock);
  // As copy, with the badge `badge` (not 0: kInvalidArgument) on the copy: Endpoint only
  // (kWrongType), and only from a capability without one (kAccessDenied: a badge is set once).
  Result<uint32_t> mint_badge(uint32_t index, CapSpace& target, uint32_t target_index,
                              uint32_t rights, uint64_t badge) EXCLUDES(g_cap_tree_lock);
  // Moves the capability (with its place in the tree) to target[target_index]. kCapGrant is needed
  // to leave the space. Returns the slot used.
  Result<uint32_t> move(uint32_t index, CapSpace& target, uint32_t target_index)
      EXCLUDES(g_cap_tree_lock);
  // Deletes the capability. Capabilities derived from it stay, still under its ancestors.
  Status remove(uint32_t index) EXCLUDES(g_cap_tree_lock);
  // Removes every capability derived from this one, in every space, and keeps this one. Holds the
  // lock for at most kRevokeChunk removals at a time (docs/capabilities.md).
  Result<RevokeStats> revoke(uint32_t index) EXCLUDES(g_cap_tree_lock);
  // Type, rights and range.
  Result<CapInfo> identify(uint32_t index) const EXCLUDES(g_cap_tree_lock);
  // For calls on a capability: kBadHandle, kWrongType (not `type`), kAccessDenied (lacks a right
  // in `rights`).
  Result<CapLookup> lookup(uint32_t index, CapabilityType type, uint32_t rights) const
      EXCLUDES(g_cap_tree_lock);
  // The same answers, giving only the object with one reference taken for the caller (to adopt)
  // or nullptr and *status: for the hot calls (IPC), which need neither the rights nor the range.
  // `badge`, when not null, receives the capability's badge.
  KernelObject* acquire_object(uint32_t index, CapabilityType type, uint32_t rights, Status* status,
                               uint64_t* badge = nullptr) const EXCLUDES(g_cap_tree_lock);
  // Checks slot `index` as lookup does, then runs invoke(context, info) under the lock: the
  // capability stays in its slot while invoke runs, so a delete or revoke that removes it returns
  // either before invoke starts (which then answers kBadHandle) or after it has ended. For calls
  // whose effect must not outlive the capability (the port-I/O calls). `invoke` must be short,
  // must not sleep and must not take g_cap_tree_lock; its answer is the call's.
  // Inline, so the port-I/O calls' invoke is inlined too (no indirect call on io_in's path).
  template <typename Invoke>  // Status invoke(const CapInfo&)
  Status with_capability(uint32_t index, CapabilityType type, uint32_t rights,
                         Invoke&& invoke) const EXCLUDES(g_cap_tree_lock) {
    SpinGuard guard(g_cap_tree_lock);
    const CapNode* node = index < capacity_ ? slots_[index].node : nullptr;
    if (node == nullptr) return Status::kBadHandle;
    if (node->info.type != type) return Status::kWrongType;
    if (!capability_rights_within(rights, node->info.rights)) return Status::kAccessDenied;
    return invoke(node->info);
  }
  using InvokeOnCapability = Status (*)(void* context, const CapInfo& info);
  Status with_capability(uint32_t index, CapabilityType type, uint32_t rights,
                         InvokeOnCapability invoke, void* context) const EXCLUDES(g_cap_tree_lock) {
    return with_capability(index, type, rights,
                           [&](const CapInfo& info) { return invoke(context, info); });
  }

  // --- uses: a capability bound to something outside the tree (CapUse) -------------------------
  // Checks slot `index` as lookup does (kBadHandle, kWrongType, kAccessDenied), refuses one that
  // already has a use (kAlreadyExists), then runs bind(context, info) under the lock; when that
  // answers kOk, `use` is attached. Any error attaches nothing. `bind` must not sleep or take
  // g_cap_tree_lock (it may take object locks, which come after it).
  using BindUse = Status (*)(void* context, const CapInfo& info);
  Status attach_use(uint32_t index, CapabilityType type, uint32_t rights, CapUse* use, BindUse bind,
                    void* context) EXCLUDES(g_cap_tree_lock);
  // The reverse: checks slot `index` (kBadHandle, kWrongType), refuses one without a use
  // (kBadState), runs unbind(context, use) under the lock and, when it answers kOk, detaches the
  // use and returns it (the caller's to free; capability_gone is not called).
  using UnbindUse = Status (*)(void* context, CapUse* use);
  Result<CapUse*> detach_use(uint32_t index, CapabilityType type, UnbindUse unbind, void* context)
      EXCLUDES(g_cap_tree_lock);

  // --- reading (system_info) -------------------------------------------------------------------
  // The non-empty slots in index order, up to `max` of them into `out`, in one lock hold; returns
  // how many there are. `detail` (may be null) runs for each slot's object, under the lock.
  uint32_t describe(CapSlotView* out, uint32_t max, CapObjectDetail detail) const
      EXCLUDES(g_cap_tree_lock);

  // --- tests ----------------------------------------------------------------------------------
  CapSlotSnapshot snapshot(uint32_t index) const EXCLUDES(g_cap_tree_lock);
  // The nearest live ancestor (kNotFound: none; kBadHandle: empty slot).
  Result<CapLocation> live_ancestor(uint32_t index) const EXCLUDES(g_cap_tree_lock);
  Result<uint32_t> depth(uint32_t index) const EXCLUDES(g_cap_tree_lock);
  uint32_t occupied_count() const EXCLUDES(g_cap_tree_lock);
  // Panics (ASSERT) unless the slots and the tree around every capability here are consistent.
  void check_invariants() const EXCLUDES(g_cap_tree_lock);

 private:
  friend class RefPtr<CapSpace>;

  struct Slot {
    CapNode* node = nullptr;
    // Bumped each time the slot is emptied: a revoke that dropped the lock finds out whether its
    // capability is still the one in the slot.
    uint64_t generation = 0;
  };

  CapSpace(uint32_t capacity, Slot* slots);
  ~CapSpace();

  Result<CapNode*> occupied_locked(uint32_t index) const REQUIRES(g_cap_tree_lock);
  // The slot a new capability goes to: kBadHandle, kAlreadyExists, kNoSpace.
  Result<uint32_t> free_slot_locked(uint32_t index) const REQUIRES(g_cap_tree_lock);
  // copy (narrowed == nullptr, badge 0), mint (the checked {base, count}, possibly an error) and
  // mint_badge (badge not 0).
  Result<uint32_t> derive(uint32_t index, CapSpace& target, uint32_t target_index, uint32_t rights,
                          const Result<CapRange>* narrowed, uint64_t badge = 0)
      EXCLUDES(g_cap_tree_lock);
  // The checks and the change of derive; `node` is the new capability's (unlinked) node.
  Result<uint32_t> derive_locked(uint32_t index, CapSpace& target, uint32_t target_index,
                                 uint32_t rights, const Result<CapRange>* narrowed, uint64_t badge,
                                 CapNode* node) REQUIRES(g_cap_tree_lock);
  void place_locked(uint32_t index, CapNode* node) REQUIRES(g_cap_tree_lock);
  void clear_locked(uint32_t index) REQUIRES(g_cap_tree_lock);

  const uint32_t capacity_;
  Slot* const slots_ PT_GUARDED_BY(g_cap_tree_lock);
  std::atomic<uint32_t> owner_task_id_{0};
  static inline std::atomic<int64_t> live_{0};
};
