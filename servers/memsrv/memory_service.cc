#include "servers/memsrv/memory_service.h"

#include "abi/portcullis/vm_op.h"
#include "base/assert.h"

namespace {

bool valid_rights(uint64_t rights) { return rights == kVmRead || rights == (kVmRead | kVmWrite); }

// Frames reclaimed per ReverseMap::reclaim call (its array lives on the worker's stack).
constexpr uint32_t kReclaimChunk = 64;

}  // namespace

Status MemoryService::check_range(uint64_t address, uint64_t length) {
  if (length == 0) return Status::kInvalidArgument;
  if ((address | length) % kPageSize != 0) return Status::kUnaligned;
  if (address + length < address) return Status::kOverflow;
  if (address + length > kUserTop) return Status::kAccessDenied;
  return Status::kOk;
}

Result<ClientId> MemoryService::client_of(uint64_t badge) const {
  if (badge == 0 || badge == mem::kInitBadge) return Status::kAccessDenied;
  for (ClientId i = 0; i < kMaxClients; ++i) {
    if (clients_[i].badge.load(std::memory_order_acquire) == badge) return i;
  }
  return Status::kAccessDenied;
}

uint32_t MemoryService::client_count() const {
  uint32_t n = 0;
  for (ClientId i = 0; i < kMaxClients; ++i) {
    if (clients_[i].badge.load(std::memory_order_acquire) != 0) ++n;
  }
  return n;
}

Status MemoryService::still_registered(const Client& c, uint64_t badge) {
  return c.badge.load(std::memory_order_relaxed) == badge ? Status::kOk : Status::kAccessDenied;
}

Result<ClientId> MemoryService::register_client(uint64_t badge, uint64_t quota_pages) {
  if (badge == 0 || badge == mem::kInitBadge) return Status::kInvalidArgument;
  ClientSet all(*this, kAllClients);
  ClientId id = kMaxClients;
  if (const Result<ClientId> known = client_of(badge); known.is_ok()) {
    // A restarted program: its old address space gives everything back first.
    id = known.value();
    end_locked(id);
  } else {
    for (ClientId i = 0; i < kMaxClients && id == kMaxClients; ++i) {
      if (clients_[i].badge.load(std::memory_order_relaxed) == 0) id = i;
    }
    if (id == kMaxClients) return Status::kNoSpace;
  }
  Client& c = clients_[id];
  c.lock.assert_held();
  c.quota_pages = quota_pages;
  c.next_va = mem::kArenaBase;
  for (Region& r : c.regions) r = Region{};
  c.badge.store(badge, std::memory_order_release);
  return id;
}

Result<uint64_t> MemoryService::client_ended(uint64_t badge) {
  ClientSet all(*this, kAllClients);
  const Result<ClientId> known = client_of(badge);
  if (known.is_error()) return Status::kNotFound;
  const uint64_t pages = pool_.charged(known.value());
  end_locked(known.value());
  return pages;
}

void MemoryService::end_locked(ClientId id) {
  // Unmapped, not just forgotten: the space may still be held elsewhere, and then no page table
  // may keep pointing at frames the pool hands out again (the restart path does the same).
  // Pages it pays for leave every other client first (a region has one payer: whole regions go),
  // then its own regions go.
  for (ClientId k = 0; k < kMaxClients; ++k) {
    Client& other = clients_[k];
    if (k == id || other.badge.load(std::memory_order_relaxed) == 0) continue;
    for (uint32_t r = 0; r < kMaxRegions; ++r) {
      const Region region = other.regions[r];
      if (region.pages == 0 || region.payer != id) continue;
      const Status s = release_part(k, other, r, region.va, region.pages);
      ASSERT(s == Status::kOk);
    }
  }
  Client& c = clients_[id];
  for (uint32_t r = 0; r < kMaxRegions; ++r) {
    const Region region = c.regions[r];
    if (region.pages == 0) continue;
    const Status s = release_part(id, c, r, region.va, region.pages);
    ASSERT(s == Status::kOk);
  }
  ASSERT(pool_.charged(id) == 0);
  {
    sys::MutexGuard g(offers_lock_);
    const uint64_t badge = c.badge.load(std::memory_order_relaxed);
    for (Offer& o : offers_) {
      if (o.id != 0 && (o.from == id || o.to_badge == badge)) o = Offer{};
    }
  }
  spaces_.forget(id);
  c.badge.store(0, std::memory_order_release);
  c.quota_pages = 0;
  c.next_va = mem::kArenaBase;
}

