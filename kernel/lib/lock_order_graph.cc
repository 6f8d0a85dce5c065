#include "kernel/lib/lock_order_graph.h"

#include "kernel/lib/lock_order.h"

// Host builds (the tests) and debug kernels; a release kernel has no checker to link it into.
#if !defined(PORTCULLIS_KERNEL) || PORTCULLIS_LOCK_ORDER

#include "base/format.h"

namespace {

uint32_t index_of(LockClass c) { return static_cast<uint32_t>(c); }
uint64_t bit_of(LockClass c) { return uint64_t{1} << index_of(c); }

const char* or_unknown(const char* s) { return s != nullptr ? s : "?"; }

// "file:line (function)", or "an unknown site" for a site never written.
void format_site(char* buf, size_t capacity, const LockSite& site) {
  if (site.file == nullptr) {
    format(buf, capacity, "an unknown site");
    return;
  }
  format(buf, capacity, "%s:%u (%s)", site.file, site.line, or_unknown(site.function));
}

}  // namespace

LockOrderViolation LockOrderGraph::acquire(HeldLocks& held, const void* lock, LockClass lock_class,
                                           LockNesting nesting, const LockSite& site) {
  LockOrderViolation v;
  v.lock = lock;
  v.lock_class = lock_class;
  v.site = site;
  if (held.count_ == HeldLocks::kMaxHeld) {
    v.kind = LockOrderViolation::Kind::kTooDeep;
    v.holder = held.entries_[held.count_ - 1];
    return v;
  }
  for (uint32_t i = 0; i < held.count_; ++i) {
    const HeldLock& h = held.entries_[i];
    if (h.lock_class == lock_class) {
      if (nesting != LockNesting::kByAddress) {
        v.kind = LockOrderViolation::Kind::kSameClass;
      } else if (reinterpret_cast<uintptr_t>(h.lock) >= reinterpret_cast<uintptr_t>(lock)) {
        v.kind = LockOrderViolation::Kind::kAddressOrder;
      } else {
        continue;
      }
      v.holder = h;
      return v;
    }
    // The common case: an order seen before, checked when it was first recorded.
    if ((after_[index_of(h.lock_class)].load(std::memory_order_relaxed) & bit_of(lock_class)) !=
        0) {
      continue;
    }
    add_edge(h.lock_class, lock_class, h.site, site);
    // The edge is in the graph before the look for a way back (both seq_cst): of two CPUs adding
    // a -> b and b -> a at once, at least one sees the other's edge.
    find_path(lock_class, h.lock_class, &v);
    if (v.path_edges != 0) {
      v.kind = LockOrderViolation::Kind::kInversion;
      v.holder = h;
      return v;
    }
  }
  held.entries_[held.count_++] = HeldLock{lock, site, lock_class};
  return v;
}

LockOrderViolation LockOrderGraph::release(HeldLocks& held, const void* lock,
                                           const LockSite& site) {
  for (uint32_t i = held.count_; i-- > 0;) {
    if (held.entries_[i].lock != lock) continue;
    for (uint32_t j = i; j + 1 < held.count_; ++j) held.entries_[j] = held.entries_[j + 1];
    held.entries_[--held.count_] = HeldLock{};
    return LockOrderViolation{};
  }
  LockOrderViolation v;
  v.kind = LockOrderViolation::Kind::kNotHeld;
  v.lock = lock;
  v.site = site;
  return v;
}

void LockOrderGraph::add_edge(LockClass before, LockClass after, const LockSite& held_site,
                              const LockSite& site) {
  EdgeRecord& e = edges_[index_of(before)][index_of(after)];
  uint8_t unseen = 0;
  // The first CPU to see the edge writes its sites; the bit follows, so whoever reads the sites of
  // a set bit finds them written (or, mid-write, state 1: edge_sites says so).
  if (e.state.compare_exchange_strong(unseen, 1, std::memory_order_acq_rel)) {
    e.sites = LockEdgeSites{held_site, site};
    e.state.store(2, std::memory_order_release);
  }
  after_[index_of(before)].fetch_or(bit_of(after), std::memory_order_seq_cst);
}

