#include "kernel/object/cap_space.h"

#include <new>
#include <utility>

#include "base/assert.h"

namespace {

// The highest end a range of `type` may reach.
uint64_t range_limit(CapabilityType type) {
  if (type == CapabilityType::kIoPorts) return kIoPortLimit;
  return type == CapabilityType::kModule ? kPhysicalByteLimit : kFrameNumberLimit;
}

bool valid_type(CapabilityType type) {
  return type >= CapabilityType::kIoPorts && type <= CapabilityType::kSystemInfo;
}

}  // namespace

Result<RefPtr<CapSpace>> CapSpace::create(uint32_t capacity) {
  if (capacity == 0 || capacity > kMaxCapacity) return Status::kInvalidArgument;
  Slot* slots = new (std::nothrow) Slot[capacity];
  if (slots == nullptr) return Status::kNoMemory;
  CapSpace* space = new (std::nothrow) CapSpace(capacity, slots);
  if (space == nullptr) {
    delete[] slots;
    return Status::kNoMemory;
  }
  return adopt_ref(space);
}

CapSpace::CapSpace(uint32_t capacity, Slot* slots) : capacity_(capacity), slots_(slots) {
  live_.fetch_add(1, std::memory_order_relaxed);
}

// Nobody holds a reference any more, but revokes elsewhere may still reach capabilities here
// through the tree and empty their slots: each slot is removed under the lock, and the table is
// freed only when none is left.
CapSpace::~CapSpace() {
  for (uint32_t i = 0; i < capacity_; ++i) {
    const Status status = remove(i);
    ASSERT(status == Status::kOk || status == Status::kBadHandle);
  }
  delete[] slots_;
  live_.fetch_sub(1, std::memory_order_relaxed);
}

Result<CapNode*> CapSpace::occupied_locked(uint32_t index) const {
  if (index >= capacity_ || slots_[index].node == nullptr) return Status::kBadHandle;
  return slots_[index].node;
}

Result<uint32_t> CapSpace::free_slot_locked(uint32_t index) const {
  if (index == kAnySlot) {
    for (uint32_t i = 0; i < capacity_; ++i) {
      if (slots_[i].node == nullptr) return i;
    }
    return Status::kNoSpace;
  }
  if (index >= capacity_) return Status::kBadHandle;
  if (slots_[index].node != nullptr) return Status::kAlreadyExists;
  return index;
}

void CapSpace::place_locked(uint32_t index, CapNode* node) {
  ASSERT(slots_[index].node == nullptr);
  slots_[index].node = node;
  node->space = this;
  node->index = index;
}

void CapSpace::clear_locked(uint32_t index) {
  CapNode* node = slots_[index].node;
  ASSERT(node != nullptr && node->space == this && node->index == index);
  slots_[index].node = nullptr;
  ++slots_[index].generation;
  node->space = nullptr;
}

Result<uint32_t> CapSpace::insert(uint32_t index, CapabilityType type, RefPtr<KernelObject> object,
                                  uint32_t rights, uint64_t range_base, uint64_t range_count) {
  // Arguments first: none needs the lock.
  if (!valid_type(type) || (rights & ~kCapRightsMask) != 0) return Status::kInvalidArgument;
  CapRange range;
  if (capability_type_has_range(type)) {
    range = TRY(CapRange::checked(range_base, range_count, range_limit(type)));
  } else {
    if (range_base != 0 || range_count != 0) return Status::kInvalidArgument;
    if (object == nullptr) return Status::kInvalidArgument;
  }
  if (object != nullptr && object->type() != type) return Status::kWrongType;

  CapNode* node = TRY(allocate_cap_node());
  Status status = Status::kOk;
  uint32_t slot = 0;
  {
    SpinGuard guard(g_cap_tree_lock);
    Result<uint32_t> free_slot = free_slot_locked(index);
    status = free_slot.status();
    if (free_slot.is_ok()) {
      slot = free_slot.value();
      node->object = std::move(object);
      node->info = CapInfo{type, rights, range};
      place_locked(slot, node);
      node = nullptr;
    }
  }
  free_cap_node(node);  // only when the slot was refused
  if (status != Status::kOk) return status;
  return slot;
}

