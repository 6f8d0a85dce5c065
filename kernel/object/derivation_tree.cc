#include "kernel/object/derivation_tree.h"

#include <atomic>
#include <new>

#include "base/assert.h"

constinit SpinLock g_cap_tree_lock{LockClass::kCapTree};

namespace {

std::atomic<int64_t> g_cap_nodes{0};

}  // namespace

Result<CapNode*> allocate_cap_node() {
  CapNode* node = new (std::nothrow) CapNode();
  if (node == nullptr) return Status::kNoMemory;
  g_cap_nodes.fetch_add(1, std::memory_order_relaxed);
  return node;
}

// The node is unreachable (unlinked, no slot names it), so nobody else can touch its fields.
void free_cap_node(CapNode* node) NO_THREAD_SAFETY_ANALYSIS {
  if (node == nullptr) return;
  ASSERT(node->space == nullptr && node->parent == nullptr && node->first_child == nullptr);
  g_cap_nodes.fetch_sub(1, std::memory_order_relaxed);
  delete node;  // drops the object reference, possibly the last
}

int64_t cap_node_count() { return g_cap_nodes.load(std::memory_order_relaxed); }

void link_child_locked(CapNode* parent, CapNode* child) {
  ASSERT(child->parent == nullptr && child->next_sibling == nullptr &&
         child->prev_sibling == nullptr);
  child->parent = parent;
  child->next_sibling = parent->first_child;
  if (parent->first_child != nullptr) parent->first_child->prev_sibling = child;
  parent->first_child = child;
}

void unlink_leaf_locked(CapNode* node) {
  ASSERT(node->first_child == nullptr);
  CapNode* parent = node->parent;
  if (parent == nullptr) return;
  if (node->prev_sibling != nullptr) {
    node->prev_sibling->next_sibling = node->next_sibling;
  } else {
    parent->first_child = node->next_sibling;
  }
  if (node->next_sibling != nullptr) node->next_sibling->prev_sibling = node->prev_sibling;
  node->parent = nullptr;
  node->next_sibling = nullptr;
  node->prev_sibling = nullptr;
}

uint32_t depth_locked(const CapNode* node) {
  uint32_t depth = 0;
  for (const CapNode* n = node->parent; n != nullptr; n = n->parent) ++depth;
  ASSERT(depth <= kMaxDerivationDepth);
  return depth;
}

bool in_revoked_subtree_locked(const CapNode* node) {
  for (const CapNode* n = node; n != nullptr; n = n->parent) {
    if (n->revoking) return true;
  }
  return false;
}

CapNode* first_leaf_locked(CapNode* root, uint32_t* steps) {
  ASSERT(root->first_child != nullptr);
  CapNode* n = root->first_child;
  ++*steps;
  while (n->first_child != nullptr) {
    n = n->first_child;
    ++*steps;
  }
  return n;
}
