// A PageSource for host tests: aligned malloc'd runs, with a page limit (to test exhaustion) and a
// ledger that checks every run comes back exactly once with its original count.
#pragma once

#include <stdlib.h>

#include <map>
#include <mutex>

#include "kernel/mm/page_source.h"
#include "unity.h"

class HostPageSource final : public PageSource {
 public:
  explicit HostPageSource(size_t limit_pages = ~size_t{0}) : limit_pages_(limit_pages) {}
  ~HostPageSource() {
    for (auto& [p, n] : runs_) ::free(p);
  }

  void* alloc_pages(size_t count, size_t align_pages) override {
    std::lock_guard<std::mutex> g(mu_);
    if (count == 0 || outstanding_ + count > limit_pages_) return nullptr;
    // aligned_alloc wants the size to be a multiple of the alignment.
    const size_t align = align_pages * kPageSize;
    void* p = aligned_alloc(align, (count * kPageSize + align - 1) / align * align);
    if (p == nullptr) return nullptr;
    runs_[p] = count;
    outstanding_ += count;
    return p;
  }
  void free_pages(void* pages, size_t count) override {
    std::lock_guard<std::mutex> g(mu_);
    auto it = runs_.find(pages);
    ASSERT(it != runs_.end() && it->second == count);
    runs_.erase(it);
    outstanding_ -= count;
    ::free(pages);
  }
  size_t outstanding() {
    std::lock_guard<std::mutex> g(mu_);
    return outstanding_;
  }

 private:
  std::mutex mu_;
  size_t limit_pages_;
  size_t outstanding_ = 0;
  std::map<void*, size_t> runs_;
};