bool MemoryService::covered(const Client& c, uint64_t va, uint64_t pages) {
  // A client's regions never overlap, so the range is covered exactly when its overlaps with them
  // add up to all of it: a few instructions a region, however long the range, and done at the
  // region that completes it (for most requests the first one that overlaps).
  const uint64_t end = va + pages * kPageSize;
  const uint64_t length = pages * kPageSize;
  uint64_t inside = 0;
  for (const Region& r : c.regions) {
    if (r.pages == 0) continue;
    const uint64_t from = r.va > va ? r.va : va;
    const uint64_t to = r.end() < end ? r.end() : end;
    if (from >= to) continue;
    inside += to - from;
    if (inside == length) return true;
  }
  return false;
}

bool MemoryService::overlaps(const Client& c, uint64_t va, uint64_t pages) {
  const uint64_t end = va + pages * kPageSize;
  for (const Region& r : c.regions) {
    if (r.pages != 0 && va < r.end() && r.va < end) return true;
  }
  return false;
}

uint32_t MemoryService::region_holding(const Client& c, uint64_t va, uint64_t pages) {
  for (uint32_t i = 0; i < kMaxRegions; ++i) {
    const Region& r = c.regions[i];
    if (r.pages != 0 && va >= r.va && va + pages * kPageSize <= r.end()) return i;
  }
  return kMaxRegions;
}

uint32_t MemoryService::free_region_slots(const Client& c) {
  uint32_t n = 0;
  for (const Region& r : c.regions) n += r.pages == 0 ? 1 : 0;
  return n;
}

Result<uint64_t> MemoryService::allocate(uint64_t badge, uint64_t length, uint64_t address,
                                         uint64_t rights) {
  const ClientId id = TRY(client_of(badge));
  ClientSet held(*this, 1u << id);
  Client& c = clients_[id];
  c.lock.assert_held();
  TRY(still_registered(c, badge));
  if (!valid_rights(rights)) return Status::kInvalidArgument;
  const uint64_t va = address == mem::kAnywhere ? c.next_va : address;
  TRY(check_range(va, length));
  const uint64_t pages = length / kPageSize;
  if (address == mem::kAnywhere && va + length > mem::kArenaBase + mem::kArenaBytes) {
    return Status::kNoSpace;
  }
  if (pages > UINT32_MAX) return Status::kNoSpace;
  if (overlaps(c, va, pages)) return Status::kAlreadyExists;
  uint32_t slot = kMaxRegions;
  for (uint32_t i = 0; i < kMaxRegions && slot == kMaxRegions; ++i) {
    if (c.regions[i].pages == 0) slot = i;
  }
  if (slot == kMaxRegions) return Status::kNoSpace;
  const uint64_t first = TRY(pool_.take_for(id, pages, c.quota_pages));
  // Zeroed before the client can see them: the pool holds whatever its last user left.
  __builtin_memset(view_.window + first * kPageSize, 0, pages * kPageSize);
  // Recorded and mapped as one run (one vm_batch operation); a refusal undoes both.
  const Status mapped =
      rmap_.map(id, va, phys_of(first), static_cast<uint32_t>(pages), static_cast<uint8_t>(rights));
  if (mapped != Status::kOk) {
    const uint64_t back = pool_.drop_mappings(first, pages);
    ASSERT(back == pages);
    return mapped;
  }
  c.regions[slot] = Region{va, pages, first, kVmRead | kVmWrite, static_cast<uint8_t>(id)};
  if (address == mem::kAnywhere) c.next_va = va + length;
  return va;
}

void MemoryService::cut_region(Client& c, uint32_t r, uint64_t va, uint64_t pages) {
  Region& region = c.regions[r];
  const Region old = region;
  const uint64_t offset = (va - old.va) / kPageSize;
  const uint64_t first = old.first_page + offset;
  const uint64_t tail_pages = old.pages - offset - pages;
  Region tail = old;
  tail.va = va + pages * kPageSize;
  tail.pages = tail_pages;
  tail.first_page = first + pages;
  if (offset == 0) {
    region = tail_pages == 0 ? Region{} : tail;
    return;
  }
  region.pages = offset;  // the head stays here
  if (tail_pages == 0) return;
  for (Region& spare : c.regions) {
    if (spare.pages != 0) continue;
    spare = tail;
    return;
  }
  ASSERT(false);  // callers checked that a slot was spare
}