Result<uint32_t> CapSpace::insert_io_ports_root(uint32_t index) {
  return insert(index, CapabilityType::kIoPorts, nullptr, kCapRightsMask, 0, kIoPortLimit);
}

Result<uint32_t> CapSpace::copy(uint32_t index, CapSpace& target, uint32_t target_index,
                                uint32_t rights) {
  return derive(index, target, target_index, rights, nullptr);
}

Result<uint32_t> CapSpace::mint(uint32_t index, CapSpace& target, uint32_t target_index,
                                uint32_t rights, uint64_t base, uint64_t count) {
  const Result<CapRange> narrowed = CapRange::checked(base, count);
  return derive(index, target, target_index, rights, &narrowed);
}

Result<uint32_t> CapSpace::mint_badge(uint32_t index, CapSpace& target, uint32_t target_index,
                                      uint32_t rights, uint64_t badge) {
  if (badge == 0) return Status::kInvalidArgument;
  return derive(index, target, target_index, rights, nullptr, badge);
}

Result<uint32_t> CapSpace::derive(uint32_t index, CapSpace& target, uint32_t target_index,
                                  uint32_t rights, const Result<CapRange>* narrowed,
                                  uint64_t badge) {
  CapNode* node = TRY(allocate_cap_node());  // before the lock; freed again on any error
  Status status = Status::kOk;
  uint32_t slot = 0;
  {
    SpinGuard guard(g_cap_tree_lock);
    Result<uint32_t> placed =
        derive_locked(index, target, target_index, rights, narrowed, badge, node);
    status = placed.status();
    if (placed.is_ok()) {
      slot = placed.value();
      node = nullptr;
    }
  }
  free_cap_node(node);
  if (status != Status::kOk) return status;
  return slot;
}

Result<uint32_t> CapSpace::derive_locked(uint32_t index, CapSpace& target, uint32_t target_index,
                                         uint32_t rights, const Result<CapRange>* narrowed,
                                         uint64_t badge, CapNode* node) {
  CapNode* source = TRY(occupied_locked(index));
  if (target_index != kAnySlot && target_index >= target.capacity_) return Status::kBadHandle;
  if ((rights & ~kCapRightsMask) != 0) return Status::kInvalidArgument;
  CapRange range = source->info.range;
  if (narrowed != nullptr) {
    // A malformed range (zero or wrapping count) is reported after the handles and the type.
    if (!capability_type_has_range(source->info.type)) return Status::kWrongType;
    if (narrowed->is_error()) return narrowed->status();
    if (!source->info.range.contains(narrowed->value())) return Status::kOutOfRange;
    range = narrowed->value();
  }
  if (badge != 0) {
    // A badge is set once: a server trusts it to name the client it gave the capability to.
    if (source->info.type != CapabilityType::kEndpoint) return Status::kWrongType;
    if (source->info.badge != 0) return Status::kAccessDenied;
  }
  if (!capability_rights_within(rights, source->info.rights)) return Status::kAccessDenied;
  if (&target != this && (source->info.rights & kCapGrant) == 0) return Status::kAccessDenied;
  if (in_revoked_subtree_locked(source)) return Status::kBusy;
  if (depth_locked(source) + 1 > kMaxDerivationDepth) return Status::kNoSpace;
  const uint32_t slot = TRY(target.free_slot_locked(target_index));
  // Invoke: nothing below can fail.
  node->object = source->object;
  node->info = CapInfo{source->info.type, rights, range, badge != 0 ? badge : source->info.badge};
  link_child_locked(source, node);
  target.place_locked(slot, node);
  return slot;
}

