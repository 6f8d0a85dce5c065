// The memory server's requests (docs/memory-server.md, "The server"), apart from IPC: the clients
// init registered (badge -> address space), their allocations, the pool and the reverse map.
// main.cc receives a message and calls one of these; the host tests call them directly over a fake
// address-space backend.
//
// Decode, then invoke, as in the kernel: every request is checked whole (alignment, overflow, the
// kernel half, the caller's own memory, its quota, room in its tables, a run in the pool) before
// anything changes; a refused request changes nothing. Answers:
//   kAccessDenied     an unknown badge; an address range reaching the kernel half (kUserTop)
//   kInvalidArgument  length 0; rights other than read or read-write
//   kUnaligned        an address or length that is not a whole number of pages
//   kOverflow         address + length wraps
//   kNotFound         free/protect of pages the client was not given (all of them must be);
//                     client_ended of a badge not registered
//   kAlreadyExists    allocate at an address overlapping one of the client's allocations
//   kNoSpace          over the client's quota, or its allocation table is full
//   kNoMemory         no run of free pool pages that long
//   the kernel's vm_batch answer for an allocate at an address the client maps otherwise
// One worker thread calls these (no lock of its own); the reverse map takes its stripes' locks.
#pragma once

#include <stdint.h>

#include "abi/portcullis/page.h"
#include "base/result.h"
#include "libsys/mem_protocol.h"
#include "libsys/rmap_lock.h"
#include "servers/memsrv/pool_allocator.h"
#include "servers/memsrv/reverse_map.h"

// Where the pool is: its first frame's physical address, and a window where memsrv itself maps all
// of it (to zero frames before a client gets them).
struct PoolView {
  uint64_t first_phys = 0;
  uint8_t* window = nullptr;
};

// What a client's address space is to the service: ReverseMap's backend, plus the registration
// hooks (main.cc keeps the AddressSpace capability's slot per client).
class MemoryClientSpaces : public ClientSpaces {
 public:
  // The client's old address space goes (a registration replaced it): delete its capability.
  virtual void forget(ClientId client) = 0;

 protected:
  ~MemoryClientSpaces() = default;
};

struct MemoryServiceStats {
  uint64_t free_pages = 0;
  uint64_t total_pages = 0;
  uint64_t client_pages = 0;
};

class MemoryService {
 public:
  static constexpr uint32_t kMaxClients = 16;
  static constexpr uint32_t kMaxRegions = 32;  // allocations per client (a free may split one)

  // `rmap` must be initialised with at least kMaxClients clients.
  MemoryService(MemoryClientSpaces& spaces, ReverseMap<RmapLock>& rmap, PoolAllocator& pool,
                PoolView view)
      : spaces_(spaces), rmap_(rmap), pool_(pool), view_(view) {}

  // init's registration: `badge` (not 0 or kInitBadge: kInvalidArgument) names a client whose
  // address space the caller has placed as client `*client`'s (main.cc: a slot per ClientId).
  // A badge registered before is the same ClientId: its old mappings are unmapped and their
  // frames freed first. kNoSpace: kMaxClients already.
  Result<ClientId> register_client(uint64_t badge, uint64_t quota_pages);

  // init's news that the client of `badge` has ended: everything it held is unmapped (its address
  // space outlives its task while memsrv holds the capability), its frames go back to the pool,
  // its reverse-map entries go, its capability is forgotten and its ClientId is free again. The
  // pages given back, or kNotFound for a badge not registered.
  Result<uint64_t> client_ended(uint64_t badge);

  Result<uint64_t> allocate(uint64_t badge, uint64_t length, uint64_t address, uint64_t rights);
  Status free(uint64_t badge, uint64_t address, uint64_t length);
  Status protect(uint64_t badge, uint64_t address, uint64_t length, uint64_t rights);
  Result<MemoryServiceStats> stats(uint64_t badge) const;

  // The client that registered `badge`, or kAccessDenied.
  Result<ClientId> client_of(uint64_t badge) const;

 private:
  struct Region {
    uint64_t va = 0;
    uint64_t pages = 0;       // 0: unused slot
    uint64_t first_page = 0;  // pool page index
  };
  struct Client {
    uint64_t badge = 0;  // 0: unused
    uint64_t quota_pages = 0;
    uint64_t used_pages = 0;
    uint64_t next_va = mem::kArenaBase;  // where the next kAnywhere allocation goes
    Region regions[kMaxRegions];
  };

  // [address, +length) in pages, checked (kUnaligned, kInvalidArgument, kOverflow, kAccessDenied).
  static Status check_range(uint64_t address, uint64_t length);
  // Whether every page of [va, +pages) lies in some region of `c`.
  static bool covered(const Client& c, uint64_t va, uint64_t pages);
  static bool overlaps(const Client& c, uint64_t va, uint64_t pages);
  static uint32_t free_region_slots(const Client& c);
  // Unmaps and frees [va, +pages) of region `r` (which contains it), splitting it if needed.
  Status release_part(ClientId id, Client& c, uint32_t r, uint64_t va, uint64_t pages);
  // Unmaps and frees everything the client has.
  void release_all(ClientId id, Client& c);
  uint64_t phys_of(uint64_t page) const { return view_.first_phys + page * kPageSize; }

  MemoryClientSpaces& spaces_;
  ReverseMap<RmapLock>& rmap_;
  PoolAllocator& pool_;
  const PoolView view_;
  Client clients_[kMaxClients];
};