Status MemoryService::release_part(ClientId id, Client& c, uint32_t r, uint64_t va,
                                   uint64_t pages) {
  const Region region = c.regions[r];
  const uint64_t first = region.first_page + (va - region.va) / kPageSize;
  TRY(rmap_.unmap(id, va, phys_of(first), static_cast<uint32_t>(pages)));
  cut_region(c, r, va, pages);
  // An offer of pages the offerer no longer maps is gone: accepting it later must not reach
  // whatever the frames hold next. Other clients' offers of the same frames stay: they still map
  // them (a receiver's free leaves the owner's offers to others alone).
  cancel_offers_of_pages(first, pages, id);
  (void)pool_.drop_mappings(first, pages);
  return Status::kOk;
}

void MemoryService::cancel_offers_of_pages(uint64_t first_page, uint64_t pages, ClientId offerer) {
  sys::MutexGuard g(offers_lock_);
  for (Offer& o : offers_) {
    if (o.id != 0 && (offerer == kAnyOfferer || o.from == offerer) &&
        o.first_page < first_page + pages && first_page < o.first_page + o.pages) {
      o = Offer{};
    }
  }
}

Status MemoryService::free(uint64_t badge, uint64_t address, uint64_t length) {
  const ClientId id = TRY(client_of(badge));
  ClientSet held(*this, 1u << id);
  Client& c = clients_[id];
  c.lock.assert_held();
  TRY(still_registered(c, badge));
  TRY(check_range(address, length));
  const uint64_t pages = length / kPageSize;
  if (!covered(c, address, pages)) return Status::kNotFound;
  // A range strictly inside one region splits it in two: that needs a spare slot.
  const uint64_t end = address + length;
  for (const Region& r : c.regions) {
    if (r.pages != 0 && r.va < address && end < r.end() && free_region_slots(c) == 0) {
      return Status::kNoSpace;
    }
  }
  // Each region the range touches, the part inside it. A split's new tail lies past `end`, so the
  // scan never meets it again.
  for (uint32_t i = 0; i < kMaxRegions; ++i) {
    const Region r = c.regions[i];
    if (r.pages == 0) continue;
    const uint64_t from = r.va > address ? r.va : address;
    const uint64_t to = r.end() < end ? r.end() : end;
    if (from >= to) continue;
    TRY(release_part(id, c, i, from, (to - from) / kPageSize));
  }
  return Status::kOk;
}

Status MemoryService::protect(uint64_t badge, uint64_t address, uint64_t length, uint64_t rights) {
  const ClientId id = TRY(client_of(badge));
  ClientSet held(*this, 1u << id);
  const Client& c = clients_[id];
  c.lock.assert_held();
  TRY(still_registered(c, badge));
  if (!valid_rights(rights)) return Status::kInvalidArgument;
  TRY(check_range(address, length));
  const uint64_t pages = length / kPageSize;
  if (!covered(c, address, pages)) return Status::kNotFound;
  // A shared-in region never gets more than its offer gave.
  const uint64_t end = address + length;
  for (const Region& r : c.regions) {
    if (r.pages != 0 && address < r.end() && r.va < end && (rights & ~r.max_rights) != 0) {
      return Status::kAccessDenied;
    }
  }
  // Every page is the client's and mapped from the pool, whose capability allows read-write: the
  // kernel has nothing left to refuse, so one batch (or a few, for a huge range) does it all.
  struct Sink final : VmBatchSink {
    Sink(ClientSpaces& s, ClientId i) : spaces(s), id(i) {}
    Status submit_batch(const VmOp* ops, uint32_t count) override {
      return spaces.submit_batch(id, ops, count);
    }
    ClientSpaces& spaces;
    ClientId id;
  } sink(spaces_, id);
  VmBatchBuilder batch(sink, rmap_.config().batch_limits);  // the same batching as map and unmap
  for (uint64_t done = 0; done < pages;) {
    const uint64_t step = pages - done > (1u << 20) ? (1u << 20) : pages - done;
    TRY(batch.protect(address + done * kPageSize, static_cast<uint32_t>(step),
                      static_cast<uint8_t>(rights)));
    done += step;
  }
  return batch.finish();
}

Result<MemoryServiceStats> MemoryService::stats(uint64_t badge) const {
  const ClientId id = TRY(client_of(badge));
  return MemoryServiceStats{pool_.free_pages(), pool_.total_pages(), pool_.charged(id)};
}

