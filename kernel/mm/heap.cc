// Kernel heap: size-class slabs in single pages plus page runs for large blocks. A block's kind is
// found from its address alone: a page-aligned block is always large (its header sits in the page
// before it); any other block's page starts with a header (slab or large) that says which.
#include "kernel/mm/heap.h"

#include "base/assert.h"

namespace {

constexpr uint32_t kSlabMagic = 0x51ab51ab;
constexpr uint32_t kLargeMagic = 0x1a26e1a2;
constexpr uint32_t kDeadMagic = 0xdeadbeef;  // written into a header before its pages go back
constexpr size_t kMinClassShift = 4;         // 16 bytes
constexpr size_t kMaxLargePages = size_t{1} << 36;  // 256 TiB: anything larger is a bad size
constexpr size_t kMaxSlots = 256;

size_t class_size(size_t index) { return size_t{1} << (index + kMinClassShift); }

bool is_power_of_two(size_t x) { return x != 0 && (x & (x - 1)) == 0; }

size_t round_up(size_t x, size_t to) { return (x + to - 1) & ~(to - 1); }

}  // namespace

// One per slab page, at offset 0. Slots start at max(64, slot size), so they are aligned to their
// own size; slot i is at `page + first_offset + i * size`.
struct Heap::SlabPage {
  uint32_t magic;
  uint16_t class_index;
  uint16_t used;      // slots allocated; invariant: == popcount(allocated)
  uint16_t capacity;  // slots in this page (<= kMaxSlots)
  uint16_t first_offset;
  uint32_t reserved;
  SlabPage* next;  // partial_ list links; both null when the page is full
  SlabPage* prev;
  uint64_t allocated[kMaxSlots / 64];  // bit i: slot i handed out (double-free detection)
};

// At the start of a large block's run (align < 4 KiB), or in the page right before the block.
struct Heap::LargeHeader {
  uint32_t magic;
  uint32_t reserved;
  void* run;         // what the PageSource returned
  size_t run_pages;  // what to give back
  void* block;       // the pointer handed out (checked on free)
  size_t usable;     // bytes from block to the end of the run
  uint64_t pad[3];
};

void Heap::init(PageSource* pages) {
  static_assert(sizeof(SlabPage) == 64, "slab header is one cache line, and slots follow it");
  static_assert(sizeof(LargeHeader) == 64);
  ASSERT(pages != nullptr && pages_ == nullptr);
  pages_ = pages;
}

void Heap::push(SlabPage* page) {
  SlabPage*& head = partial_[page->class_index];
  page->prev = nullptr;
  page->next = head;
  if (head != nullptr) head->prev = page;
  head = page;
}

void Heap::unlink(SlabPage* page) {
  if (page->prev != nullptr)
    page->prev->next = page->next;
  else
    partial_[page->class_index] = page->next;
  if (page->next != nullptr) page->next->prev = page->prev;
  page->next = page->prev = nullptr;
}

void* Heap::alloc(size_t size, size_t align) {
  if (!is_power_of_two(align)) return nullptr;
  if (align < kMinAlign) align = kMinAlign;
  if (size == 0) size = 1;
  if (size > kMaxLargePages * kPageSize) return nullptr;
  ASSERT(pages_ != nullptr);  // init() first
  SpinGuard guard(lock_);
  const size_t need = size > align ? size : align;
  if (need <= kMaxSlabSize) {
    const size_t rounded = size_t{1} << (64 - __builtin_clzll(need - 1));  // need >= 16
    const size_t index = static_cast<size_t>(__builtin_ctzll(rounded)) - kMinClassShift;
    return alloc_small(index);
  }
  return alloc_large(size, align);
}

void* Heap::alloc_small(size_t index) {
  SlabPage* page = partial_[index];
  if (page == nullptr) {
    void* mem = pages_->alloc_pages(1, 1);
    if (mem == nullptr) return nullptr;
    const size_t size = class_size(index);
    const size_t first = size > sizeof(SlabPage) ? size : sizeof(SlabPage);
    page = static_cast<SlabPage*>(mem);
    *page = SlabPage{};
    page->magic = kSlabMagic;
    page->class_index = static_cast<uint16_t>(index);
    page->first_offset = static_cast<uint16_t>(first);
    page->capacity = static_cast<uint16_t>((kPageSize - first) / size);
    ++page_count_;
    ++slab_page_count_;
    push(page);
  }
  for (size_t w = 0; w < kMaxSlots / 64; ++w) {
    if (page->allocated[w] == ~uint64_t{0}) continue;
    const size_t bit = static_cast<size_t>(__builtin_ctzll(~page->allocated[w]));
    const size_t slot = w * 64 + bit;
    ASSERT(slot < page->capacity);  // a partial page has a free slot below capacity
    page->allocated[w] |= uint64_t{1} << bit;
    if (++page->used == page->capacity) unlink(page);
    ++live_blocks_;
    live_bytes_ += class_size(index);
    return reinterpret_cast<uint8_t*>(page) + page->first_offset + slot * class_size(index);
  }
  ASSERT(false);
  return nullptr;
}

