// Replaces the nothrow `operator new` of host programs (the only form kernel code allocates with)
// by one that can be told to fail; otherwise it defers to the runtime's own operator new, so the
// sanitizers still pair each allocation with its delete.
#include "test/host/support/fail_allocations.h"

#include <atomic>
#include <new>

namespace {
std::atomic<uint32_t> g_fail_next{0};
}  // namespace

void fail_next_allocations(uint32_t count) { g_fail_next.store(count, std::memory_order_relaxed); }

void* operator new(size_t size, const std::nothrow_t&) noexcept {
  uint32_t fail = g_fail_next.load(std::memory_order_relaxed);
  while (fail > 0) {
    if (g_fail_next.compare_exchange_weak(fail, fail - 1, std::memory_order_relaxed))
      return nullptr;
  }
  try {
    return ::operator new(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
