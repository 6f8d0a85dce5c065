// libFuzzer target for the parsers that read what firmware and the boot loader hand the kernel: the
// first byte picks the parser (multiboot2 block, MADT table, command line), the rest is its input,
// copied into an exactly-sized 8-byte aligned buffer so ASan sees any overread.
#include <stdlib.h>
#include <string.h>

#include "kernel/acpi/madt.h"
#include "kernel/boot/command_line.h"
#include "kernel/boot/multiboot2.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t which = data[0] % 3;
  ++data;
  --size;
  uint8_t* buf = static_cast<uint8_t*>(aligned_alloc(8, (size + 8) & ~size_t{7}));
  memcpy(buf, data, size);
  if (which == 0) {
    static BootInfo info;
    if (parse_multiboot2(buf, 0, size, &info) == Status::kOk) {
      for (size_t i = 0; i < info.module_count; ++i) (void)strlen(info.modules[i].string);
      (void)strlen(info.command_line);
    }
  } else if (which == 1) {
    static MadtInfo madt;
    (void)parse_madt_table(buf, size, &madt);
  } else {
    buf[size] = 0;  // the allocation has room: (size + 8) & ~7 > size
    CommandLine cmdline(reinterpret_cast<const char*>(buf));
    char out[16];
    (void)cmdline.uint_or("cpus", 1);
    (void)cmdline.flag("quiet");
    (void)cmdline.copy_value("test", out, sizeof out);
  }
  free(buf);
  return 0;
}
