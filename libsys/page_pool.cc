#include "libsys/page_pool.h"

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/vm_op.h"
#include "base/assert.h"
#include "libsys/mutex.h"
#include "libsys/syscall_stubs.h"

namespace sys {
namespace {

struct PagePool {
  Mutex lock;
  bool probed GUARDED_BY(lock) = false;
  uint64_t first_frame GUARDED_BY(lock) = 0;  // physical address of the capability's first frame
  size_t frame_count GUARDED_BY(lock) = 0;
  uint64_t used GUARDED_BY(lock) = 0;  // bit i: frame i is part of a run handed out
};
constinit PagePool g_pool;

uint64_t run_bits(size_t first, size_t count) {
  const uint64_t ones = count == 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1;
  return ones << first;
}

// What the capability holds, once: frames not known are no frames.
void probe_locked(PagePool& pool) REQUIRES(pool.lock) {
  if (pool.probed) return;
  pool.probed = true;
  CapIdentity frames;
  if (sys_cap_identify(kSlotInitialFrames, &frames).status != Status::kOk) return;
  if (frames.type != static_cast<uint32_t>(CapabilityType::kFrames)) return;
  pool.first_frame = frames.base * kPageSize;
  pool.frame_count = frames.count < kPagePoolMaxPages ? frames.count : kPagePoolMaxPages;
}

}  // namespace

Result<void*> allocate_pages(size_t pages, size_t guard_pages) {
  if (pages == 0) return Status::kInvalidArgument;
  const size_t run = pages + guard_pages;
  MutexGuard guard(g_pool.lock);
  probe_locked(g_pool);
  if (run > g_pool.frame_count) return Status::kNoMemory;
  for (size_t first = 0; first + run <= g_pool.frame_count; ++first) {
    if ((g_pool.used & run_bits(first, run)) != 0) continue;
    const size_t mapped = first + guard_pages;
    const VmOp map[] = {vm_map_op(kPagePoolBase + mapped * kPageSize,
                                  g_pool.first_frame + mapped * kPageSize,
                                  static_cast<uint32_t>(pages), kVmRead | kVmWrite)};
    const Status s = sys_vm_batch(kSlotSelfAddressSpace, kSlotInitialFrames, map, 1).status;
    if (s != Status::kOk) return s;
    g_pool.used |= run_bits(first, run);
    return reinterpret_cast<void*>(kPagePoolBase + mapped * kPageSize);
  }
  return Status::kNoMemory;
}

void free_pages(void* first, size_t pages, size_t guard_pages) {
  const auto address = reinterpret_cast<uint64_t>(first);
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

size_t free_page_count() {
  MutexGuard guard(g_pool.lock);
  probe_locked(g_pool);
  return g_pool.frame_count - static_cast<size_t>(__builtin_popcountll(g_pool.used));
}

}  // namespace sys
