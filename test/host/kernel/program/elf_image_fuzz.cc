// libFuzzer target for parse_elf_image: any input is refused or accepted without reading outside
// it, and an accepted image keeps every promise its header makes (segments in the file, in the
// user half, ordered, page-disjoint; the entry in executable memory).
#include <stdlib.h>
#include <string.h>

#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_op.h"
#include "kernel/program/elf_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  uint8_t* file =
      static_cast<uint8_t*>(malloc(size ? size : 1));  // exact size: ASan sees overreads
  memcpy(file, data, size);
  ElfImage image;
  if (parse_elf_image(file, size, &image) == Status::kOk) {
    bool entry_ok = false;
    uint64_t sum = 0;
    for (size_t i = 0; i < image.segment_count; ++i) {
      const ElfSegment& s = image.segments[i];
      if (s.file_bytes > s.mem_bytes || s.file_offset + s.file_bytes > size) abort();
      if (s.vaddr < kPageSize || s.vaddr + s.mem_bytes > kUserTop) abort();
      if (i > 0) {
        const ElfSegment& p = image.segments[i - 1];
        if ((s.vaddr >> kPageShift) <= ((p.vaddr + p.mem_bytes - 1) >> kPageShift)) abort();
      }
      if ((s.rights & kVmExec) && image.entry - s.vaddr < s.mem_bytes) entry_ok = true;
      for (uint64_t b = 0; b < s.file_bytes; ++b) sum += file[s.file_offset + b];
    }
    if (!entry_ok) abort();
    if (image.has_tls && image.tls.file_offset + image.tls.file_bytes > size) abort();
    (void)sum;
  }
  free(file);
  return 0;
}
