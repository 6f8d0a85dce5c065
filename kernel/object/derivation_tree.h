// The capability derivation tree: one node per capability, in every capability space, linked to the
// capability it was derived from (copy, mint) and to the ones derived from it. Revoke walks it to
// remove everything derived from a capability, wherever it lives (docs/capabilities.md).
//
// A node lives apart from the slot that names it (the slot points at it), so moving a capability
// relinks nothing, and a slot index reused after a delete cannot be reached by an old link: links
// point at nodes, never at slots. A capability deleted while it still has derived ones leaves a
// *dead* node behind (no slot, no object) that keeps its children under their ancestors, so a later
// revoke of an ancestor still reaches them; a dead node is freed with its last child.
//
// One lock, g_cap_tree_lock, guards every node and every slot of every space (lock order in
// docs/capabilities.md). Nodes are allocated and freed outside it.
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/capability_type.h"
#include "base/range.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/object/kernel_object.h"

class CapSpace;

// Guards every CapNode and every CapSpace slot. Taken before any object's own lock, never inside
// one; object references are dropped only after it is released (a last release may destroy a
// task, whose capability space takes this lock again).
extern SpinLock g_cap_tree_lock;

// {base, count} of an IoPorts (port numbers) or Frames (physical frame numbers) capability; empty
// for every other type.
using CapRange = Range<uint64_t>;

// A root has depth 0. Bounding the depth bounds every walk to the root (derive checks ancestors for
// a revoke in progress) and from a node down to a leaf (one revoke step).
inline constexpr uint32_t kMaxDerivationDepth = 32;

// What identify reports.
struct CapInfo {
  CapabilityType type = CapabilityType::kEmpty;
  uint32_t rights = 0;
  CapRange range;
  // An Endpoint capability's badge (0: none), set once by a badging copy and kept by every copy
  // of it; delivered with each message sent through it. 0 for every other type.
  uint64_t badge = 0;
  bool operator==(const CapInfo&) const = default;
};

// Something outside the tree that depends on a live capability: an IoPorts capability enabled in
// a task keeps that task's ports open (kernel/object/io_ports_enablement.h), one added to an
// IoBitmap keeps them open in that bitmap (kernel/object/io_bitmap_membership.h). A capability
// has at most one use. When the capability leaves its slot (delete, revoke, the end of its space)
// the call that removed it hands the use back through capability_gone(), once, after releasing
// g_cap_tree_lock and before returning; the use then belongs to the callee (it frees itself).
class CapUse {
 public:
  virtual void capability_gone() = 0;
  // The object the use keeps ports open in (a Task for an enabled IoPorts capability, an IoBitmap
  // for one added to a bitmap), so the call that detaches a use can check it is its kind.
  virtual const KernelObject* bound_to() const { return nullptr; }

  // Uses alive in the whole kernel (kernel_stats: nothing leaks).
  static int64_t live_count() { return live_.load(std::memory_order_relaxed); }

 protected:
  CapUse() { live_.fetch_add(1, std::memory_order_relaxed); }
  ~CapUse() { live_.fetch_sub(1, std::memory_order_relaxed); }

 private:
  static inline std::atomic<int64_t> live_{0};
};

struct CapNode {
  // Live capability: what it names. Dead node: object null, info kept for debugging.
  RefPtr<KernelObject> object GUARDED_BY(g_cap_tree_lock);
  CapInfo info GUARDED_BY(g_cap_tree_lock);
  // The slot that names this capability; space == nullptr for a dead node.
  CapSpace* space GUARDED_BY(g_cap_tree_lock) = nullptr;
  uint32_t index GUARDED_BY(g_cap_tree_lock) = 0;
  // Tree links: children form a doubly linked list (first_child, next/prev_sibling).
  CapNode* parent GUARDED_BY(g_cap_tree_lock) = nullptr;
  CapNode* first_child GUARDED_BY(g_cap_tree_lock) = nullptr;
  CapNode* next_sibling GUARDED_BY(g_cap_tree_lock) = nullptr;
  CapNode* prev_sibling GUARDED_BY(g_cap_tree_lock) = nullptr;
  // A revoke of this node's subtree is in progress: nothing may be derived from the node or any of
  // its descendants, and the node cannot be deleted, moved or revoked again until it ends.
  bool revoking GUARDED_BY(g_cap_tree_lock) = false;
  // What depends on this capability (CapSpace::attach_use), or null. A capability with a use does
  // not leave its space by a move (kBusy): the use is bound to the space's task.
  CapUse* use GUARDED_BY(g_cap_tree_lock) = nullptr;
};

// Allocation (no lock held). allocate_cap_node: kNoMemory. free_cap_node drops the node's object
// reference, so it must run with g_cap_tree_lock released; the node must be unlinked.
Result<CapNode*> allocate_cap_node();
void free_cap_node(CapNode* node) EXCLUDES(g_cap_tree_lock);
// Nodes allocated and not yet freed, in the whole kernel (tests: nothing leaks).
int64_t cap_node_count();

// Makes `child` (unlinked) the newest child of `parent`.
void link_child_locked(CapNode* parent, CapNode* child) REQUIRES(g_cap_tree_lock);
// Takes a childless node out of its parent's list (no-op for a root).
void unlink_leaf_locked(CapNode* node) REQUIRES(g_cap_tree_lock);
// Number of ancestors (dead ones included), at most kMaxDerivationDepth.
uint32_t depth_locked(const CapNode* node) REQUIRES(g_cap_tree_lock);
// True when `node` or an ancestor is being revoked (derive must refuse).
bool in_revoked_subtree_locked(const CapNode* node) REQUIRES(g_cap_tree_lock);
// A leaf under `root`, which must have children: follows first children down (at most
// kMaxDerivationDepth steps, added to *steps).
CapNode* first_leaf_locked(CapNode* root, uint32_t* steps) REQUIRES(g_cap_tree_lock);
