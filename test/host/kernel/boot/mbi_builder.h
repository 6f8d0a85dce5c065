// Builds synthetic multiboot2 boot information blocks for host tests, tag by tag, in 8-byte aligned
// storage (as GRUB leaves them).
#pragma once

#include <stdint.h>
#include <string.h>

#include <string>
#include <vector>

class MbiBuilder {
 public:
  MbiBuilder() {
    put32(0);  // total_size, written by build()
    put32(0);  // reserved
  }

  MbiBuilder& tag(uint32_t type, const std::vector<uint8_t>& payload) {
    put32(type);
    put32(static_cast<uint32_t>(8 + payload.size()));
    bytes_.insert(bytes_.end(), payload.begin(), payload.end());
    pad();
    return *this;
  }
  MbiBuilder& command_line(const std::string& s) { return tag(1, cstr(s)); }
  MbiBuilder& module(uint32_t start, uint32_t end, const std::string& s) {
    std::vector<uint8_t> p = le(start, 4);
    append(p, le(end, 4));
    append(p, cstr(s));
    return tag(3, p);
  }
  struct Entry {
    uint64_t base, length;
    uint32_t type;
  };
  MbiBuilder& memory_map(const std::vector<Entry>& entries, uint32_t entry_size = 24) {
    std::vector<uint8_t> p = le(entry_size, 4);
    append(p, le(0, 4));
    for (const Entry& e : entries) {
      std::vector<uint8_t> one = le(e.base, 8);
      append(one, le(e.length, 8));
      append(one, le(e.type, 4));
      one.resize(entry_size, 0);
      append(p, one);
    }
    return tag(6, p);
  }
  MbiBuilder& end() {
    put32(0);
    put32(8);
    return *this;
  }
  // Finishes: writes total_size (the current length unless `total` overrides it) and returns the
  // block in 8-byte aligned storage.
  const uint8_t* build(uint32_t total = 0) {
    const uint32_t size = total != 0 ? total : static_cast<uint32_t>(bytes_.size());
    memcpy(bytes_.data(), &size, 4);
    storage_.assign((bytes_.size() + 7) / 8 + 1, 0);
    memcpy(storage_.data(), bytes_.data(), bytes_.size());
    return reinterpret_cast<const uint8_t*>(storage_.data());
  }
  size_t size() const { return bytes_.size(); }
  std::vector<uint8_t>& raw() { return bytes_; }

  static std::vector<uint8_t> le(uint64_t v, int n) {
    std::vector<uint8_t> out;
    for (int i = 0; i < n; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return out;
  }
  static std::vector<uint8_t> cstr(const std::string& s) {
    std::vector<uint8_t> out(s.begin(), s.end());
    out.push_back(0);
    return out;
  }
  static void append(std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
  }

 private:
  void put32(uint32_t v) { append(bytes_, le(v, 4)); }
  void pad() {
    while (bytes_.size() % 8 != 0) bytes_.push_back(0);
  }
  std::vector<uint8_t> bytes_;
  std::vector<uint64_t> storage_;
};