Result<uint64_t> MemoryService::who_am_i(uint64_t badge) const {
  TRY(client_of(badge));
  return badge;
}

Result<uint64_t> MemoryService::share_offer(uint64_t badge, uint64_t address, uint64_t length,
                                            uint64_t rights, uint64_t to_badge) {
  const ClientId id = TRY(client_of(badge));
  ClientSet held(*this, 1u << id);
  const Client& c = clients_[id];
  c.lock.assert_held();
  TRY(still_registered(c, badge));
  if (!valid_rights(rights)) return Status::kInvalidArgument;
  TRY(check_range(address, length));
  if (to_badge == badge) return Status::kInvalidArgument;
  if (client_of(to_badge).is_error()) return Status::kNotFound;
  const uint64_t pages = length / kPageSize;
  if (!covered(c, address, pages)) return Status::kNotFound;
  const uint32_t r = region_holding(c, address, pages);
  if (r == kMaxRegions) return Status::kInvalidArgument;  // frames of one run only
  const Region& region = c.regions[r];
  if ((rights & ~region.max_rights) != 0) return Status::kAccessDenied;
  sys::MutexGuard g(offers_lock_);
  for (uint32_t slot = 0; slot < kMaxOffers; ++slot) {
    Offer& o = offers_[slot];
    if (o.id != 0) continue;
    // The slot in the low bits finds it; the sequence above makes a used-up id stale for good.
    o = Offer{(++offer_sequence_ << 8) | slot,
              id,
              to_badge,
              address,
              pages,
              region.first_page + (address - region.va) / kPageSize,
              static_cast<uint8_t>(rights)};
    return o.id;
  }
  return Status::kNoSpace;
}

Status MemoryService::share_cancel(uint64_t badge, uint64_t offer_id) {
  const ClientId id = TRY(client_of(badge));
  ClientSet held(*this, 1u << id);
  clients_[id].lock.assert_held();
  TRY(still_registered(clients_[id], badge));
  sys::MutexGuard g(offers_lock_);
  Offer& o = offers_[offer_id & 0xFF & (kMaxOffers - 1)];
  if (offer_id == 0 || o.id != offer_id || o.from != id) return Status::kNotFound;
  o = Offer{};
  return Status::kOk;
}

Result<uint64_t> MemoryService::share_accept(uint64_t badge, uint64_t offer_id, uint64_t address) {
  const ClientId me = TRY(client_of(badge));
  static_assert((kMaxOffers & (kMaxOffers - 1)) == 0);
  const uint32_t slot = static_cast<uint32_t>(offer_id & 0xFF);
  if (offer_id == 0 || slot >= kMaxOffers) return Status::kNotFound;
  ClientId from = 0;
  {
    sys::MutexGuard g(offers_lock_);
    const Offer& o = offers_[slot];
    if (o.id != offer_id) return Status::kNotFound;
    if (o.to_badge != badge) return Status::kAccessDenied;
    from = o.from;
  }
  ClientSet held(*this, (1u << me) | (1u << from));
  Client& c = clients_[me];
  const Client& giver = clients_[from];
  c.lock.assert_held();
  giver.lock.assert_held();
  TRY(still_registered(c, badge));
  // With both clients held the offer can only have gone (its pages freed, the offerer ended, a
  // cancel before we got here); nobody else may accept it.
  Offer offer;
  {
    sys::MutexGuard g(offers_lock_);
    offer = offers_[slot];
  }
  if (offer.id != offer_id || offer.from != from) return Status::kNotFound;
  const uint32_t gr = region_holding(giver, offer.va, offer.pages);
  if (gr == kMaxRegions ||
      giver.regions[gr].first_page + (offer.va - giver.regions[gr].va) / kPageSize !=
          offer.first_page) {
    return Status::kNotFound;
  }
  const uint64_t length = offer.pages * kPageSize;
  const uint64_t va = address == mem::kAnywhere ? c.next_va : address;
  TRY(check_range(va, length));
  if (address == mem::kAnywhere && va + length > mem::kArenaBase + mem::kArenaBytes) {
    return Status::kNoSpace;
  }
  if (overlaps(c, va, offer.pages)) return Status::kAlreadyExists;
  uint32_t free_slot = kMaxRegions;
  for (uint32_t i = 0; i < kMaxRegions && free_slot == kMaxRegions; ++i) {
    if (c.regions[i].pages == 0) free_slot = i;
  }
  if (free_slot == kMaxRegions) return Status::kNoSpace;
  TRY(pool_.add_mappings(offer.first_page, offer.pages));
  const Status shared = rmap_.share(from, offer.va, phys_of(offer.first_page),
                                    static_cast<uint32_t>(offer.pages), me, va, offer.rights);
  if (shared != Status::kOk) {
    (void)pool_.drop_mappings(offer.first_page, offer.pages);  // back to what they were
    return shared;
  }
  c.regions[free_slot] =
      Region{va, offer.pages, offer.first_page, offer.rights, giver.regions[gr].payer};
  if (address == mem::kAnywhere) c.next_va = va + length;
  {
    sys::MutexGuard g(offers_lock_);
    offers_[slot] = Offer{};  // used up
  }
  return va;
}

