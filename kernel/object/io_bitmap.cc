#include "kernel/object/io_bitmap.h"

#include <new>

#include "base/assert.h"

namespace {

// The one global source of sequence numbers. Constant-initialised (no constructor runs at boot).
// 64 bits: one change per nanosecond takes 584 years to wrap.
std::atomic<uint64_t> g_io_sequence{0};

uint64_t next_sequence() { return g_io_sequence.fetch_add(1, std::memory_order_relaxed) + 1; }

// Object ids and grant ids, each from its own counter: never 0, never reused.
std::atomic<uint64_t> g_io_bitmap_ids{0};
std::atomic<uint64_t> g_io_grant_ids{0};

}  // namespace

constinit SpinLock g_io_bitmap_registry_lock{LockClass::kIoBitmapRegistry};
constinit IoBitmap* IoBitmap::registry_first_ = nullptr;

IoBitmap::IoBitmap() NO_THREAD_SAFETY_ANALYSIS
    : KernelObject(kType),
      id_(g_io_bitmap_ids.fetch_add(1, std::memory_order_relaxed) + 1) {
  bits_.deny_all();
  sequence_.store(next_sequence(), std::memory_order_relaxed);
  // Last: the registry hands out this bitmap only once it is whole.
  SpinGuard guard(g_io_bitmap_registry_lock);
  registry_next_ = registry_first_;
  if (registry_first_ != nullptr) registry_first_->registry_prev_ = this;
  registry_first_ = this;
}

IoBitmap::~IoBitmap() {
  // Until this unlink a registry walk may still see the bitmap, with its count at 0: try_wrap
  // refuses it, and its memory lasts until the walk releases the lock.
  SpinGuard guard(g_io_bitmap_registry_lock);
  if (registry_prev_ != nullptr) {
    registry_prev_->registry_next_ = registry_next_;
  } else {
    registry_first_ = registry_next_;
  }
  if (registry_next_ != nullptr) registry_next_->registry_prev_ = registry_prev_;
}

uint64_t IoBitmap::new_grant_id() {
  return g_io_grant_ids.fetch_add(1, std::memory_order_relaxed) + 1;
}

Result<RefPtr<IoBitmap>> IoBitmap::allocate() {
  IoBitmap* bitmap = new (std::nothrow) IoBitmap();
  if (bitmap == nullptr) return Status::kNoMemory;
  return adopt_ref(bitmap);
}

Result<RefPtr<IoBitmap>> IoBitmap::create() { return allocate(); }

Result<RefPtr<IoBitmap>> IoBitmap::duplicate() const {
  RefPtr<IoBitmap> copy = TRY(allocate());  // before any lock
  copy_into(*copy);
  return copy;
}