Result<uint32_t> CapSpace::move(uint32_t index, CapSpace& target, uint32_t target_index) {
  SpinGuard guard(g_cap_tree_lock);
  CapNode* node = TRY(occupied_locked(index));
  if (target_index != kAnySlot && target_index >= target.capacity_) return Status::kBadHandle;
  if (&target != this && (node->info.rights & kCapGrant) == 0) return Status::kAccessDenied;
  if (node->revoking) return Status::kBusy;
  if (&target != this && node->use != nullptr) return Status::kBusy;
  const uint32_t slot = TRY(target.free_slot_locked(target_index));
  clear_locked(index);
  target.place_locked(slot, node);
  return slot;
}

Status CapSpace::remove(uint32_t index) {
  // The node and its dead ancestors that lose their last child; freed after the lock, with the
  // object reference (a last release may destroy a task and its space, which takes the lock).
  CapNode* unlinked[kMaxDerivationDepth + 1];
  uint32_t unlinked_count = 0;
  RefPtr<KernelObject> object;
  CapUse* use = nullptr;
  {
    SpinGuard guard(g_cap_tree_lock);
    CapNode* node = TRY(occupied_locked(index));
    if (node->revoking) return Status::kBusy;
    clear_locked(index);
    use = std::exchange(node->use, nullptr);
    object = std::move(node->object);
    // A dead node stays while it has children; then it goes, and so may its dead parent.
    for (CapNode* n = node; n != nullptr && n->space == nullptr && n->first_child == nullptr;) {
      CapNode* parent = n->parent;
      unlink_leaf_locked(n);
      ASSERT(unlinked_count <= kMaxDerivationDepth);
      unlinked[unlinked_count++] = n;
      n = parent;
    }
  }
  if (use != nullptr) use->capability_gone();
  for (uint32_t i = 0; i < unlinked_count; ++i) free_cap_node(unlinked[i]);
  return Status::kOk;
}

// Revoke removes leaves, one at a time, under the root, so the tree stays a tree between steps and
// the work left is always just "the root's subtree": after dropping the lock nothing needs
// remembering but the root's slot and its generation. The root's `revoking` mark stops every
// derivation inside the subtree (derive walks its ancestors), so the subtree only shrinks and the
// loop ends after as many steps as it had nodes.
Result<RevokeStats> CapSpace::revoke(uint32_t index) {
  RevokeStats stats;
  uint64_t generation = 0;
  {
    SpinGuard guard(g_cap_tree_lock);
    CapNode* root = TRY(occupied_locked(index));
    if (root->revoking) return Status::kBusy;
    stats.lock_holds = 1;
    if (root->first_child == nullptr) return stats;
    root->revoking = true;
    generation = slots_[index].generation;
  }
  for (;;) {
    CapNode* unlinked[kRevokeChunk];
    uint32_t unlinked_count = 0;
    CapUse* uses[kRevokeChunk];
    uint32_t use_count = 0;
    bool done = false;
    {
      SpinGuard guard(g_cap_tree_lock);
      ++stats.lock_holds;
      uint32_t steps = 0;
      // Only a revoke of an ancestor can take the root away meanwhile (delete and move refuse a
      // node being revoked), and it does so only once the root is a leaf: nothing is left to do.
      if (slots_[index].generation != generation) {
        done = true;
      } else {
        CapNode* root = slots_[index].node;
        while (unlinked_count < kRevokeChunk && root->first_child != nullptr) {
          CapNode* leaf = first_leaf_locked(root, &steps);
          if (leaf->space != nullptr) {
            leaf->space->clear_locked(leaf->index);
            ++stats.removed;
          }
          if (leaf->use != nullptr) uses[use_count++] = std::exchange(leaf->use, nullptr);
          unlink_leaf_locked(leaf);
          unlinked[unlinked_count++] = leaf;
        }
        if (root->first_child == nullptr) {
          root->revoking = false;
          done = true;
        }
      }
      if (steps > stats.max_steps_per_hold) stats.max_steps_per_hold = steps;
    }
    // Before the next chunk, and before revoke returns: what depended on them has ended.
    for (uint32_t i = 0; i < use_count; ++i) uses[i]->capability_gone();
    for (uint32_t i = 0; i < unlinked_count; ++i) free_cap_node(unlinked[i]);
    if (done) return stats;
  }
}