Result<uint64_t> MemoryService::frame_of(uint64_t badge, uint64_t address) {
  const ClientId id = TRY(client_of(badge));
  ClientSet held(*this, 1u << id);
  const Client& c = clients_[id];
  c.lock.assert_held();
  TRY(still_registered(c, badge));
  if (address % kPageSize != 0) return Status::kUnaligned;
  const uint32_t r = region_holding(c, address, 1);
  if (r == kMaxRegions) return Status::kNotFound;
  return phys_of(c.regions[r].first_page + (address - c.regions[r].va) / kPageSize);
}

Result<uint64_t> MemoryService::reclaim(uint64_t badge, uint64_t address, uint64_t length) {
  const ClientId id = TRY(client_of(badge));
  ClientSet all(*this, kAllClients);
  Client& c = clients_[id];
  c.lock.assert_held();
  TRY(still_registered(c, badge));
  TRY(check_range(address, length));
  const uint64_t pages = length / kPageSize;
  if (!covered(c, address, pages)) return Status::kNotFound;
  const uint32_t r = region_holding(c, address, pages);
  if (r == kMaxRegions) return Status::kInvalidArgument;
  if (c.regions[r].payer != id) return Status::kAccessDenied;  // only the payer takes pages back
  const uint64_t first = c.regions[r].first_page + (address - c.regions[r].va) / kPageSize;
  const uint64_t last = first + pages;  // one past

  // Every mapping of the frames, one batch per client per chunk of frames.
  uint64_t removed = 0;
  for (uint64_t done = 0; done < pages;) {
    uint64_t frames[kReclaimChunk];
    const uint32_t n =
        pages - done > kReclaimChunk ? kReclaimChunk : static_cast<uint32_t>(pages - done);
    for (uint32_t i = 0; i < n; ++i) frames[i] = phys_of(first + done + i);
    const Result<uint32_t> got = rmap_.reclaim(frames, n);
    ASSERT(got.is_ok());  // unmapping what memsrv mapped cannot be refused
    removed += got.value();
    done += n;
  }
  cancel_offers_of_pages(first, pages, kAnyOfferer);
  // Each client's regions lose those pages. A region the cut would split, in a client with no
  // spare slot, loses the rest of its pages too: they are all this payer's (one payer a region).
  for (ClientId k = 0; k < kMaxClients; ++k) {
    Client& other = clients_[k];
    other.lock.assert_held();
    if (other.badge.load(std::memory_order_relaxed) == 0) continue;
    for (uint32_t i = 0; i < kMaxRegions; ++i) {
      const Region region = other.regions[i];
      if (region.pages == 0) continue;
      const uint64_t from = region.first_page > first ? region.first_page : first;
      const uint64_t region_last = region.first_page + region.pages;
      const uint64_t to = region_last < last ? region_last : last;
      if (from >= to) continue;
      ASSERT(region.payer == id);
      const uint64_t cut_va = region.va + (from - region.first_page) * kPageSize;
      const bool splits = from > region.first_page && to < region_last;
      if (splits && free_region_slots(other) == 0) {
        // The tail is still mapped: it goes, then the head alone stays in the slot.
        const uint64_t tail_va = cut_va + (to - from) * kPageSize;
        const uint64_t tail_pages = region_last - to;
        const Status s = rmap_.unmap(k, tail_va, phys_of(to), static_cast<uint32_t>(tail_pages));
        ASSERT(s == Status::kOk);
        cut_region(other, i, cut_va, region_last - from);
        cancel_offers_of_pages(to, tail_pages, k);
        (void)pool_.drop_mappings(to, tail_pages);
      } else {
        cut_region(other, i, cut_va, to - from);
      }
      (void)pool_.drop_mappings(from, to - from);
    }
  }
  return removed;
}

