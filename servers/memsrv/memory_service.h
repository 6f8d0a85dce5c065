// The memory server's requests (docs/memory-server.md, "The server"), apart from IPC: the clients
// init registered (badge -> address space), their allocations and shares, the pool and the reverse
// map. main.cc receives a message and calls one of these; the host tests call them directly over a
// fake address-space backend.
//
// Decode, then invoke, as in the kernel: every request is checked whole (alignment, overflow, the
// kernel half, the caller's own memory, its quota, room in its tables, a run in the pool) before
// anything changes; a refused request changes nothing. Answers:
//   kAccessDenied     an unknown badge; an address range reaching the kernel half (kUserTop);
//                     rights wider than the pages allow (a share's offered rights); a reclaim of
//                     pages the caller does not pay for; an offer accepted by another badge
//   kInvalidArgument  length 0; rights other than read or read-write; an offer to oneself; an
//                     offer spanning two allocations
//   kUnaligned        an address or length that is not a whole number of pages
//   kOverflow         address + length wraps
//   kNotFound         pages the client does not map (all of them must be); an offer id that is
//                     not (or no longer) live; an offer to a badge not registered;
//                     client_ended of a badge not registered
//   kAlreadyExists    allocate or accept at an address overlapping one of the client's regions
//   kNoSpace          over the client's quota, its region table is full, the offer table is full,
//                     a page with PoolAllocator::kMaxMappings mappings
//   kNoMemory         no run of free pool pages that long
//   the kernel's vm_batch answer for an allocate at an address the client maps otherwise
//
// Sharing (docs/memory-server.md, "Sharing"): a region's pages all have one payer, the client that
// allocated them; it is charged until the last mapping of a page goes. Offers name their receiver
// by badge, so an offer id is useless to anyone else. A payer that ends takes its pages from every
// client; a payer's reclaim takes a range of them from every client.
//
// Threads: any number of workers may call at once. Locks, in the order they are taken:
//   1. clients' locks (Client::lock), several only in increasing ClientId order (ClientSet):
//      one for allocate/free/protect/offer/frame_of/stats, two for accept, all for register,
//      client_ended, reclaim and check;
//   2. then, under those, the reverse map's stripes (inside ReverseMap; the clients' address-space
//      locks nest in the kernel under those);
//   offers_lock_ and the pool's lock are leaves: held for a few loads and stores, never across a
//   reverse-map call or each other.
// A client's `badge` is also read without its lock to find the ClientId, and read again under it
// (an end may have come between).
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_lookup.h"
#include "base/assert.h"
#include "base/result.h"
#include "base/thread_annotations.h"
#include "libsys/mem_protocol.h"
#include "libsys/mutex.h"
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
// hooks (main.cc keeps the AddressSpace capability's slot per client) and the page tables' own
// answer for the check.
class MemoryClientSpaces : public ClientSpaces {
 public:
  // The client's old address space goes (a registration replaced it): delete its capability.
  virtual void forget(ClientId client) = 0;
  // What the client's page tables map at [va, +count pages), count <= kVmLookupMaxPages.
  [[nodiscard]] virtual Status lookup(ClientId client, uint64_t va, uint32_t count,
                                      VmLookupEntry* out) = 0;

 protected:
  ~MemoryClientSpaces() = default;
};

struct MemoryServiceStats {
  uint64_t free_pages = 0;
  uint64_t total_pages = 0;
  uint64_t client_pages = 0;  // what the client pays for
};

// check()'s answer. `failed` names the first invariant found broken (0: none) and `where` the pool
// page or address it was found at.
struct MemoryCheckReport {
  enum Failure : uint64_t {
    kNone = 0,
    kPoolCount = 1,     // free + memsrv's own + client pages != total
    kPoolPage = 2,      // a page free in the bitmap with mappings, or taken without a reason
    kMappingCount = 3,  // a page's mapping count != the regions that map it
    kRmapCount = 4,     // a page's mapping count != the reverse map's entries for its frame
    kRmapEntry = 5,     // a region page the reverse map does not have
    kPageTable = 6,     // a region page the client's page tables map otherwise
    kPayer = 7,         // a page's payer disagrees with a region's, or a charge with the pages
    kRmapTotal = 8,     // the reverse map holds entries no region explains
  };
  uint64_t pages_checked = 0;     // pool pages
  uint64_t mappings_checked = 0;  // client pages, each against the rmap and its page tables
  uint64_t failed = kNone;
  uint64_t where = 0;
};