void* Heap::alloc_large(size_t size, size_t align) {
  size_t offset, align_pages;
  if (align < kPageSize) {
    offset = round_up(sizeof(LargeHeader), align);  // header and block share the first page
    align_pages = 1;
  } else {
    offset = align;  // the header takes the page before the first aligned page
    align_pages = align / kPageSize;
  }
  const size_t run_pages = (offset + size + kPageSize - 1) / kPageSize;
  void* run = pages_->alloc_pages(run_pages, align_pages);
  if (run == nullptr) return nullptr;
  uint8_t* block = static_cast<uint8_t*>(run) + offset;
  auto* header = reinterpret_cast<LargeHeader*>((reinterpret_cast<uintptr_t>(block) - 1) &
                                                ~uintptr_t{kPageSize - 1});
  *header = LargeHeader{};
  header->magic = kLargeMagic;
  header->run = run;
  header->run_pages = run_pages;
  header->block = block;
  header->usable = run_pages * kPageSize - offset;
  page_count_ += run_pages;
  ++live_blocks_;
  live_bytes_ += header->usable;
  return block;
}

void Heap::free(void* block) {
  if (block == nullptr) return;
  SpinGuard guard(lock_);
  const uintptr_t addr = reinterpret_cast<uintptr_t>(block);
  // A page-aligned block is large with its header one page before; otherwise the header starts
  // the block's own page (header and block may share a page only that way).
  const uintptr_t header_page = (addr - 1) & ~uintptr_t{kPageSize - 1};
  const uint32_t magic = *reinterpret_cast<const uint32_t*>(header_page);
  if (magic == kSlabMagic && addr % kPageSize != 0) {
    free_small(reinterpret_cast<SlabPage*>(header_page), block);
  } else {
    ASSERT(magic == kLargeMagic);  // a block this heap did not hand out, or already freed
    free_large(reinterpret_cast<LargeHeader*>(header_page), block);
  }
}

void Heap::free_small(SlabPage* page, void* block) {
  const size_t size = class_size(page->class_index);
  const size_t offset =
      static_cast<size_t>(static_cast<uint8_t*>(block) - reinterpret_cast<uint8_t*>(page));
  ASSERT(offset >= page->first_offset && (offset - page->first_offset) % size == 0);
  const size_t slot = (offset - page->first_offset) / size;
  ASSERT(slot < page->capacity);
  const uint64_t bit = uint64_t{1} << (slot % 64);
  ASSERT((page->allocated[slot / 64] & bit) != 0);  // double free
  page->allocated[slot / 64] &= ~bit;
#if !defined(NDEBUG)
  __builtin_memset(block, 0xdf, size);  // stale readers see garbage, not plausible data
#endif
  --live_blocks_;
  live_bytes_ -= size;
  if (page->used-- == page->capacity) push(page);  // was full: back on the partial list
  // Keep one empty page per class so a single alloc/free pair does not bounce a page each time.
  if (page->used == 0 && (partial_[page->class_index] != page || page->next != nullptr)) {
    unlink(page);
    page->magic = kDeadMagic;
    --page_count_;
    --slab_page_count_;
    pages_->free_pages(page, 1);
  }
}

void Heap::free_large(LargeHeader* header, void* block) {
  ASSERT(header->block == block);  // an interior pointer
  void* run = header->run;
  const size_t run_pages = header->run_pages;
  header->magic = kDeadMagic;
  page_count_ -= run_pages;
  --live_blocks_;
  live_bytes_ -= header->usable;
  pages_->free_pages(run, run_pages);
}

size_t Heap::usable_size(const void* block) const {
  SpinGuard guard(lock_);
  const uintptr_t addr = reinterpret_cast<uintptr_t>(block);
  const uintptr_t header_page = (addr - 1) & ~uintptr_t{kPageSize - 1};
  const uint32_t magic = *reinterpret_cast<const uint32_t*>(header_page);
  if (magic == kSlabMagic && addr % kPageSize != 0)
    return class_size(reinterpret_cast<const SlabPage*>(header_page)->class_index);
  ASSERT(magic == kLargeMagic);
  return reinterpret_cast<const LargeHeader*>(header_page)->usable;
}

Heap::Stats Heap::stats() const {
  SpinGuard guard(lock_);
  return Stats{page_count_, slab_page_count_, live_blocks_, live_bytes_};
}

void Heap::check_invariants() const {
  SpinGuard guard(lock_);
  for (size_t c = 0; c < kClassCount; ++c) {
    const SlabPage* prev = nullptr;
    size_t empty = 0;
    for (const SlabPage* p = partial_[c]; p != nullptr; p = p->next) {
      ASSERT(p->magic == kSlabMagic && p->class_index == c && p->prev == prev);
      ASSERT(p->used < p->capacity);
      size_t bits = 0;
      for (uint64_t w : p->allocated) bits += static_cast<size_t>(__builtin_popcountll(w));
      ASSERT(bits == p->used);
      if (p->used == 0) ++empty;
      prev = p;
    }
    ASSERT(empty <= 1);
  }
  ASSERT(slab_page_count_ <= page_count_);
}
