// Builds ELF64 executables in memory for host tests: a header, program headers and segment bytes,
// each field overridable so a test can break exactly one.
#pragma once

#include <stdint.h>
#include <string.h>

#include <vector>

class ElfBuilder {
 public:
  struct Segment {
    uint32_t type = 1;    // PT_LOAD
    uint32_t flags = 4;   // PF_R
    uint64_t offset = 0;  // 0: placed by build() at the vaddr's offset within a page
    uint64_t vaddr = 0;
    uint64_t file_bytes = 0;
    uint64_t mem_bytes = 0;
    uint64_t align = 0x1000;
  };

  // Header fields, public so a test can corrupt one.
  uint8_t ident[16] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
  uint16_t type = 2;
  uint16_t machine = 62;
  uint32_t version = 1;
  uint64_t entry = 0x401000;
  uint64_t phoff = 64;
  uint16_t ehsize = 64;
  uint16_t phentsize = 56;
  int phnum_override = -1;  // >= 0: written instead of the real count
  std::vector<Segment> segments;

  ElfBuilder& segment(uint32_t flags, uint64_t vaddr, uint64_t file_bytes, uint64_t mem_bytes) {
    Segment s;
    s.flags = flags;
    s.vaddr = vaddr;
    s.file_bytes = file_bytes;
    s.mem_bytes = mem_bytes;
    segments.push_back(s);
    return *this;
  }
  // The usual static program: code at 0x401000 (r-x), data at 0x403000 (rw-, half of it .bss).
  static ElfBuilder typical() {
    ElfBuilder b;
    b.segment(5, 0x401000, 0x1234, 0x1234).segment(6, 0x403000, 0x200, 0x2400);
    return b;
  }

  std::vector<uint8_t> build() {
    std::vector<uint8_t> out(64 + 56 * segments.size(), 0);
    // Segment bytes start on a fresh page of the file, keeping vaddr and offset congruent.
    for (Segment& s : segments) {
      if (s.offset == 0 && s.file_bytes != 0) {
        uint64_t at = (out.size() + 0xfff) & ~uint64_t{0xfff};
        s.offset = at + (s.vaddr & 0xfff);
        out.resize(s.offset + s.file_bytes, 0);
        for (uint64_t i = 0; i < s.file_bytes; ++i) out[s.offset + i] = static_cast<uint8_t>(i * 7);
      }
    }
    memcpy(out.data(), ident, 16);
    put(out, 16, type, 2);
    put(out, 18, machine, 2);
    put(out, 20, version, 4);
    put(out, 24, entry, 8);
    put(out, 32, phoff, 8);
    put(out, 52, ehsize, 2);
    put(out, 54, phentsize, 2);
    put(out, 56, phnum_override >= 0 ? uint64_t(phnum_override) : segments.size(), 2);
    for (size_t i = 0; i < segments.size(); ++i) {
      const Segment& s = segments[i];
      const size_t at = 64 + 56 * i;
      put(out, at, s.type, 4);
      put(out, at + 4, s.flags, 4);
      put(out, at + 8, s.offset, 8);
      put(out, at + 16, s.vaddr, 8);
      put(out, at + 24, s.vaddr, 8);
      put(out, at + 32, s.file_bytes, 8);
      put(out, at + 40, s.mem_bytes, 8);
      put(out, at + 48, s.align, 8);
    }
    return out;
  }

 private:
  static void put(std::vector<uint8_t>& v, size_t at, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) v[at + i] = static_cast<uint8_t>(value >> (8 * i));
  }
};