Status CapSpace::attach_use(uint32_t index, CapabilityType type, uint32_t rights, CapUse* use,
                            BindUse bind, void* context) {
  SpinGuard guard(g_cap_tree_lock);
  CapNode* node = TRY(occupied_locked(index));
  if (node->info.type != type) return Status::kWrongType;
  if (!capability_rights_within(rights, node->info.rights)) return Status::kAccessDenied;
  if (node->use != nullptr) return Status::kAlreadyExists;
  TRY(bind(context, node->info));
  node->use = use;
  return Status::kOk;
}

Result<CapUse*> CapSpace::detach_use(uint32_t index, CapabilityType type, UnbindUse unbind,
                                     void* context) {
  SpinGuard guard(g_cap_tree_lock);
  CapNode* node = TRY(occupied_locked(index));
  if (node->info.type != type) return Status::kWrongType;
  if (node->use == nullptr) return Status::kBadState;
  TRY(unbind(context, node->use));
  return std::exchange(node->use, nullptr);
}

Result<CapInfo> CapSpace::identify(uint32_t index) const {
  SpinGuard guard(g_cap_tree_lock);
  const CapNode* node = TRY(occupied_locked(index));
  return node->info;
}

Result<CapLookup> CapSpace::lookup(uint32_t index, CapabilityType type, uint32_t rights) const {
  SpinGuard guard(g_cap_tree_lock);
  const CapNode* node = TRY(occupied_locked(index));
  if (node->info.type != type) return Status::kWrongType;
  if (!capability_rights_within(rights, node->info.rights)) return Status::kAccessDenied;
  return CapLookup{node->object, node->info};
}

KernelObject* CapSpace::acquire_object(uint32_t index, CapabilityType type, uint32_t rights,
                                       Status* status, uint64_t* badge) const {
  SpinGuard guard(g_cap_tree_lock);
  const CapNode* node = index < capacity_ ? slots_[index].node : nullptr;
  if (node == nullptr) {
    *status = Status::kBadHandle;
  } else if (node->info.type != type) {
    *status = Status::kWrongType;
  } else if (!capability_rights_within(rights, node->info.rights)) {
    *status = Status::kAccessDenied;
  } else {
    KernelObject* object = node->object.get();
    object->add_ref();
    if (badge != nullptr) *badge = node->info.badge;
    return object;
  }
  return nullptr;
}

CapSlotSnapshot CapSpace::snapshot(uint32_t index) const {
  ASSERT(index < capacity_);
  SpinGuard guard(g_cap_tree_lock);
  CapSlotSnapshot s;
  s.generation = slots_[index].generation;
  const CapNode* node = slots_[index].node;
  if (node == nullptr) return s;
  s.node = node;
  s.info = node->info;
  s.object = node->object.get();
  s.object_refs = node->object ? node->object->ref_count() : 0;
  s.parent = node->parent;
  s.first_child = node->first_child;
  s.next_sibling = node->next_sibling;
  s.prev_sibling = node->prev_sibling;
  s.revoking = node->revoking;
  return s;
}

