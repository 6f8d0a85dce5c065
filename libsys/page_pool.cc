#include "libsys/page_pool.h"

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/vm_op.h"
#include "base/assert.h"
#include "libsys/mem_client.h"
#include "libsys/mutex.h"
#include "libsys/syscall_stubs.h"

namespace sys {
namespace {

enum class Source : uint8_t { kUnknown, kInitialFrames, kMemoryServer };

struct PagePool {
  Mutex lock;
  Source source GUARDED_BY(lock) = Source::kUnknown;
  // kInitialFrames: the capability's frames; bit i of `used`: frame i is part of a run handed out.
  uint64_t first_frame GUARDED_BY(lock) = 0;  // physical address of the capability's first frame
  size_t frame_count GUARDED_BY(lock) = 0;
  uint64_t used GUARDED_BY(lock) = 0;
  // kMemoryServer: bit i: stack window slot i is part of a span handed out.
  uint64_t stack_slots_used GUARDED_BY(lock) = 0;
};
constinit PagePool g_pool;

uint64_t run_bits(size_t first, size_t count) {
  const uint64_t ones = count == 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1;
  return ones << first;
}

// The first `count` clear bits in a row among the low `limit` bits of `used`, or `limit`.
size_t find_clear_run(uint64_t used, size_t count, size_t limit) {
  for (size_t first = 0; first + count <= limit; ++first) {
    if ((used & run_bits(first, count)) == 0) return first;
  }
  return limit;
}

// Where the pages come from, once: the memory server if the program holds its endpoint in the
// well-known slot, else the initial Frames capability (frames not known are no frames).
Source source_locked(PagePool& pool) REQUIRES(pool.lock) {
  if (pool.source != Source::kUnknown) return pool.source;
  CapIdentity id;
  if (sys_cap_identify(kSlotMemoryServer, &id).status == Status::kOk &&
      id.type == static_cast<uint32_t>(CapabilityType::kEndpoint)) {
    pool.source = Source::kMemoryServer;
    return pool.source;
  }
  pool.source = Source::kInitialFrames;
  if (sys_cap_identify(kSlotInitialFrames, &id).status != Status::kOk) return pool.source;
  if (id.type != static_cast<uint32_t>(CapabilityType::kFrames)) return pool.source;
  pool.first_frame = id.base * kPageSize;
  pool.frame_count = id.count < kPagePoolMaxPages ? id.count : kPagePoolMaxPages;
  return pool.source;
}

Source source() {
  MutexGuard guard(g_pool.lock);
  return source_locked(g_pool);
}

Result<void*> allocate_frames(size_t pages, size_t guard_pages) {
  const size_t run = pages + guard_pages;
  MutexGuard guard(g_pool.lock);
  if (run > g_pool.frame_count) return Status::kNoMemory;
  const size_t first = find_clear_run(g_pool.used, run, g_pool.frame_count);
  if (first == g_pool.frame_count) return Status::kNoMemory;
  const size_t mapped = first + guard_pages;
  const VmOp map[] = {vm_map_op(kPagePoolBase + mapped * kPageSize,
                                g_pool.first_frame + mapped * kPageSize,
                                static_cast<uint32_t>(pages), kVmRead | kVmWrite)};
  const Status s = sys_vm_batch(kSlotSelfAddressSpace, kSlotInitialFrames, map, 1).status;
  if (s != Status::kOk) return s;
  g_pool.used |= run_bits(first, run);
  return reinterpret_cast<void*>(kPagePoolBase + mapped * kPageSize);
}

void free_frames(uint64_t address, size_t pages, size_t guard_pages) {
  ASSERT(address >= kPagePoolBase && address % kPageSize == 0 && pages != 0);
  const size_t mapped = (address - kPagePoolBase) / kPageSize;
  ASSERT(mapped >= guard_pages);
  const size_t run_first = mapped - guard_pages;
  MutexGuard guard(g_pool.lock);
  ASSERT(run_first + pages + guard_pages <= g_pool.frame_count);
  const uint64_t bits = run_bits(run_first, pages + guard_pages);
  ASSERT((g_pool.used & bits) == bits);  // a double free or a wrong count
  const VmOp unmap[] = {vm_unmap_op(address, static_cast<uint32_t>(pages))};
  const Status s = sys_vm_batch(kSlotSelfAddressSpace, kCapSlotNone, unmap, 1).status;
  ASSERT(s == Status::kOk);  // the pool mapped exactly these pages
  g_pool.used &= ~bits;
}

// The window slots a stack of `pages` with `guard_pages` below takes.
size_t stack_slots(size_t pages, size_t guard_pages) {
  return (pages + guard_pages + kStackWindowSlotPages - 1) / kStackWindowSlotPages;
}

// Memory-server pages. A stack's span of window slots is reserved under the lock; the request to
// memsrv is made outside it (another thread's request need not wait for this one's).
Result<void*> allocate_from_server(size_t pages, size_t guard_pages) {
  if (pages > (uint64_t{1} << 40) / kPageSize) return Status::kNoMemory;  // more than the arena
  const uint64_t bytes = pages * kPageSize;
  if (guard_pages == 0) {
    const Result<uint64_t> at = mem::allocate(kSlotMemoryServer, bytes);
    if (at.is_error()) return at.status();
    return reinterpret_cast<void*>(at.value());
  }
  if (guard_pages > kStackWindowSlots * kStackWindowSlotPages) return Status::kNoMemory;
  const size_t slots = stack_slots(pages, guard_pages);
  if (slots > kStackWindowSlots) return Status::kNoMemory;
  size_t first;
  {
    MutexGuard guard(g_pool.lock);
    first = find_clear_run(g_pool.stack_slots_used, slots, kStackWindowSlots);
    if (first == kStackWindowSlots) return Status::kNoMemory;
    g_pool.stack_slots_used |= run_bits(first, slots);
  }
  const uint64_t top = kStackWindowBase + (first + slots) * kStackWindowSlotPages * kPageSize;
  const Result<uint64_t> at = mem::allocate(kSlotMemoryServer, bytes, top - bytes);
  if (at.is_error()) {
    MutexGuard guard(g_pool.lock);
    g_pool.stack_slots_used &= ~run_bits(first, slots);
    return at.status();
  }
  return reinterpret_cast<void*>(at.value());
}

void free_to_server(uint64_t address, size_t pages, size_t guard_pages) {
  ASSERT(address % kPageSize == 0 && pages != 0);
  const Status s = mem::free(kSlotMemoryServer, address, pages * kPageSize);
  ASSERT(s == Status::kOk);  // memsrv gave exactly these pages
  if (guard_pages == 0) return;
  const uint64_t top = address + pages * kPageSize;
  const uint64_t slot_bytes = kStackWindowSlotPages * kPageSize;
  ASSERT(top > kStackWindowBase && (top - kStackWindowBase) % slot_bytes == 0);
  const size_t slots = stack_slots(pages, guard_pages);
  const size_t end = (top - kStackWindowBase) / slot_bytes;
  ASSERT(end >= slots && end <= kStackWindowSlots);
  const uint64_t bits = run_bits(end - slots, slots);
  MutexGuard guard(g_pool.lock);
  ASSERT((g_pool.stack_slots_used & bits) == bits);  // a double free or a wrong count
  g_pool.stack_slots_used &= ~bits;
}

}  // namespace

bool pages_from_memory_server() { return source() == Source::kMemoryServer; }

Result<void*> allocate_pages(size_t pages, size_t guard_pages) {
  if (pages == 0) return Status::kInvalidArgument;
  if (source() == Source::kMemoryServer) return allocate_from_server(pages, guard_pages);
  return allocate_frames(pages, guard_pages);
}

void free_pages(void* first, size_t pages, size_t guard_pages) {
  const auto address = reinterpret_cast<uint64_t>(first);
  if (source() == Source::kMemoryServer) return free_to_server(address, pages, guard_pages);
  free_frames(address, pages, guard_pages);
}

size_t free_page_count() {
  MutexGuard guard(g_pool.lock);
  source_locked(g_pool);
  return g_pool.frame_count - static_cast<size_t>(__builtin_popcountll(g_pool.used));
}

}  // namespace sys
