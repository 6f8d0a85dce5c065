#include "kernel/program/program_loader.h"

#include "abi/portcullis/program_layout.h"
#include "kernel/arch/arch.h"
#include "kernel/mm/kernel_memory.h"
#include "kernel/program/elf_image.h"

void LoadedProgram::reset() {
  space.reset();
  if (frames.size != 0) {
    ASSERT(kernel_frames().free_contiguous(frames.base, frames.size / kPageSize) == Status::kOk);
  }
  frames = {};
  entry = stack_pointer = 0;
}

namespace {

constexpr uint64_t page_down(uint64_t a) { return a & ~(kPageSize - 1); }
constexpr uint64_t page_up(uint64_t a) { return page_down(a + kPageSize - 1); }

uint64_t segment_pages(const ElfSegment& s) {
  return (page_up(s.vaddr + s.mem_bytes) - page_down(s.vaddr)) / kPageSize;
}

Status check_layout(const ElfImage& image) {
  const Range<uint64_t> stack{kUserStackGuard, kUserStackTop - kUserStackGuard};
  for (size_t i = 0; i < image.segment_count; ++i) {
    const ElfSegment& s = image.segments[i];
    const Range<uint64_t> pages{page_down(s.vaddr), segment_pages(s) * kPageSize};
    if (pages.last() >= kUserLastPage) return Status::kAccessDenied;
    if (pages.overlaps(stack)) return Status::kInvalidArgument;
  }
  return Status::kOk;
}

// The module line split at spaces: the words' offsets into `line` and their count.
struct Arguments {
  char text[kProgramMaxLineBytes];  // the words, each NUL-terminated
  uint32_t text_bytes = 0;
  uint32_t offsets[kProgramMaxArgs];
  uint32_t count = 0;
};

Status split_line(const char* line, Arguments* args) {
  uint32_t i = 0;
  while (line[i] != '\0') {
    while (line[i] == ' ') ++i;
    if (line[i] == '\0') break;
    if (args->count == kProgramMaxArgs) return Status::kOutOfRange;
    args->offsets[args->count++] = args->text_bytes;
    while (line[i] != '\0' && line[i] != ' ') {
      if (args->text_bytes + 1 >= kProgramMaxLineBytes) return Status::kOutOfRange;
      args->text[args->text_bytes++] = line[i++];
    }
    args->text[args->text_bytes++] = '\0';
  }
  return Status::kOk;
}

// Writes argc, argv and the strings at the top of the stack (its frames, through the direct map)
// and returns the user rsp.
uint64_t write_arguments(const Arguments& args, uint8_t* stack_bytes) {
  const uint64_t strings = kUserStackTop - ((args.text_bytes + 15) & ~uint64_t{15});
  const uint64_t words = 1 + args.count + 1;  // argc, argv[], NULL
  const uint64_t rsp = (strings - words * 8) & ~uint64_t{15};
  const uint64_t stack_base = kUserStackTop - kUserStackBytes;
  __builtin_memcpy(stack_bytes + (strings - stack_base), args.text, args.text_bytes);
  auto* out = reinterpret_cast<uint64_t*>(stack_bytes + (rsp - stack_base));
  out[0] = args.count;
  for (uint32_t i = 0; i < args.count; ++i) out[1 + i] = strings + args.offsets[i];
  out[1 + args.count] = 0;
  return rsp;
}

}  // namespace

Status load_program(const uint8_t* file, size_t size, const char* line, LoadedProgram* out) {
  out->reset();
  ElfImage image;
  TRY(parse_elf_image(file, size, &image));
  TRY(check_layout(image));
  Arguments args;
  TRY(split_line(line, &args));

  uint64_t page_count = kUserStackPages;
  for (size_t i = 0; i < image.segment_count; ++i) page_count += segment_pages(image.segments[i]);
  const uint64_t frames = TRY(kernel_frames().alloc_contiguous(page_count, 1));
  out->frames = Range<uint64_t>{frames, page_count * kPageSize};
  uint8_t* bytes = arch::phys_to_virt<uint8_t>(frames);
  __builtin_memset(bytes, 0, page_count * kPageSize);  // .bss and every gap are zero

  // Segments first, each on its own pages (the parser guarantees they share none), then the stack.
  VmOp ops[ElfImage::kMaxSegments + 1];
  uint64_t next_page = 0;
  for (size_t i = 0; i < image.segment_count; ++i) {
    const ElfSegment& s = image.segments[i];
    const uint64_t first = page_down(s.vaddr);
    __builtin_memcpy(bytes + next_page * kPageSize + (s.vaddr - first), file + s.file_offset,
                     s.file_bytes);
    ops[i] = vm_map_op(first, frames + next_page * kPageSize,
                       static_cast<uint32_t>(segment_pages(s)), s.rights);
    next_page += segment_pages(s);
  }
  const uint64_t stack_base = kUserStackTop - kUserStackBytes;
  ops[image.segment_count] =
      vm_map_op(stack_base, frames + next_page * kPageSize, kUserStackPages, kVmRead | kVmWrite);
  out->stack_pointer = write_arguments(args, bytes + next_page * kPageSize);
  out->entry = image.entry;

  Result<RefPtr<AddressSpace>> space =
      AddressSpace::create(FrameGrant{out->frames, kVmRead | kVmWrite | kVmExec});
  if (space.is_error()) {
    out->reset();
    return space.status();
  }
  out->space = space.release_value();
  const VmBatchResult mapped =
      out->space->apply(ops, static_cast<uint32_t>(image.segment_count + 1));
  if (mapped.status != Status::kOk) {
    out->reset();
    return mapped.status;
  }
  return Status::kOk;
}