uint32_t CapSpace::describe(CapSlotView* out, uint32_t max, CapObjectDetail detail) const {
  SpinGuard guard(g_cap_tree_lock);
  uint32_t count = 0;
  for (uint32_t i = 0; i < capacity_; ++i) {
    const CapNode* node = slots_[i].node;
    if (node == nullptr) continue;
    if (count < max) {
      CapSlotView& v = out[count];
      v = CapSlotView{};
      v.slot = i;
      v.info = node->info;
      v.in_use = node->use != nullptr;
      v.depth = depth_locked(node);
      if (const CapNode* parent = node->parent; parent != nullptr) {
        if (parent->space == nullptr) {
          v.parent = CapSlotView::Parent::kDead;
        } else {
          v.parent = CapSlotView::Parent::kLive;
          v.parent_task_id = parent->space->owner_task_id();
          v.parent_slot = parent->index;
        }
      }
      if (detail != nullptr && node->object != nullptr) detail(*node->object, v);
    }
    ++count;
  }
  return count;
}

Result<CapLocation> CapSpace::live_ancestor(uint32_t index) const {
  SpinGuard guard(g_cap_tree_lock);
  const CapNode* node = TRY(occupied_locked(index));
  for (const CapNode* n = node->parent; n != nullptr; n = n->parent) {
    if (n->space != nullptr) return CapLocation{n->space, n->index};
  }
  return Status::kNotFound;
}

Result<uint32_t> CapSpace::depth(uint32_t index) const {
  SpinGuard guard(g_cap_tree_lock);
  const CapNode* node = TRY(occupied_locked(index));
  return depth_locked(node);
}

uint32_t CapSpace::occupied_count() const {
  SpinGuard guard(g_cap_tree_lock);
  uint32_t count = 0;
  for (uint32_t i = 0; i < capacity_; ++i) count += slots_[i].node != nullptr ? 1 : 0;
  return count;
}

void CapSpace::check_invariants() const {
  SpinGuard guard(g_cap_tree_lock);
  for (uint32_t i = 0; i < capacity_; ++i) {
    const CapNode* node = slots_[i].node;
    if (node == nullptr) continue;
    ASSERT(node->space == this && node->index == i);
    const CapInfo& info = node->info;
    ASSERT(valid_type(info.type) && (info.rights & ~kCapRightsMask) == 0);
    if (capability_type_has_range(info.type)) {
      ASSERT(!info.range.empty() && info.range.last() < range_limit(info.type));
    } else {
      ASSERT(info.range.empty() && node->object != nullptr);
    }
    ASSERT(node->object == nullptr || node->object->type() == info.type);
    ASSERT(info.badge == 0 || info.type == CapabilityType::kEndpoint);
    // Its place among its siblings, and its children point back at it.
    if (node->parent != nullptr) {
      if (node->prev_sibling == nullptr) {
        ASSERT(node->parent->first_child == node);
      } else {
        ASSERT(node->prev_sibling->next_sibling == node);
      }
      if (node->next_sibling != nullptr) ASSERT(node->next_sibling->prev_sibling == node);
    } else {
      ASSERT(node->prev_sibling == nullptr && node->next_sibling == nullptr);
    }
    const CapNode* prev = nullptr;
    for (const CapNode* c = node->first_child; c != nullptr; c = c->next_sibling) {
      ASSERT(c->parent == node && c->prev_sibling == prev);
      prev = c;
    }
    // Ancestors: bounded chain; a derived capability never has more rights or a wider range
    // than its nearest live ancestor; dead ones keep at least one child.
    uint32_t depth = 0;
    const CapNode* child = node;
    for (const CapNode* a = node->parent; a != nullptr; child = a, a = a->parent) {
      ++depth;
      ASSERT(depth <= kMaxDerivationDepth);
      ASSERT(a->first_child != nullptr);
      ASSERT(a->info.type == info.type);
      ASSERT(capability_rights_within(child->info.rights, a->info.rights));
      if (capability_type_has_range(info.type)) ASSERT(a->info.range.contains(child->info.range));
      // A badge, once set, stays on everything derived from it.
      ASSERT(a->info.badge == 0 || a->info.badge == child->info.badge);
      if (a->space == nullptr) {
        ASSERT(a->object == nullptr);
      } else {
        ASSERT(a->space->slots_[a->index].node == a && a->object == node->object);
      }
    }
  }
}
