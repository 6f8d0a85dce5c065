#include "servers/memsrv/memory_service.h"

#include "abi/portcullis/vm_op.h"
#include "base/assert.h"

namespace {

bool valid_rights(uint64_t rights) { return rights == kVmRead || rights == (kVmRead | kVmWrite); }

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
    if (clients_[i].badge == badge) return i;
  }
  return Status::kAccessDenied;
}

Result<ClientId> MemoryService::register_client(uint64_t badge, uint64_t quota_pages) {
  if (badge == 0 || badge == mem::kInitBadge) return Status::kInvalidArgument;
  if (const Result<ClientId> known = client_of(badge); known.is_ok()) {
    // A restarted program: its old address space gives everything back first.
    Client& c = clients_[known.value()];
    release_all(known.value(), c);
    spaces_.forget(known.value());
    c = Client{};
    c.badge = badge;
    c.quota_pages = quota_pages;
    return known.value();
  }
  for (ClientId i = 0; i < kMaxClients; ++i) {
    if (clients_[i].badge != 0) continue;
    clients_[i] = Client{};
    clients_[i].badge = badge;
    clients_[i].quota_pages = quota_pages;
    return i;
  }
  return Status::kNoSpace;
}

Result<uint64_t> MemoryService::client_ended(uint64_t badge) {
  const Result<ClientId> known = client_of(badge);
  if (known.is_error()) return Status::kNotFound;
  Client& c = clients_[known.value()];
  const uint64_t pages = c.used_pages;
  // Unmapped, not just forgotten: the space may still be held elsewhere, and then no page table
  // may keep pointing at frames the pool hands out again (the restart path does the same).
  release_all(known.value(), c);
  spaces_.forget(known.value());
  c = Client{};
  return pages;
}

bool MemoryService::covered(const Client& c, uint64_t va, uint64_t pages) {
  for (uint64_t p = 0; p < pages; ++p) {
    const uint64_t page_va = va + p * kPageSize;
    bool in = false;
    for (const Region& r : c.regions) {
      in = in || (r.pages != 0 && page_va >= r.va && page_va < r.va + r.pages * kPageSize);
    }
    if (!in) return false;
  }
  return true;
}

bool MemoryService::overlaps(const Client& c, uint64_t va, uint64_t pages) {
  const uint64_t end = va + pages * kPageSize;
  for (const Region& r : c.regions) {
    if (r.pages != 0 && va < r.va + r.pages * kPageSize && r.va < end) return true;
  }
  return false;
}

uint32_t MemoryService::free_region_slots(const Client& c) {
  uint32_t n = 0;
  for (const Region& r : c.regions) n += r.pages == 0 ? 1 : 0;
  return n;
}

Result<uint64_t> MemoryService::allocate(uint64_t badge, uint64_t length, uint64_t address,
                                         uint64_t rights) {
  const ClientId id = TRY(client_of(badge));
  Client& c = clients_[id];
  if (!valid_rights(rights)) return Status::kInvalidArgument;
  const uint64_t va = address == mem::kAnywhere ? c.next_va : address;
  TRY(check_range(va, length));
  const uint64_t pages = length / kPageSize;
  if (address == mem::kAnywhere && va + length > mem::kArenaBase + mem::kArenaBytes) {
    return Status::kNoSpace;
  }
  if (pages > UINT32_MAX || c.used_pages + pages > c.quota_pages) return Status::kNoSpace;
  if (overlaps(c, va, pages)) return Status::kAlreadyExists;
  uint32_t slot = kMaxRegions;
  for (uint32_t i = 0; i < kMaxRegions && slot == kMaxRegions; ++i) {
    if (c.regions[i].pages == 0) slot = i;
  }
  if (slot == kMaxRegions) return Status::kNoSpace;
  const uint64_t first = TRY(pool_.take(pages));
  // Zeroed before the client can see them: the pool holds whatever its last user left.
  __builtin_memset(view_.window + first * kPageSize, 0, pages * kPageSize);
  // Recorded and mapped as one run (one vm_batch operation); a refusal undoes both.
  const Status mapped =
      rmap_.map(id, va, phys_of(first), static_cast<uint32_t>(pages), static_cast<uint8_t>(rights));
  if (mapped != Status::kOk) {
    const Status back = pool_.give_back(first, pages);
    ASSERT(back == Status::kOk);
    return mapped;
  }
  c.regions[slot] = Region{va, pages, first};
  c.used_pages += pages;
  if (address == mem::kAnywhere) c.next_va = va + length;
  return va;
}

