// Reverse-map storage without locking: frame -> every (client, virtual address) that maps it, plus
// each client's entries for client exit. ReverseMap<Lock> owns several of these (one per stripe of
// frames) and holds the stripe's lock around every call. Entries come from an RmapEntryPool sized
// when the server starts: nothing here allocates while a lock is held.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "libsys/user_spin_lock.h"

using ClientId = uint32_t;

struct RmapEntry {
  uint64_t frame = 0;  // physical address of the frame
  uint64_t va = 0;     // where `client` maps it
  ClientId client = 0;
  // Linked in the frame's hash bucket and in the client's list (both doubly, for O(1) unlink).
  RmapEntry* hash_next = nullptr;
  RmapEntry** hash_prev = nullptr;
  RmapEntry* client_next = nullptr;
  RmapEntry** client_prev = nullptr;
};

// Entries taken out of their tables but not yet given back, chained through hash_next (the entry
// pool's own link, so the whole chain goes back in one step): a run-wise unmap detaches a run's
// entries first and either gives them all back or puts them all back.
struct RmapChain {
  RmapEntry* head = nullptr;
  RmapEntry* tail = nullptr;
  uint32_t count = 0;

  void push(RmapEntry* e) {
    e->hash_next = head;
    if (head == nullptr) tail = e;
    head = e;
    count++;
  }
};

// A fixed number of entries shared by all stripes. Its own lock is held for a free-list push or
// pop only, never across anything else, so it is a spinlock under both rmap lock policies.
class RmapEntryPool {
 public:
  RmapEntryPool() = default;
  ~RmapEntryPool();
  RmapEntryPool(const RmapEntryPool&) = delete;
  RmapEntryPool& operator=(const RmapEntryPool&) = delete;

  [[nodiscard]] Status init(uint32_t capacity);
  RmapEntry* take();  // nullptr when exhausted
  void give_back(RmapEntry* e);
  void give_back(RmapChain& chain);  // all of it, one lock; the chain is empty after
  uint32_t capacity() const { return capacity_; }
  uint32_t in_use() const;

 private:
  mutable UserSpinLock lock_;
  RmapEntry* storage_ = nullptr;
  uint32_t capacity_ = 0;
  RmapEntry* free_ GUARDED_BY(lock_) = nullptr;  // chained through hash_next
  uint32_t in_use_ GUARDED_BY(lock_) = 0;
};

class RmapTable {
 public:
  RmapTable() = default;
  ~RmapTable();
  RmapTable(const RmapTable&) = delete;
  RmapTable& operator=(const RmapTable&) = delete;

  // bucket_count: a power of two. Clients are 0 .. max_clients - 1.
  [[nodiscard]] Status init(RmapEntryPool* pool, uint32_t bucket_count, uint32_t max_clients);

  // kAlreadyExists for a duplicate, kOutOfRange for a bad client, kNoSpace when the pool is empty.
  [[nodiscard]] Status add(uint64_t frame, ClientId client, uint64_t va);
  [[nodiscard]] Status remove(uint64_t frame, ClientId client, uint64_t va);  // kNotFound
  bool contains(uint64_t frame, ClientId client, uint64_t va) const {
    return find(frame, client, va);
  }
  // The run-wise unmap's steps. detach_run: the entries of `client` mapping frames [frame, +pages)
  // at [va, +pages), one page apart, leave the table for `out` until one is missing;
  // returns how many left (pages when all were there). reattach: an entry detach_run took (its
  // frame is this table's) goes back in.
  uint32_t detach_run(uint64_t frame, ClientId client, uint64_t va, uint32_t pages, RmapChain& out);
  void reattach(RmapEntry* e);
  uint64_t size() const { return size_; }
  uint32_t max_clients() const { return max_clients_; }

  // f(client, va) for each mapping of `frame`.
  template <typename F>
  void for_each_of_frame(uint64_t frame, F&& f) const {
    for (const RmapEntry* e = buckets_[bucket(frame)]; e != nullptr; e = e->hash_next) {
      if (e->frame == frame) f(e->client, e->va);
    }
  }
  // Removes every mapping of `frame` by `client`, calling f(va) for each first.
  template <typename F>
  uint32_t take_of_frame(uint64_t frame, ClientId client, F&& f) {
    uint32_t n = 0;
    for (RmapEntry* e = buckets_[bucket(frame)]; e != nullptr;) {
      RmapEntry* next = e->hash_next;
      if (e->frame == frame && e->client == client) {
        f(e->va);
        unlink_and_free(e);
        n++;
      }
      e = next;
    }
    return n;
  }
  // Removes every mapping of `client`, calling f(frame, va) for each first. Newest first: a range
  // mapped in increasing order comes back in decreasing order, which the batch builder merges.
  template <typename F>
  uint32_t take_of_client(ClientId client, F&& f) {
    uint32_t n = 0;
    while (client < max_clients_ && client_heads_[client] != nullptr) {
      RmapEntry* e = client_heads_[client];
      f(e->frame, e->va);
      unlink_and_free(e);
      n++;
    }
    return n;
  }
  // A client that maps `frame`, if any.
  bool some_client_of_frame(uint64_t frame, ClientId* client) const;

  // Every entry is in exactly one bucket (its frame's) and one client list (its client's), the
  // back links agree, and size_ counts them.
  void check_invariants() const;

 private:
  uint32_t bucket(uint64_t frame) const {
    // Fibonacci hashing of the frame number: neighbouring frames land in different buckets.
    return static_cast<uint32_t>(((frame >> 12) * 0x9e3779b97f4a7c15ull) >> 32) & bucket_mask_;
  }
  RmapEntry* find(uint64_t frame, ClientId client, uint64_t va) const;
  void link(RmapEntry* e);
  void unlink(RmapEntry* e);
  void unlink_and_free(RmapEntry* e);

  RmapEntryPool* pool_ = nullptr;
  RmapEntry** buckets_ = nullptr;
  uint32_t bucket_mask_ = 0;
  RmapEntry** client_heads_ = nullptr;
  uint32_t max_clients_ = 0;
  uint64_t size_ = 0;
};
