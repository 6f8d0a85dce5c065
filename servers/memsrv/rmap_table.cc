#include "servers/memsrv/rmap_table.h"

#include <new>
#include <type_traits>

#include "abi/portcullis/page.h"
#include "base/assert.h"
#include "libsys/startup_memory.h"

namespace {

// `count` default-constructed T from startup memory (placement new: no operator new behind it).
template <typename T>
T* allocate_array(uint32_t count) {
  void* memory = allocate_startup_memory(sizeof(T) * count, alignof(T));
  if (memory == nullptr) return nullptr;
  T* array = static_cast<T*>(memory);
  for (uint32_t i = 0; i < count; i++) new (&array[i]) T();
  return array;
}

// Element types here are trivially destructible: giving the memory back is all there is to do.
template <typename T>
void free_array(T* array) {
  static_assert(std::is_trivially_destructible_v<T>);
  free_startup_memory(array);
}

}  // namespace

RmapEntryPool::~RmapEntryPool() { free_array(storage_); }

Status RmapEntryPool::init(uint32_t capacity) {
  ASSERT(storage_ == nullptr);
  storage_ = allocate_array<RmapEntry>(capacity);
  if (storage_ == nullptr) return Status::kNoMemory;
  capacity_ = capacity;
  lock_.lock();
  for (uint32_t i = capacity; i-- > 0;) {
    storage_[i].hash_next = free_;
    free_ = &storage_[i];
  }
  lock_.unlock();
  return Status::kOk;
}

RmapEntry* RmapEntryPool::take() {
  lock_.lock();
  RmapEntry* e = free_;
  if (e != nullptr) {
    free_ = e->hash_next;
    in_use_++;
  }
  lock_.unlock();
  if (e != nullptr) *e = RmapEntry{};
  return e;
}

void RmapEntryPool::give_back(RmapEntry* e) {
  lock_.lock();
  e->hash_next = free_;
  free_ = e;
  in_use_--;
  lock_.unlock();
}

void RmapEntryPool::give_back(RmapChain& chain) {
  if (chain.count == 0) return;
  lock_.lock();
  chain.tail->hash_next = free_;
  free_ = chain.head;
  in_use_ -= chain.count;
  lock_.unlock();
  chain = RmapChain{};
}

uint32_t RmapEntryPool::in_use() const {
  lock_.lock();
  const uint32_t n = in_use_;
  lock_.unlock();
  return n;
}

RmapTable::~RmapTable() {
  // Entries go back to the pool; the pool outlives the tables that use it.
  if (client_heads_ != nullptr) {
    for (ClientId c = 0; c < max_clients_; c++) take_of_client(c, [](uint64_t, uint64_t) {});
  }
  free_array(buckets_);
  free_array(client_heads_);
}

Status RmapTable::init(RmapEntryPool* pool, uint32_t bucket_count, uint32_t max_clients) {
  ASSERT(buckets_ == nullptr);
  ASSERT(bucket_count != 0 && (bucket_count & (bucket_count - 1)) == 0);
  buckets_ = allocate_array<RmapEntry*>(bucket_count);
  client_heads_ = allocate_array<RmapEntry*>(max_clients);
  if (buckets_ == nullptr || client_heads_ == nullptr) {
    free_array(buckets_);
    free_array(client_heads_);
    buckets_ = nullptr;
    client_heads_ = nullptr;
    return Status::kNoMemory;
  }
  pool_ = pool;
  bucket_mask_ = bucket_count - 1;
  max_clients_ = max_clients;
  return Status::kOk;
}

RmapEntry* RmapTable::find(uint64_t frame, ClientId client, uint64_t va) const {
  for (RmapEntry* e = buckets_[bucket(frame)]; e != nullptr; e = e->hash_next) {
    if (e->frame == frame && e->client == client && e->va == va) return e;
  }
  return nullptr;
}

Status RmapTable::add(uint64_t frame, ClientId client, uint64_t va) {
  if (client >= max_clients_) return Status::kOutOfRange;
  if (find(frame, client, va) != nullptr) return Status::kAlreadyExists;
  RmapEntry* e = pool_->take();
  if (e == nullptr) return Status::kNoSpace;
  e->frame = frame;
  e->client = client;
  e->va = va;
  link(e);
  return Status::kOk;
}

void RmapTable::link(RmapEntry* e) {
  RmapEntry** head = &buckets_[bucket(e->frame)];
  e->hash_next = *head;
  e->hash_prev = head;
  if (*head != nullptr) (*head)->hash_prev = &e->hash_next;
  *head = e;
  RmapEntry** chead = &client_heads_[e->client];
  e->client_next = *chead;
  e->client_prev = chead;
  if (*chead != nullptr) (*chead)->client_prev = &e->client_next;
  *chead = e;
  size_++;
}

Status RmapTable::remove(uint64_t frame, ClientId client, uint64_t va) {
  if (client >= max_clients_) return Status::kOutOfRange;
  RmapEntry* e = find(frame, client, va);
  if (e == nullptr) return Status::kNotFound;
  unlink_and_free(e);
  return Status::kOk;
}

void RmapTable::unlink(RmapEntry* e) {
  *e->hash_prev = e->hash_next;
  if (e->hash_next != nullptr) e->hash_next->hash_prev = e->hash_prev;
  *e->client_prev = e->client_next;
  if (e->client_next != nullptr) e->client_next->client_prev = e->client_prev;
  size_--;
}

void RmapTable::unlink_and_free(RmapEntry* e) {
  unlink(e);
  pool_->give_back(e);
}

uint32_t RmapTable::detach_run(uint64_t frame, ClientId client, uint64_t va, uint32_t pages,
                               RmapChain& out) {
  if (client >= max_clients_) return 0;
  for (uint32_t i = 0; i < pages; i++, frame += kPageSize, va += kPageSize) {
    RmapEntry* e = find(frame, client, va);
    if (e == nullptr) return i;
    unlink(e);
    out.push(e);
  }
  return pages;
}

void RmapTable::reattach(RmapEntry* e) { link(e); }

bool RmapTable::some_client_of_frame(uint64_t frame, ClientId* client) const {
  for (const RmapEntry* e = buckets_[bucket(frame)]; e != nullptr; e = e->hash_next) {
    if (e->frame == frame) {
      *client = e->client;
      return true;
    }
  }
  return false;
}

void RmapTable::check_invariants() const {
  uint64_t in_buckets = 0;
  for (uint32_t b = 0; b <= bucket_mask_; b++) {
    RmapEntry* const* prev = &buckets_[b];
    for (const RmapEntry* e = buckets_[b]; e != nullptr; e = e->hash_next) {
      ASSERT(e->hash_prev == prev);
      ASSERT(bucket(e->frame) == b);
      ASSERT(e->client < max_clients_);
      prev = &e->hash_next;
      in_buckets++;
    }
  }
  uint64_t in_clients = 0;
  for (ClientId c = 0; c < max_clients_; c++) {
    RmapEntry* const* prev = &client_heads_[c];
    for (const RmapEntry* e = client_heads_[c]; e != nullptr; e = e->client_next) {
      ASSERT(e->client_prev == prev);
      ASSERT(e->client == c);
      ASSERT(find(e->frame, e->client, e->va) == e);  // also in its bucket, and unique there
      prev = &e->client_next;
      in_clients++;
    }
  }
  ASSERT(in_buckets == size_);
  ASSERT(in_clients == size_);
}