Status MemoryService::release_part(ClientId id, Client& c, uint32_t r, uint64_t va,
                                   uint64_t pages) {
  Region& region = c.regions[r];
  const uint64_t offset = (va - region.va) / kPageSize;
  const uint64_t first = region.first_page + offset;
  TRY(rmap_.unmap(id, va, phys_of(first), static_cast<uint32_t>(pages)));
  const Status back = pool_.give_back(first, pages);
  ASSERT(back == Status::kOk);
  c.used_pages -= pages;
  const Region old = region;
  const uint64_t tail_pages = old.pages - offset - pages;
  if (offset == 0) {
    region = Region{va + pages * kPageSize, tail_pages, first + pages};
    if (tail_pages == 0) region = Region{};
    return Status::kOk;
  }
  region.pages = offset;  // the head stays here
  if (tail_pages != 0) {
    for (Region& spare : c.regions) {
      if (spare.pages != 0) continue;
      spare = Region{va + pages * kPageSize, tail_pages, first + pages};
      return Status::kOk;
    }
    ASSERT(false);  // free() checked that a slot was spare
  }
  return Status::kOk;
}

Status MemoryService::free(uint64_t badge, uint64_t address, uint64_t length) {
  const ClientId id = TRY(client_of(badge));
  Client& c = clients_[id];
  TRY(check_range(address, length));
  const uint64_t pages = length / kPageSize;
  if (!covered(c, address, pages)) return Status::kNotFound;
  // A range strictly inside one allocation splits it in two: that needs a spare slot.
  const uint64_t end = address + length;
  for (const Region& r : c.regions) {
    if (r.pages != 0 && r.va < address && end < r.va + r.pages * kPageSize &&
        free_region_slots(c) == 0) {
      return Status::kNoSpace;
    }
  }
  // Each allocation the range touches, the part inside it. A split's new tail lies past `end`,
  // so the scan never meets it again.
  for (uint32_t i = 0; i < kMaxRegions; ++i) {
    const Region r = c.regions[i];
    if (r.pages == 0) continue;
    const uint64_t r_end = r.va + r.pages * kPageSize;
    const uint64_t from = r.va > address ? r.va : address;
    const uint64_t to = r_end < end ? r_end : end;
    if (from >= to) continue;
    TRY(release_part(id, c, i, from, (to - from) / kPageSize));
  }
  return Status::kOk;
}

Status MemoryService::protect(uint64_t badge, uint64_t address, uint64_t length, uint64_t rights) {
  const ClientId id = TRY(client_of(badge));
  const Client& c = clients_[id];
  if (!valid_rights(rights)) return Status::kInvalidArgument;
  TRY(check_range(address, length));
  const uint64_t pages = length / kPageSize;
  if (!covered(c, address, pages)) return Status::kNotFound;
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

void MemoryService::release_all(ClientId id, Client& c) {
  for (uint32_t i = 0; i < kMaxRegions; ++i) {
    if (c.regions[i].pages == 0) continue;
    const Status s = release_part(id, c, i, c.regions[i].va, c.regions[i].pages);
    ASSERT(s == Status::kOk);
  }
}

Result<MemoryServiceStats> MemoryService::stats(uint64_t badge) const {
  const ClientId id = TRY(client_of(badge));
  return MemoryServiceStats{pool_.free_pages(), pool_.total_pages(), clients_[id].used_pages};
}