// A lock for one client: sys::Mutex, with the assertion the analysis needs where the set of held
// locks is chosen at run time (ClientSet).
class CAPABILITY("mutex") ClientLock {
 public:
  void lock() ACQUIRE() { mutex_.lock(); }
  void unlock() RELEASE() { mutex_.unlock(); }
  void assert_held() const ASSERT_CAPABILITY(this) { DEBUG_ASSERT(mutex_.is_locked()); }

 private:
  sys::Mutex mutex_;
};

class MemoryService {
 public:
  static constexpr uint32_t kMaxClients = 16;
  static constexpr uint32_t kMaxRegions = 128;  // allocations and accepted shares per client
  static constexpr uint32_t kMaxOffers = 64;    // live offers, all clients together
  static_assert(kMaxClients <= PoolAllocator::kMaxPayers && kMaxClients <= 32);

  // `rmap` must be initialised with at least kMaxClients clients. Pool pages already taken now
  // are memsrv's own (its tables); the check counts them so.
  MemoryService(MemoryClientSpaces& spaces, ReverseMap<RmapLock>& rmap, PoolAllocator& pool,
                PoolView view)
      : spaces_(spaces),
        rmap_(rmap),
        pool_(pool),
        view_(view),
        server_pages_(pool.total_pages() - pool.free_pages()) {}

  // init's registration: `badge` (not 0 or kInitBadge: kInvalidArgument) names a client whose
  // address space the caller has placed as client `*client`'s (main.cc: a slot per ClientId), with
  // a quota of `quota_pages` pool pages it may pay for. A badge registered before is the same
  // ClientId: it ends first (client_ended). kNoSpace: kMaxClients already.
  Result<ClientId> register_client(uint64_t badge, uint64_t quota_pages);

  // init's news that the client of `badge` has ended: everything it mapped is unmapped (its address
  // space outlives its task while memsrv holds the capability), and so is every page it paid for
  // in other clients (their regions go); those frames go back to the pool, offers from and to it
  // go, its capability is forgotten and its ClientId is free again. The pages it paid for, or
  // kNotFound for a badge not registered.
  Result<uint64_t> client_ended(uint64_t badge);

  Result<uint64_t> allocate(uint64_t badge, uint64_t length, uint64_t address, uint64_t rights);
  // Unmaps the client's own mappings of [address, +length); a page goes back to the pool when it
  // was the last mapping (a shared page stays with the others).
  Status free(uint64_t badge, uint64_t address, uint64_t length);
  // Rights of the client's own mappings, never wider than its regions allow.
  Status protect(uint64_t badge, uint64_t address, uint64_t length, uint64_t rights);
  Result<MemoryServiceStats> stats(uint64_t badge) const;

  // Offers [address, +length) (within one region of the caller) to the client of `to_badge` with
  // `rights` (no wider than the caller's): the offer id.
  Result<uint64_t> share_offer(uint64_t badge, uint64_t address, uint64_t length, uint64_t rights,
                               uint64_t to_badge);
  // Maps offer `offer_id` (made to this badge) at `address` or kAnywhere; the offer is used up.
  Result<uint64_t> share_accept(uint64_t badge, uint64_t offer_id, uint64_t address);
  // Withdraws a live offer the caller made.
  Status share_cancel(uint64_t badge, uint64_t offer_id);
  // The caller's own badge (for telling peers over IPC whom to offer to).
  Result<uint64_t> who_am_i(uint64_t badge) const;
  // The payer takes [address, +length) (pages it maps and pays for, in one region) back from every
  // client that maps them (ReverseMap::reclaim, one batch per client): they go back to the pool,
  // every client's regions lose them. A client's region that would need a split with no spare
  // slot loses its pages past the range too (they are all the payer's). The mappings removed.
  Result<uint64_t> reclaim(uint64_t badge, uint64_t address, uint64_t length);
  // The physical frame the client maps at `address` (a debugging aid for tests).
  Result<uint64_t> frame_of(uint64_t badge, uint64_t address);
  // Every invariant, with every client held (docs/memory-server.md, "The check"). kAccessDenied
  // for an unknown badge unless it is kInitBadge.
  Result<MemoryCheckReport> check(uint64_t badge);

  // The client that registered `badge`, or kAccessDenied (read without a lock: a hint, re-checked
  // under the client's lock by every request).
  Result<ClientId> client_of(uint64_t badge) const;

  // How many clients are registered now (read without a lock, as client_of: for the shell's
  // `mem`, a figure that may be one behind a registration under way).
  uint32_t client_count() const;