Result<MemoryCheckReport> MemoryService::check(uint64_t badge) {
  if (badge != mem::kInitBadge) TRY(client_of(badge));
  ClientSet all(*this, kAllClients);
  MemoryCheckReport report;
  check_locked(report);
  return report;
}

void MemoryService::check_locked(MemoryCheckReport& report) {
  auto fail = [&](uint64_t what, uint64_t where) {
    if (report.failed == MemoryCheckReport::kNone) {
      report.failed = what;
      report.where = where;
    }
  };
  const uint64_t total = pool_.total_pages();
  // 1. The pool: each page free, memsrv's own, or a client page with mappings; the counts add up,
  // and what each payer is charged is what it pays for.
  uint64_t client_pages = 0;
  uint64_t charged[kMaxClients] = {};
  for (uint64_t p = 0; p < total; ++p) {
    const PoolAllocator::PageUse use = pool_.use(p);
    const bool is_free = pool_.is_free(p);
    if (use.mappings != 0) {
      ++client_pages;
      if (is_free || use.payer >= kMaxClients) {
        fail(MemoryCheckReport::kPoolPage, p);
      } else {
        ++charged[use.payer];
      }
    }
    ++report.pages_checked;
  }
  if (pool_.free_pages() + server_pages_ + client_pages != total) {
    fail(MemoryCheckReport::kPoolCount, pool_.free_pages());
  }
  for (ClientId k = 0; k < kMaxClients; ++k) {
    if (charged[k] != pool_.charged(k)) fail(MemoryCheckReport::kPayer, k);
    if (charged[k] != 0 && clients_[k].badge.load(std::memory_order_relaxed) == 0) {
      fail(MemoryCheckReport::kPayer, k);
    }
  }
  // 2. Each client page: the reverse map has it, the page tables map that frame with rights the
  // region allows, the payer agrees; and each pool page's count is the regions that map it.
  uint64_t region_pages = 0;
  for (ClientId k = 0; k < kMaxClients; ++k) {
    const Client& c = clients_[k];
    if (c.badge.load(std::memory_order_relaxed) == 0) continue;
    for (const Region& r : c.regions) {
      if (r.pages == 0) continue;
      region_pages += r.pages;
      for (uint64_t done = 0; done < r.pages;) {
        VmLookupEntry seen[64];
        const uint32_t n = r.pages - done > 64 ? 64 : static_cast<uint32_t>(r.pages - done);
        const uint64_t va = r.va + done * kPageSize;
        const Status looked = spaces_.lookup(k, va, n, seen);
        for (uint32_t i = 0; i < n; ++i) {
          const uint64_t page = r.first_page + done + i;
          const uint64_t page_va = va + i * kPageSize;
          const uint64_t frame = phys_of(page);
          ++report.mappings_checked;
          if (!rmap_.contains(frame, k, page_va)) fail(MemoryCheckReport::kRmapEntry, page_va);
          if (looked != Status::kOk || seen[i].frame != frame || (seen[i].rights & kVmRead) == 0 ||
              (seen[i].rights & ~r.max_rights) != 0) {
            fail(MemoryCheckReport::kPageTable, page_va);
          }
          const PoolAllocator::PageUse use = pool_.use(page);
          if (use.payer != r.payer) fail(MemoryCheckReport::kPayer, page);
        }
        done += n;
      }
    }
  }
  for (uint64_t p = 0; p < total; ++p) {
    const uint64_t mappings = pool_.use(p).mappings;
    uint64_t in_regions = 0;
    for (const Client& c : clients_) {
      if (c.badge.load(std::memory_order_relaxed) == 0) continue;
      for (const Region& r : c.regions) {
        in_regions += (r.pages != 0 && p >= r.first_page && p < r.first_page + r.pages) ? 1 : 0;
      }
    }
    if (mappings != in_regions) fail(MemoryCheckReport::kMappingCount, p);
    if (mappings == 0) continue;
    uint64_t in_rmap = 0;
    rmap_.walk(phys_of(p), [&](ClientId, uint64_t) { ++in_rmap; });
    if (mappings != in_rmap) fail(MemoryCheckReport::kRmapCount, p);
  }
  if (rmap_.mapping_count() != region_pages) {
    fail(MemoryCheckReport::kRmapTotal, rmap_.mapping_count());
  }
}