void IoBitmap::copy_into(IoBitmap& target) const {
  ASSERT(&target != this);
  // Registry first: a registry walk takes every bitmap's lock in turn, the unpublished target's
  // too, and it must not be caught holding it by the assertion below.
  SpinGuard registry(g_io_bitmap_registry_lock);
  target.assert_unpublished();
  SpinGuard guard(lock_);
  target.bits_ = bits_;
  target.window_ = window_;
  for (uint32_t i = 0; i < grant_count_; ++i) target.grants_[i] = grants_[i];
  target.grant_count_ = grant_count_;
  target.sequence_.store(sequence_.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

Status IoBitmap::check_grant_args(uint64_t grant_id, PortRange ports) {
  if (grant_id == 0) return Status::kInvalidArgument;
  // Revalidate through the checked constructor: the caller's range may have been built by hand.
  return result_status(PortRange::checked(ports.base, ports.size, kIoPortCount));
}

int32_t IoBitmap::find_grant_locked(uint64_t grant_id) const {
  for (uint32_t i = 0; i < grant_count_; ++i) {
    if (grants_[i].id == grant_id) return static_cast<int32_t>(i);
  }
  return -1;
}

void IoBitmap::stamp_locked() { sequence_.store(next_sequence(), std::memory_order_seq_cst); }

Status IoBitmap::add_grant(uint64_t grant_id, PortRange ports) {
  TRY(check_grant_args(grant_id, ports));
  SpinGuard guard(lock_);
  if (find_grant_locked(grant_id) >= 0) return Status::kAlreadyExists;
  if (grant_count_ == kMaxGrants) return Status::kNoSpace;
  // Nothing can fail from here on.
  grants_[grant_count_++] = IoGrant{grant_id, ports};
  bits_.allow(ports);
  // Every byte of the range now has a clear bit, so the union stays tight.
  window_ = window_.united(byte_window_of(ports));
  stamp_locked();
  return Status::kOk;
}

Result<IoInvalidation> IoBitmap::revoke_grant(uint64_t grant_id, IoCounters& counters) {
  bool rights_removed = false;
  {
    SpinGuard guard(lock_);
    const int32_t index = find_grant_locked(grant_id);
    if (index < 0) return Status::kNotFound;
    const PortRange ports = grants_[index].ports;
    // Keep the remaining grants in order (deterministic for tests).
    for (uint32_t i = static_cast<uint32_t>(index); i + 1 < grant_count_; ++i)
      grants_[i] = grants_[i + 1];
    --grant_count_;
    bits_.deny(ports);
    // Reopen what other enabled grants still cover: overlapping grants are legal.
    for (uint32_t i = 0; i < grant_count_; ++i) {
      const PortRange other = grants_[i].ports;
      if (!other.overlaps(ports)) continue;
      const uint32_t lo = other.base > ports.base ? other.base : ports.base;
      const uint32_t last = other.last() < ports.last() ? other.last() : ports.last();
      bits_.allow(PortRange{lo, last - lo + 1});
    }
    for (uint32_t p = ports.base; p <= ports.last(); ++p) {
      if (!bits_.allows_port(p)) {
        rights_removed = true;
        break;
      }
    }
    window_ = bits_.tight_window(window_);
    stamp_locked();
  }
  IoInvalidation revocation;
  revocation.bitmap = RefPtr<IoBitmap>::wrap(this);
  revocation.rights_removed = rights_removed;
  if (rights_removed) {
    // Pairs with mark_active: a CPU either shows up here or reads the new sequence (and copies the
    // new bits) before it returns to user mode.
    revocation.cpus = active_cpus();
    ++counters.revocations;
    counters.revocation_targets += revocation.cpus.count();
  }
  return revocation;
}

Result<IoInvalidation> IoBitmap::revoke_grant_somewhere(uint64_t grant_id, IoCounters& counters) {
  // Released after the registry lock: a last reference dropped under it would run the destructor,
  // which takes it.
  RefPtr<IoBitmap> holder;
  IoInvalidation revoked;
  {
    SpinGuard registry(g_io_bitmap_registry_lock);
    for (IoBitmap* b = registry_first_; b != nullptr && !holder; b = b->registry_next_) {
      // Count 0 (try_wrap refuses it): no task and no CPU holds it any more, so its ports are
      // open nowhere.
      if (b->has_grant(grant_id)) holder = RefPtr<IoBitmap>::try_wrap(b);
    }
    if (!holder) return Status::kNotFound;
    Result<IoInvalidation> r = holder->revoke_grant(grant_id, counters);
    // An error means the bitmap's own task removed it meanwhile (TaskIoPorts::disable): nothing
    // for CPUs to do, and the caller looks again.
    if (r.is_ok()) revoked = r.value();
  }
  return revoked;
}

bool IoBitmap::allows(uint32_t port, uint32_t width) const {
  SpinGuard guard(lock_);
  return bits_.allows(port, width);
}

IoByteWindow IoBitmap::window() const {
  SpinGuard guard(lock_);
  return window_;
}

bool IoBitmap::has_grant(uint64_t grant_id) const {
  SpinGuard guard(lock_);
  return find_grant_locked(grant_id) >= 0;
}

uint32_t IoBitmap::grant_count() const {
  SpinGuard guard(lock_);
  return grant_count_;
}

uint32_t IoBitmap::grants(IoGrant* out, uint32_t max) const {
  SpinGuard guard(lock_);
  for (uint32_t i = 0; i < grant_count_ && i < max; ++i) out[i] = grants_[i];
  return grant_count_;
}

bool IoBitmap::same_bits(const IoBitmap& other) const {
  if (&other == this) return true;
  // Both locks, in address order, so two callers comparing the same pair cannot deadlock (the
  // lock-order checker holds the second to that rule).
  if (this < &other) {
    SpinGuard first(lock_);
    SpinGuard second(other.lock_, LockNesting::kByAddress);
    return same_bits_locked(other);
  }
  SpinGuard first(other.lock_);
  SpinGuard second(lock_, LockNesting::kByAddress);
  return same_bits_locked(other);
}

bool IoBitmap::same_bits_locked(const IoBitmap& other) const {
  return bits_ == other.bits_ && window_ == other.window_;
}

void IoBitmap::remove_sharer() {
  const uint32_t old = sharers_.fetch_sub(1, std::memory_order_acq_rel);
  ASSERT(old >= 1);
}

void IoBitmap::check_invariants() const {
  SpinGuard guard(lock_);
  ASSERT(sequence_.load(std::memory_order_relaxed) != 0);
  ASSERT(grant_count_ <= kMaxGrants);
  for (uint32_t i = 0; i < grant_count_; ++i) {
    ASSERT(grants_[i].id != 0);
    ASSERT(grants_[i].ports.size != 0 && grants_[i].ports.last() < kIoPortCount);
    ASSERT(grants_[i].ports.last() >= grants_[i].ports.base);
    for (uint32_t j = i + 1; j < grant_count_; ++j) ASSERT(grants_[i].id != grants_[j].id);
  }
  // Bits are exactly the union of the grants: merge the grant ranges (insertion sort, then sweep);
  // every port inside the union is open and no port outside it is, i.e. the open ports inside the
  // union and in the whole bitmap both number the union's size.
  PortRange sorted[kMaxGrants];
  for (uint32_t i = 0; i < grant_count_; ++i) {
    uint32_t j = i;
    for (; j > 0 && sorted[j - 1].base > grants_[i].ports.base; --j) sorted[j] = sorted[j - 1];
    sorted[j] = grants_[i].ports;
  }
  uint32_t union_ports = 0;
  uint32_t open_in_union = 0;
  uint32_t covered_end = 0;  // one past the last port counted so far
  for (uint32_t i = 0; i < grant_count_; ++i) {
    const uint32_t begin = sorted[i].base > covered_end ? sorted[i].base : covered_end;
    const uint32_t end = sorted[i].base + sorted[i].size;
    if (end <= begin) continue;
    union_ports += end - begin;
    covered_end = end;
    uint32_t p = begin;
    for (; p < end && p % 8 != 0; ++p) open_in_union += bits_.allows_port(p) ? 1 : 0;
    for (; p + 8 <= end; p += 8)
      open_in_union += 8 - static_cast<uint32_t>(__builtin_popcount(bits_.byte(p / 8)));
    for (; p < end; ++p) open_in_union += bits_.allows_port(p) ? 1 : 0;
  }
  uint32_t open_ports = 0;
  const uint8_t* bytes = bits_.bytes();
  for (uint32_t i = 0; i < kIoBitmapByteCount; i += 8) {
    uint64_t word;
    __builtin_memcpy(&word, bytes + i, sizeof word);
    open_ports += 64 - static_cast<uint32_t>(__builtin_popcountll(word));
  }
  ASSERT(open_in_union == union_ports);
  ASSERT(open_ports == union_ports);
  // The window is tight.
  ASSERT(window_.lo <= window_.hi && window_.hi <= kIoBitmapByteCount);
  if (window_.empty()) {
    ASSERT(window_.lo == 0);
  } else {
    ASSERT(bits_.byte(window_.lo) != 0xFF && bits_.byte(window_.hi - 1) != 0xFF);
  }
  for (uint32_t i = 0; i < window_.lo; ++i) ASSERT(bits_.byte(i) == 0xFF);
  for (uint32_t i = window_.hi; i < kIoBitmapByteCount; ++i) ASSERT(bits_.byte(i) == 0xFF);
}
