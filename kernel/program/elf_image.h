// ElfImage: a program file (a GRUB module) checked before the kernel builds a task from it.
// Programs are static, freestanding x86-64 executables; the parser accepts exactly that and refuses
// the rest with a Status, so a bad module is logged and skipped while boot goes on.
//
// Every field that names a byte of the file or of the address space is checked here, once: a caller
// that got kOk may copy `segments[i]` file bytes and map `[vaddr, vaddr + mem_bytes)` without
// re-checking anything. No allocation: the segment table is fixed size.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"

struct ElfSegment {
  uint64_t vaddr;        // where the segment's first byte goes (any alignment)
  uint64_t mem_bytes;    // > 0; [vaddr, vaddr + mem_bytes) lies in the user half
  uint64_t file_offset;  // [file_offset, file_offset + file_bytes) lies in the file
  uint64_t file_bytes;   // <= mem_bytes; the rest is zero-filled (.bss)
  uint8_t rights;        // VmRights: kVmRead always, plus kVmWrite / kVmExec from p_flags
};

struct ElfImage {
  static constexpr size_t kMaxSegments = 16;

  uint64_t entry;  // inside an executable segment
  ElfSegment segments[kMaxSegments];
  size_t segment_count;  // >= 1, sorted by vaddr, their pages pairwise disjoint
  // PT_TLS, if any: the thread-local template (tdata bytes in the file, then zeroed tbss).
  bool has_tls;
  ElfSegment tls;
};

// Checks `file` (its `size` bytes, no alignment promise) and fills `image`. Refused, with the
// status in brackets: not ELF, not 64-bit little-endian x86-64, not a static executable
// [kNotSupported]; a header, program header or segment outside the file, a segment with
// file_bytes > mem_bytes, a vaddr/offset pair not congruent modulo the page size, an entry outside
// every executable segment [kInvalidArgument]; a segment that wraps [kOverflow]; a segment in the
// kernel half or the null page [kAccessDenied]; PT_LOAD segments out of vaddr order or sharing a
// page [kInvalidArgument]; a segment both writable and executable [kAccessDenied]; more than
// kMaxSegments [kNoSpace].
// On error `image` is left unspecified.
[[nodiscard]] Status parse_elf_image(const uint8_t* file, size_t size, ElfImage* image);
