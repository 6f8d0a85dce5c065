// The kernel's global operator new/delete, all forwarding to g_kernel_heap. Kernel-only: host
// programs get these from the C++ runtime. Kernel code allocates with `new (std::nothrow) T(...)`;
// the throwing forms exist because the language calls them, and since the kernel has no exceptions
// they panic when memory runs out instead of throwing.
#include <new>

#include "base/assert.h"
#include "kernel/mm/heap.h"

constinit Heap g_kernel_heap;

namespace {

void* must_alloc(size_t size, size_t align) {
  void* p = g_kernel_heap.alloc(size, align);
  ASSERT(p != nullptr);  // plain operator new may not return null, and cannot throw here
  return p;
}

}  // namespace

void* operator new(size_t size) { return must_alloc(size, Heap::kMinAlign); }
void* operator new[](size_t size) { return must_alloc(size, Heap::kMinAlign); }
void* operator new(size_t size, std::align_val_t align) {
  return must_alloc(size, static_cast<size_t>(align));
}
void* operator new[](size_t size, std::align_val_t align) {
  return must_alloc(size, static_cast<size_t>(align));
}

void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return g_kernel_heap.alloc(size, Heap::kMinAlign);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  return g_kernel_heap.alloc(size, Heap::kMinAlign);
}
void* operator new(size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return g_kernel_heap.alloc(size, static_cast<size_t>(align));
}
void* operator new[](size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return g_kernel_heap.alloc(size, static_cast<size_t>(align));
}

// The heap finds a block's size and alignment from its address, so every delete is the same.
void operator delete(void* p) noexcept { g_kernel_heap.free(p); }
void operator delete[](void* p) noexcept { g_kernel_heap.free(p); }
void operator delete(void* p, size_t) noexcept { g_kernel_heap.free(p); }
void operator delete[](void* p, size_t) noexcept { g_kernel_heap.free(p); }
void operator delete(void* p, std::align_val_t) noexcept { g_kernel_heap.free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { g_kernel_heap.free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { g_kernel_heap.free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { g_kernel_heap.free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { g_kernel_heap.free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { g_kernel_heap.free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  g_kernel_heap.free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  g_kernel_heap.free(p);
}