void LockOrderGraph::find_path(LockClass from, LockClass to, LockOrderViolation* out) const {
  out->path_edges = 0;
  // Breadth first over at most 64 classes: parent[c] is the class c was reached from.
  uint8_t parent[kLockClassCount];
  uint8_t queue[kLockClassCount];
  uint64_t seen = bit_of(from);
  uint32_t head = 0;
  uint32_t tail = 0;
  queue[tail++] = static_cast<uint8_t>(index_of(from));
  bool found = false;
  while (head < tail && !found) {
    const uint32_t c = queue[head++];
    uint64_t next = after_[c].load(std::memory_order_seq_cst) & ~seen;
    while (next != 0) {
      const uint32_t n = static_cast<uint32_t>(__builtin_ctzll(next));
      next &= next - 1;
      seen |= uint64_t{1} << n;
      parent[n] = static_cast<uint8_t>(c);
      queue[tail++] = static_cast<uint8_t>(n);
      if (n == index_of(to)) {
        found = true;
        break;
      }
    }
  }
  if (!found) return;
  // Walk back from `to`, then turn the list round.
  uint32_t reversed[kLockClassCount + 1];
  uint32_t n = 0;
  for (uint32_t c = index_of(to);; c = parent[c]) {
    reversed[n++] = c;
    if (c == index_of(from)) break;
  }
  for (uint32_t i = 0; i < n; ++i) out->path[i] = static_cast<LockClass>(reversed[n - 1 - i]);
  out->path_edges = n - 1;
  for (uint32_t i = 0; i + 1 < n; ++i) {
    if (!edge_sites(out->path[i], out->path[i + 1], &out->path_sites[i])) {
      out->path_sites[i] = LockEdgeSites{};
    }
  }
}

bool LockOrderGraph::has_edge(LockClass before, LockClass after) const {
  return (after_[index_of(before)].load(std::memory_order_seq_cst) & bit_of(after)) != 0;
}

bool LockOrderGraph::edge_sites(LockClass before, LockClass after, LockEdgeSites* out) const {
  const EdgeRecord& e = edges_[index_of(before)][index_of(after)];
  if (e.state.load(std::memory_order_acquire) != 2) return false;
  *out = e.sites;
  return true;
}

uint32_t LockOrderGraph::edge_count() const {
  uint32_t n = 0;
  for (const auto& row : after_) n += static_cast<uint32_t>(__builtin_popcountll(row.load()));
  return n;
}

const char* LockOrderViolation::summary() const {
  switch (kind) {
    case Kind::kNone:
      return "no violation";
    case Kind::kInversion:
      return "lock order inversion";
    case Kind::kSameClass:
      return "lock nested in a lock of its own class";
    case Kind::kAddressOrder:
      return "same-class lock nested out of address order";
    case Kind::kTooDeep:
      return "too many locks held at once";
    case Kind::kNotHeld:
      return "release of a lock this cpu does not hold";
  }
  return "?";
}

void LockOrderViolation::describe(void (*line)(const char* text, void* ctx), void* ctx) const {
  constexpr size_t kSite = 160;
  char text[3 * kSite];
  char at[kSite];
  char other[kSite];
  format_site(at, sizeof at, site);
  if (kind == Kind::kNotHeld) {
    format(text, sizeof text, "releasing lock %p at %s, which this cpu does not hold", lock, at);
    line(text, ctx);
    return;
  }
  format(text, sizeof text, "acquiring %s (lock %p) at %s", lock_class_name(lock_class), lock, at);
  line(text, ctx);
  format_site(other, sizeof other, holder.site);
  format(text, sizeof text, "while holding %s (lock %p) acquired at %s",
         lock_class_name(holder.lock_class), holder.lock, other);
  line(text, ctx);
  if (kind != Kind::kInversion) return;
  // The order recorded before, edge by edge: before -> after, first seen with these sites.
  char chain[kLockClassCount * 24];
  size_t used = 0;
  for (uint32_t i = 0; i <= path_edges && used < sizeof chain; ++i) {
    used += format(chain + used, sizeof chain - used, "%s%s", i == 0 ? "" : " -> ",
                   lock_class_name(path[i]));
  }
  format(text, sizeof text, "but the opposite order %s was recorded first:", chain);
  line(text, ctx);
  for (uint32_t i = 0; i < path_edges; ++i) {
    format_site(at, sizeof at, path_sites[i].acquired);
    format_site(other, sizeof other, path_sites[i].held);
    format(text, sizeof text, "  %s acquired at %s", lock_class_name(path[i + 1]), at);
    line(text, ctx);
    format(text, sizeof text, "    while holding %s acquired at %s", lock_class_name(path[i]),
           other);
    line(text, ctx);
  }
}

#endif  // !defined(PORTCULLIS_KERNEL) || PORTCULLIS_LOCK_ORDER
