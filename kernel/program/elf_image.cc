// ELF64 validation for program modules (System V ABI, "ELF-64 Object File Format" v1.5 layouts).
#include "kernel/program/elf_image.h"

#include "abi/portcullis/page.h"
#include "abi/portcullis/vm_op.h"
#include "kernel/lib/unaligned.h"

namespace {

// File header offsets and values.
constexpr size_t kHeaderBytes = 64;
constexpr size_t kProgramHeaderBytes = 56;
constexpr uint8_t kClass64 = 2;
constexpr uint8_t kLittleEndian = 1;
constexpr uint8_t kCurrentVersion = 1;
constexpr uint8_t kOsAbiSysV = 0;
constexpr uint8_t kOsAbiGnu = 3;  // what GNU ld writes once a GNU extension is used
constexpr uint16_t kTypeExecutable = 2;
constexpr uint16_t kMachineX86_64 = 62;

// Program header types and flags.
constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPtDynamic = 2;
constexpr uint32_t kPtInterp = 3;
constexpr uint32_t kPtTls = 7;
constexpr uint32_t kPfExec = 1;
constexpr uint32_t kPfWrite = 2;

struct ProgramHeader {
  uint32_t type;
  uint32_t flags;
  uint64_t offset;
  uint64_t vaddr;
  uint64_t file_bytes;
  uint64_t mem_bytes;
  uint64_t align;
};

ProgramHeader read_program_header(const uint8_t* p) {
  return ProgramHeader{read_u32(p),      read_u32(p + 4),  read_u64(p + 8), read_u64(p + 16),
                       read_u64(p + 32), read_u64(p + 40), read_u64(p + 48)};
}

Status check_header(const uint8_t* file, size_t size) {
  if (size < kHeaderBytes) return Status::kNotSupported;
  if (file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
    return Status::kNotSupported;
  }
  if (file[4] != kClass64 || file[5] != kLittleEndian || file[6] != kCurrentVersion) {
    return Status::kNotSupported;
  }
  if (file[7] != kOsAbiSysV && file[7] != kOsAbiGnu) return Status::kNotSupported;
  // ET_DYN (a PIE) would need relocation; programs are linked at their address.
  if (read_u16(file + 16) != kTypeExecutable || read_u16(file + 18) != kMachineX86_64 ||
      read_u32(file + 20) != kCurrentVersion) {
    return Status::kNotSupported;
  }
  if (read_u16(file + 52) != kHeaderBytes || read_u16(file + 54) != kProgramHeaderBytes) {
    return Status::kInvalidArgument;
  }
  return Status::kOk;
}

// The bytes [offset, offset + bytes) lie inside a file of `size` bytes, without wrapping.
bool inside_file(uint64_t offset, uint64_t bytes, size_t size) {
  return offset <= size && bytes <= size - offset;
}

// Checks one PT_LOAD or PT_TLS header's own fields (not its relation to the others).
Status check_segment(const ProgramHeader& ph, size_t size, ElfSegment* out) {
  if (ph.file_bytes > ph.mem_bytes) return Status::kInvalidArgument;
  if (!inside_file(ph.offset, ph.file_bytes, size)) return Status::kInvalidArgument;
  if (ph.vaddr + ph.mem_bytes < ph.vaddr) return Status::kOverflow;
  if (ph.align > 1 && (ph.align & (ph.align - 1)) != 0) return Status::kInvalidArgument;
  uint8_t rights = kVmRead;
  if (ph.flags & kPfWrite) rights |= kVmWrite;
  if (ph.flags & kPfExec) rights |= kVmExec;
  *out = ElfSegment{ph.vaddr, ph.mem_bytes, ph.offset, ph.file_bytes, rights};
  return Status::kOk;
}

// A loadable segment's place in the address space: above the null page, below the kernel half,
// never writable and executable at once, and its file bytes at the same offset within a page as
// its memory (so a loader may map file pages as they are).
Status check_load_segment(const ElfSegment& s) {
  if (s.vaddr < kPageSize || s.vaddr + s.mem_bytes > kUserTop) return Status::kAccessDenied;
  if ((s.rights & kVmWrite) && (s.rights & kVmExec)) return Status::kAccessDenied;
  if ((s.vaddr & (kPageSize - 1)) != (s.file_offset & (kPageSize - 1))) {
    return Status::kInvalidArgument;
  }
  return Status::kOk;
}

uint64_t first_page(const ElfSegment& s) { return s.vaddr >> kPageShift; }
uint64_t last_page(const ElfSegment& s) { return (s.vaddr + s.mem_bytes - 1) >> kPageShift; }

}  // namespace

Status parse_elf_image(const uint8_t* file, size_t size, ElfImage* image) {
  if (Status s = check_header(file, size); s != Status::kOk) return s;
  const uint64_t phoff = read_u64(file + 32);
  const uint16_t phnum = read_u16(file + 56);
  if (phnum == 0) return Status::kInvalidArgument;
  if (!inside_file(phoff, uint64_t{phnum} * kProgramHeaderBytes, size)) {
    return Status::kInvalidArgument;
  }

  image->entry = read_u64(file + 24);
  image->segment_count = 0;
  image->has_tls = false;
  for (uint16_t i = 0; i < phnum; ++i) {
    const ProgramHeader ph = read_program_header(file + phoff + uint64_t{i} * kProgramHeaderBytes);
    if (ph.type == kPtDynamic || ph.type == kPtInterp) return Status::kNotSupported;
    if (ph.type == kPtTls) {
      if (image->has_tls) return Status::kInvalidArgument;
      if (Status s = check_segment(ph, size, &image->tls); s != Status::kOk) return s;
      image->has_tls = true;
      continue;
    }
    if (ph.type != kPtLoad || ph.mem_bytes == 0) continue;  // notes, GNU stack flags, ...
    if (image->segment_count == ElfImage::kMaxSegments) return Status::kNoSpace;
    ElfSegment seg;
    if (Status s = check_segment(ph, size, &seg); s != Status::kOk) return s;
    if (Status s = check_load_segment(seg); s != Status::kOk) return s;
    // The ELF spec orders PT_LOAD by vaddr; requiring it makes "no shared page" one comparison.
    if (image->segment_count > 0 &&
        first_page(seg) <= last_page(image->segments[image->segment_count - 1])) {
      return Status::kInvalidArgument;
    }
    image->segments[image->segment_count++] = seg;
  }
  if (image->segment_count == 0) return Status::kInvalidArgument;

  for (size_t i = 0; i < image->segment_count; ++i) {
    const ElfSegment& s = image->segments[i];
    if ((s.rights & kVmExec) && image->entry >= s.vaddr && image->entry - s.vaddr < s.mem_bytes) {
      return Status::kOk;
    }
  }
  return Status::kInvalidArgument;  // the entry point is not in executable memory
}