 private:
  struct Region {
    uint64_t va = 0;
    uint64_t pages = 0;       // 0: unused slot
    uint64_t first_page = 0;  // pool page index
    uint8_t max_rights = 0;   // what protect may set: read-write for an allocation, the offer's
    uint8_t payer = 0;        // the ClientId charged for every page of it

    uint64_t end() const { return va + pages * kPageSize; }
  };
  struct Client {
    ClientLock lock;
    std::atomic<uint64_t> badge{0};  // 0: unused; written with the lock held
    uint64_t quota_pages GUARDED_BY(lock) = 0;
    uint64_t next_va GUARDED_BY(lock) = mem::kArenaBase;  // where the next kAnywhere goes
    Region regions[kMaxRegions] GUARDED_BY(lock);
  };
  struct Offer {
    uint64_t id = 0;  // 0: unused
    ClientId from = 0;
    uint64_t to_badge = 0;
    uint64_t va = 0;  // in `from`
    uint64_t pages = 0;
    uint64_t first_page = 0;
    uint8_t rights = 0;
  };

  // Holds the locks of a set of clients, taken in increasing ClientId order (the order there is).
  // The set is chosen at run time, which the analysis cannot name: users assert each lock held.
  class ClientSet {
   public:
    ClientSet(MemoryService& s, uint32_t mask) NO_THREAD_SAFETY_ANALYSIS : s_(s), mask_(mask) {
      for (uint32_t m = mask; m != 0; m &= m - 1) s_.clients_[__builtin_ctz(m)].lock.lock();
    }
    ~ClientSet() NO_THREAD_SAFETY_ANALYSIS {
      for (uint32_t i = kMaxClients; i-- > 0;) {
        if (mask_ & (1u << i)) s_.clients_[i].lock.unlock();
      }
    }
    ClientSet(const ClientSet&) = delete;
    ClientSet& operator=(const ClientSet&) = delete;

   private:
    MemoryService& s_;
    const uint32_t mask_;
  };
  static constexpr uint32_t kAllClients = (kMaxClients == 32) ? ~0u : (1u << kMaxClients) - 1;

  // [address, +length) in pages, checked (kUnaligned, kInvalidArgument, kOverflow, kAccessDenied).
  static Status check_range(uint64_t address, uint64_t length);
  // Whether every page of [va, +pages) lies in some region of `c`.
  static bool covered(const Client& c, uint64_t va, uint64_t pages) REQUIRES(c.lock);
  static bool overlaps(const Client& c, uint64_t va, uint64_t pages) REQUIRES(c.lock);
  // The region holding all of [va, +pages), or kMaxRegions.
  static uint32_t region_holding(const Client& c, uint64_t va, uint64_t pages) REQUIRES(c.lock);
  static uint32_t free_region_slots(const Client& c) REQUIRES(c.lock);
  // `c`'s lock is held (its badge still `badge`): kAccessDenied if it ended meanwhile.
  static Status still_registered(const Client& c, uint64_t badge) REQUIRES(c.lock);
  // Unmaps [va, +pages) of region `r` of `c` (which contains it), drops the pages' mappings and
  // splits the region if needed (free() checked for a slot), cancels offers of those pages.
  Status release_part(ClientId id, Client& c, uint32_t r, uint64_t va, uint64_t pages)
      REQUIRES(c.lock);
  // The region's bookkeeping after the reverse map already forgot [va, +pages) of it.
  void cut_region(Client& c, uint32_t r, uint64_t va, uint64_t pages) REQUIRES(c.lock);
  // Everything the client maps, and every page it pays for in other clients (all clients held).
  void end_locked(ClientId id) NO_THREAD_SAFETY_ANALYSIS;
  // Cancels the offers `offerer` made of pool pages [first_page, +pages) (kAnyOfferer: anyone's).
  static constexpr ClientId kAnyOfferer = kMaxClients;
  void cancel_offers_of_pages(uint64_t first_page, uint64_t pages, ClientId offerer)
      EXCLUDES(offers_lock_);
  uint64_t phys_of(uint64_t page) const { return view_.first_phys + page * kPageSize; }
  void check_locked(MemoryCheckReport& report) NO_THREAD_SAFETY_ANALYSIS;

  MemoryClientSpaces& spaces_;
  ReverseMap<RmapLock>& rmap_;
  PoolAllocator& pool_;
  const PoolView view_;
  const uint64_t server_pages_;
  Client clients_[kMaxClients];
  sys::Mutex offers_lock_;
  Offer offers_[kMaxOffers] GUARDED_BY(offers_lock_);
  uint64_t offer_sequence_ GUARDED_BY(offers_lock_) = 0;
};
