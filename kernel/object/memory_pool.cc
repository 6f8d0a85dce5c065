#include "kernel/object/memory_pool.h"

#include <new>

#include "abi/portcullis/page.h"
#include "kernel/lib/spin_lock.h"
#include "kernel/mm/kernel_memory.h"

namespace {

SpinLock g_pool_lock{LockClass::kMemoryPool};
// The one pool, referenced here for the rest of the boot: it is never freed.
MemoryPool* g_pool GUARDED_BY(g_pool_lock) = nullptr;

}  // namespace

Result<RefPtr<MemoryPool>> MemoryPool::set_aside(uint64_t pages) {
  {
    SpinGuard guard(g_pool_lock);
    if (g_pool != nullptr) return RefPtr<MemoryPool>::wrap(g_pool);
  }
  if (pages == 0) return Status::kInvalidArgument;
  // Not zeroed here: the memory server zeroes each frame before it maps it for a client.
  const uint64_t phys = TRY(kernel_frames().alloc_contiguous(pages, 1));
  // Its first reference is the boot's, never dropped.
  auto* pool = new (std::nothrow) MemoryPool(phys >> kPageShift, pages);
  if (pool == nullptr) {
    const Status freed = kernel_frames().free_contiguous(phys, pages);
    ASSERT(freed == Status::kOk);
    return Status::kNoMemory;
  }
  SpinGuard guard(g_pool_lock);
  ASSERT(g_pool == nullptr);  // one boot CPU sets it aside, before init runs
  g_pool = pool;
  return RefPtr<MemoryPool>::wrap(pool);
}
