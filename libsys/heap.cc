#include "libsys/heap.h"

#include <stdint.h>

#include "abi/portcullis/page.h"
#include "base/assert.h"
#include "libsys/mutex.h"
#include "libsys/page_pool.h"

namespace sys::heap {
namespace {

constexpr uint32_t kClassCount = 8;  // 16, 32, .. 2048 bytes
static_assert((kAlignment << (kClassCount - 1)) == kMaxSmallBytes);

// At the start of every heap page: which kind of page it is, checked by free.
struct alignas(kAlignment) PageHeader {
  static constexpr uint32_t kSmallMagic = 0x48534D4Cu;  // "HSML"
  static constexpr uint32_t kLargeMagic = 0x484C5247u;  // "HLRG"
  uint32_t magic;
  uint32_t size;  // small: the class's block size; large: the number of pages
};
static_assert(sizeof(PageHeader) == kAlignment, "blocks after the header stay 16-byte aligned");

struct FreeBlock {
  FreeBlock* next;
};

// Pages for the small classes come in chunks from the memory server (each chunk is one of its
// allocations, and it keeps a table of 32 per client): the first of kFirstChunkPages, each next
// one twice as large up to kMaxChunkPages, so a heap of 1 MiB of small blocks is 6 allocations.
// From the initial frames (32 in all, shared with stacks and large blocks) one page at a time.
constexpr size_t kFirstChunkPages = 8;
constexpr size_t kMaxChunkPages = 64;

struct Heap {
  Mutex lock;
  FreeBlock* free_lists[kClassCount] GUARDED_BY(lock) = {};
  uint8_t* chunk_next GUARDED_BY(lock) = nullptr;  // the chunk's pages not given to a class yet
  size_t chunk_pages_left GUARDED_BY(lock) = 0;
  size_t next_chunk_pages GUARDED_BY(lock) = kFirstChunkPages;
};
constinit Heap g_heap;

uint32_t class_of(size_t bytes) {
  uint32_t c = 0;
  while ((kAlignment << c) < bytes) ++c;
  return c;
}

PageHeader* page_of(void* block) {
  return reinterpret_cast<PageHeader*>(reinterpret_cast<uintptr_t>(block) & ~(kPageSize - 1));
}

// A page for a small class: the current chunk's next one, or the first of a new chunk. A chunk
// the memory server refuses is asked for again at half the size, down to one page.
void* take_page_locked(Heap& heap) REQUIRES(heap.lock) {
  if (heap.chunk_pages_left == 0) {
    size_t pages = pages_from_memory_server() ? heap.next_chunk_pages : 1;
    for (;;) {
      Result<void*> chunk = allocate_pages(pages);
      if (chunk.is_ok()) {
        heap.chunk_next = static_cast<uint8_t*>(chunk.value());
        heap.chunk_pages_left = pages;
        break;
      }
      if (pages == 1) return nullptr;
      pages /= 2;
    }
    if (pages == heap.next_chunk_pages && pages < kMaxChunkPages) heap.next_chunk_pages *= 2;
  }
  void* page = heap.chunk_next;
  heap.chunk_next += kPageSize;
  --heap.chunk_pages_left;
  return page;
}

// A new page for class `c`, cut into blocks on its free list. False without memory.
bool refill_locked(Heap& heap, uint32_t c) REQUIRES(heap.lock) {
  void* page = take_page_locked(heap);
  if (page == nullptr) return false;
  const size_t block_bytes = kAlignment << c;
  auto* header = static_cast<PageHeader*>(page);
  *header = PageHeader{PageHeader::kSmallMagic, static_cast<uint32_t>(block_bytes)};
  auto* bytes = reinterpret_cast<uint8_t*>(header);
  // Blocks at the header's end + k * block_bytes (free checks that); pushed from the top down,
  // so the list hands out the lowest block first.
  const size_t count = (kPageSize - sizeof(PageHeader)) / block_bytes;
  for (size_t k = count; k-- > 0;) {
    auto* block = reinterpret_cast<FreeBlock*>(bytes + sizeof(PageHeader) + k * block_bytes);
    block->next = heap.free_lists[c];
    heap.free_lists[c] = block;
  }
  return true;
}

}  // namespace

void* allocate(size_t bytes) {
  if (bytes == 0) return nullptr;
  if (bytes > kMaxSmallBytes) {
    if (bytes > SIZE_MAX - kPageSize) return nullptr;
    const size_t pages = (bytes + sizeof(PageHeader) + kPageSize - 1) / kPageSize;
    if (pages > UINT32_MAX) return nullptr;  // the header's count
    Result<void*> run = allocate_pages(pages);
    if (run.is_error()) return nullptr;
    auto* header = static_cast<PageHeader*>(run.value());
    *header = PageHeader{PageHeader::kLargeMagic, static_cast<uint32_t>(pages)};
    return header + 1;
  }
  const uint32_t c = class_of(bytes);
  MutexGuard guard(g_heap.lock);
  if (g_heap.free_lists[c] == nullptr && !refill_locked(g_heap, c)) return nullptr;
  FreeBlock* block = g_heap.free_lists[c];
  g_heap.free_lists[c] = block->next;
  return block;
}

void free(void* block) {
  if (block == nullptr) return;
  PageHeader* header = page_of(block);
  if (header->magic == PageHeader::kLargeMagic) {
    ASSERT(block == header + 1);  // not a pointer allocate returned
    free_pages(header, header->size);
    return;
  }
  ASSERT(header->magic == PageHeader::kSmallMagic);
  ASSERT((reinterpret_cast<uintptr_t>(block) - reinterpret_cast<uintptr_t>(header) -
          sizeof(PageHeader)) %
             header->size ==
         0);
  const uint32_t c = class_of(header->size);
  auto* free_block = static_cast<FreeBlock*>(block);
  MutexGuard guard(g_heap.lock);
  free_block->next = g_heap.free_lists[c];
  g_heap.free_lists[c] = free_block;
}

}  // namespace sys::heap
