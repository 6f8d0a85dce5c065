// Building a program's address space from a boot module: the ELF image checked by
// parse_elf_image, frames from the frame allocator, segment bytes copied and .bss zeroed, a stack
// with a guard page below it and the module line as argc/argv on it (abi/portcullis/
// program_layout.h), all mapped through AddressSpace::apply (the one mapping path). The result is
// what starts the program: the address space, the entry and the initial rsp. Today
// kernel/program/program_runner.h runs it on the current CPU; a thread will start it once threads
// exist.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/range.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/vm/address_space.h"

// A loaded program. Owns its frames (one contiguous run: the AddressSpace's frame grant) and frees
// them after its last use of the address space; the address space must not be loaded on any CPU
// by then.
class LoadedProgram {
 public:
  LoadedProgram() = default;
  LoadedProgram(const LoadedProgram&) = delete;
  LoadedProgram& operator=(const LoadedProgram&) = delete;
  ~LoadedProgram() { reset(); }

  void reset();  // drops the address space, then frees the frames

  RefPtr<AddressSpace> space;
  uint64_t entry = 0;
  uint64_t stack_pointer = 0;  // rsp at entry: argc, argv[], NULL, strings above
  Range<uint64_t> frames{};    // physical
};

// Loads the module `file` (`size` bytes) with `line` (its GRUB module line: name and arguments,
// split at spaces into argv). On error nothing is left allocated and `out` is reset:
//   parse_elf_image's answers (kernel/program/elf_image.h);
//   kAccessDenied     a segment in the user half's last page (kUserLastPage: see
//                     program_layout.h)
//   kInvalidArgument  a segment overlapping the stack or its guard page
//   kOutOfRange       more than kProgramMaxArgs arguments or a line longer than
//                     kProgramMaxLineBytes
//   kNoMemory         no contiguous run of frames, or no memory for the address space
[[nodiscard]] Status load_program(const uint8_t* file, size_t size, const char* line,
                                  LoadedProgram* out);
